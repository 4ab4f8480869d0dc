package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Bounding-box adjustment, {@code AdjustmentBoundingBox}, a chained job: every input line already carries an earlier
 * box label under {@value #EARLIER} in Ground Truth's object-detection shape, a few pixels off the truth (each edge by
 * up to {@value #EARLIER_ERROR} px). Workers read the earlier boxes from {@code taskInput.manifestLine}; each box is
 * fixed (to within a pixel) with probability {@code accuracy}, else left as it was, and the answer says
 * {@code initialValueModified} when anything changed. Quality is the mean IoU of matched boxes, printed next to the
 * earlier labels' own.
 */
final class BoxAdjustmentDemo implements DemoTask<List<DemoBox>> {

    static final String EARLIER = "shapes";
    static final int EARLIER_ERROR = 5;

    @Override
    public String name() {
        return "bounding-box-adjustment";
    }

    @Override
    public String taskType() {
        return "AdjustmentBoundingBox";
    }

    @Override
    public String labelAttribute() {
        return "shapes-adjusted";
    }

    @Override
    public String title() {
        return "Adjust the boxes to fit the shapes";
    }

    @Override
    public String description() {
        return "Move the edges of each box so that it fits its shape tightly";
    }

    @Override
    public String dataDescription() {
        return "images of 1–3 shapes with earlier, slightly wrong boxes";
    }

    @Override
    public ObjectNode categories() {
        return ShapeScenes.categories();
    }

    @Override
    public List<DemoObject<List<DemoBox>>> generate(int count, SplittableRandom random) {
        List<DemoObject<List<DemoBox>>> objects = new ArrayList<>(count);
        for (ShapeScenes.Scene scene : ShapeScenes.generate(count, random)) {
            List<DemoBox> earlier = scene.boxes().stream()
                    .map(box -> box.jittered(random, EARLIER_ERROR, ShapeScenes.WIDTH, ShapeScenes.HEIGHT))
                    .toList();
            objects.add(DemoObject.image(scene.name(), scene.png(), scene.boxes())
                    .withExtraFields(ShapeScenes.earlierLabel(EARLIER, earlier)));
        }
        return objects;
    }

    @Override
    public JsonNode answer(JsonNode task, List<DemoBox> truth, double accuracy, SplittableRandom random) {
        List<DemoBox> earlier = ShapeScenes.fromLabel(task.at("/taskInput/manifestLine"), EARLIER);
        List<DemoBox> adjusted = new ArrayList<>();
        for (DemoBox box : earlier) {
            DemoBox target = truth.stream()
                    .max(java.util.Comparator.comparingDouble(box::iou))
                    .orElse(box);
            adjusted.add(
                    random.nextDouble() < accuracy
                            ? target.jittered(random, 1, ShapeScenes.WIDTH, ShapeScenes.HEIGHT)
                            : box);
        }
        return ShapeScenes.boxAnswer(adjusted, !adjusted.equals(earlier));
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
    public Optional<List<DemoBox>> earlier(JsonNode inputLine) {
        return Optional.of(ShapeScenes.fromLabel(inputLine, EARLIER));
    }

    @Override
    public DemoQuality<List<DemoBox>> quality() {
        return new DemoQuality.BoxMatch();
    }
}
