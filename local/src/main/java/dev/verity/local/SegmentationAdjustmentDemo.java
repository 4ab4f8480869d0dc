package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ClassMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Semantic-segmentation adjustment, {@code AdjustmentSemanticSegmentation}, a chained job: every input line already
 * carries an earlier mask label under {@value #EARLIER} in Ground Truth's shape (the PNG in S3, its
 * {@code internal-color-map} in the metadata), each class's shapes moved by 1–3 px along each axis from the truth.
 * Workers start from the task's {@code initialValue}, the earlier mask; each class is repainted as the truth has it
 * with probability {@code accuracy}, else left as it was, and the answer says {@code initialValueModified} when
 * anything changed. Quality is the mean IoU per class, background excluded, printed next to the earlier labels' own.
 */
final class SegmentationAdjustmentDemo implements DemoTask<ClassMask> {

    static final String EARLIER = "shapes-ref";

    private final DemoStore store;

    SegmentationAdjustmentDemo(DemoStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "semantic-segmentation-adjustment";
    }

    @Override
    public String taskType() {
        return "AdjustmentSemanticSegmentation";
    }

    @Override
    public String labelAttribute() {
        return "shapes-adjusted-ref";
    }

    @Override
    public String title() {
        return "Correct the painted shapes";
    }

    @Override
    public String description() {
        return "Repaint the mask so that each shape is covered exactly, with its label";
    }

    @Override
    public String dataDescription() {
        return ShapeMasks.WIDTH + "x" + ShapeMasks.HEIGHT + " images of 1–3 shapes with earlier, slightly moved masks";
    }

    @Override
    public ObjectNode categories() {
        return ShapeScenes.categories();
    }

    @Override
    public List<DemoObject<ClassMask>> generate(int count, SplittableRandom random) {
        List<DemoObject<ClassMask>> objects = new ArrayList<>(count);
        for (ShapeMasks.Scene scene : ShapeMasks.generate(count, random)) {
            ClassMask earlier = scene.mask();
            for (int classIndex = 1; classIndex <= ShapeMasks.LABELS.size(); classIndex++) {
                earlier = MaskEdits.shifted(
                        earlier, classIndex, SegmentationDemo.shift(random), SegmentationDemo.shift(random));
            }
            String uri = store.put("earlier-masks/" + scene.name(), ShapeMasks.earlierPng(earlier));
            objects.add(DemoObject.image(scene.name(), scene.png(), scene.mask())
                    .withExtraFields(ShapeMasks.earlierLabel(EARLIER, uri)));
        }
        return objects;
    }

    @Override
    public JsonNode answer(JsonNode task, ClassMask truth, double accuracy, SplittableRandom random) {
        ClassMask earlier = ShapeMasks.fromInitialValue(task.at("/taskInput/initialValue"), store);
        ClassMask adjusted = earlier;
        for (int classIndex = 1; classIndex <= ShapeMasks.LABELS.size(); classIndex++) {
            if (random.nextDouble() < accuracy) {
                adjusted = MaskEdits.fixed(adjusted, truth, classIndex);
            }
        }
        return ShapeMasks.answer(adjusted, !Arrays.equals(adjusted.classes(), earlier.classes()));
    }

    @Override
    public ClassMask fromAnswer(JsonNode answerContent) {
        return ShapeMasks.fromAnswer(answerContent);
    }

    @Override
    public ClassMask fromOutput(JsonNode line) {
        return ShapeMasks.fromLabel(line, labelAttribute(), store);
    }

    @Override
    public Optional<ClassMask> earlier(JsonNode inputLine) {
        return Optional.of(ShapeMasks.fromLabel(inputLine, EARLIER, store));
    }

    @Override
    public DemoQuality<ClassMask> quality() {
        return new DemoQuality.MaskIoU(ShapeMasks.LABELS);
    }
}
