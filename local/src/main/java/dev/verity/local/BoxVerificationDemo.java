package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bounding-box verification, {@code VerificationBoundingBox}, a chained job: every input line carries an earlier box
 * label under {@value #EARLIER}; about half are right (within a pixel) and the others wrong in one way — a box
 * missing, mislabeled or shifted by half its size. The truth is {@code good} or {@code bad}; a worker judges rightly
 * with probability {@code accuracy} and sometimes leaves a comment on a bad label. Quality is accuracy.
 */
final class BoxVerificationDemo implements DemoTask<String> {

    static final String EARLIER = "shapes";
    static final String GOOD = "good";
    static final String BAD = "bad";

    @Override
    public String name() {
        return "bounding-box-verification";
    }

    @Override
    public String taskType() {
        return "VerificationBoundingBox";
    }

    @Override
    public String labelAttribute() {
        return "shapes-verified";
    }

    @Override
    public String title() {
        return "Are the boxes right?";
    }

    @Override
    public String description() {
        return "Say whether every shape has a tight box with the right label";
    }

    @Override
    public String dataDescription() {
        return "images of 1–3 shapes with earlier boxes, some of them wrong";
    }

    @Override
    public ObjectNode categories() {
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        categories.withArray("labels").addObject().put("label", GOOD);
        categories.withArray("labels").addObject().put("label", BAD);
        return categories;
    }

    @Override
    public List<DemoObject<String>> generate(int count, SplittableRandom random) {
        List<DemoObject<String>> objects = new ArrayList<>(count);
        for (ShapeScenes.Scene scene : ShapeScenes.generate(count, random)) {
            List<DemoBox> earlier = new ArrayList<>(scene.boxes().stream()
                    .map(box -> box.jittered(random, 1, ShapeScenes.WIDTH, ShapeScenes.HEIGHT))
                    .toList());
            boolean good = random.nextBoolean();
            if (!good) {
                int victim = random.nextInt(earlier.size());
                DemoBox box = earlier.get(victim);
                switch (random.nextInt(3)) {
                    case 0 -> earlier.remove(victim);
                    case 1 -> earlier.set(victim, box.withLabel(BoundingBoxDemo.otherLabel(box.label(), random)));
                    default -> earlier.set(victim, shifted(box));
                }
            }
            objects.add(DemoObject.image(scene.name(), scene.png(), good ? GOOD : BAD)
                    .withExtraFields(ShapeScenes.earlierLabel(EARLIER, earlier)));
        }
        return objects;
    }

    /** The box moved by half its size, towards the image's middle so it stays inside. */
    private static DemoBox shifted(DemoBox box) {
        double dx = box.left() + box.width() / 2 < ShapeScenes.WIDTH / 2.0 ? box.width() / 2 : -box.width() / 2;
        double dy = box.top() + box.height() / 2 < ShapeScenes.HEIGHT / 2.0 ? box.height() / 2 : -box.height() / 2;
        return new DemoBox(
                box.label(), Math.round(box.left() + dx), Math.round(box.top() + dy), box.width(), box.height());
    }

    @Override
    public JsonNode answer(JsonNode task, String truth, double accuracy, SplittableRandom random) {
        String judgement = random.nextDouble() < accuracy ? truth : (truth.equals(GOOD) ? BAD : GOOD);
        ObjectNode answer = Json.object();
        ObjectNode element = answer.putObject("crowd-image-classifier").put("label", judgement);
        if (judgement.equals(BAD) && random.nextInt(4) == 0) {
            element.put("workerComment", "a box is missing, mislabeled or off its shape");
        }
        return answer;
    }

    @Override
    public String fromAnswer(JsonNode answerContent) {
        return answerContent.path("crowd-image-classifier").path("label").asText();
    }

    @Override
    public String fromOutput(JsonNode line) {
        return line.path(labelAttribute() + "-metadata").path("class-name").asText(null);
    }

    @Override
    public DemoQuality<String> quality() {
        return new DemoQuality.Accuracy<>();
    }
}
