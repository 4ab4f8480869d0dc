package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bounding boxes, {@code BoundingBox}: one to three shapes per image ({@link ShapeScenes}), the truth being their
 * bounding rectangles. Every worker's edges are off by a pixel or so; with probability {@code 1 − accuracy} per box
 * the worker also misses the box, labels it wrongly or draws it loosely (edges off by up to 6 px), and with the same
 * probability per image adds a box around nothing. Quality is the mean IoU of matched boxes, with box recall.
 */
final class BoundingBoxDemo implements DemoTask<List<DemoBox>> {

    @Override
    public String name() {
        return "bounding-box";
    }

    @Override
    public String taskType() {
        return "BoundingBox";
    }

    @Override
    public String labelAttribute() {
        return "shapes";
    }

    @Override
    public String title() {
        return "Draw a box around every shape";
    }

    @Override
    public String description() {
        return "Draw a tight box around each circle, square and triangle and label it";
    }

    @Override
    public String dataDescription() {
        return "images of 1–3 circles, squares and triangles";
    }

    @Override
    public ObjectNode categories() {
        return ShapeScenes.categories();
    }

    @Override
    public List<DemoObject<List<DemoBox>>> generate(int count, SplittableRandom random) {
        return ShapeScenes.generate(count, random).stream()
                .map(scene -> DemoObject.image(scene.name(), scene.png(), scene.boxes()))
                .toList();
    }

    @Override
    public JsonNode answer(JsonNode task, List<DemoBox> truth, double accuracy, SplittableRandom random) {
        return ShapeScenes.boxAnswer(draw(truth, accuracy, random), null);
    }

    /** What a worker of this accuracy draws for these true boxes. */
    static List<DemoBox> draw(List<DemoBox> truth, double accuracy, SplittableRandom random) {
        List<DemoBox> drawn = new ArrayList<>();
        for (DemoBox box : truth) {
            DemoBox mine = box.jittered(random, 1, ShapeScenes.WIDTH, ShapeScenes.HEIGHT);
            if (random.nextDouble() >= accuracy) {
                int mistake = random.nextInt(3);
                if (mistake == 0) {
                    continue; // missed
                }
                mine = mistake == 1
                        ? mine.withLabel(otherLabel(box.label(), random))
                        : box.jittered(random, 6, ShapeScenes.WIDTH, ShapeScenes.HEIGHT);
            }
            drawn.add(mine);
        }
        if (random.nextDouble() >= accuracy) { // a box around nothing
            int size = 10 + random.nextInt(20);
            drawn.add(new DemoBox(
                    ShapeScenes.LABELS.get(random.nextInt(ShapeScenes.LABELS.size())),
                    random.nextInt(ShapeScenes.WIDTH - size),
                    random.nextInt(ShapeScenes.HEIGHT - size),
                    size,
                    size));
        }
        return drawn;
    }

    static String otherLabel(String label, SplittableRandom random) {
        List<String> others =
                ShapeScenes.LABELS.stream().filter(l -> !l.equals(label)).toList();
        return others.get(random.nextInt(others.size()));
    }

    @Override
    public List<DemoBox> fromAnswer(JsonNode answerContent) {
        return ShapeScenes.fromBoxAnswer(answerContent);
    }

    @Override
    public List<DemoBox> fromOutput(JsonNode line) {
        return ShapeScenes.fromLabel(line, labelAttribute());
    }

    @Override
    public DemoQuality<List<DemoBox>> quality() {
        return new DemoQuality.BoxMatch();
    }
}
