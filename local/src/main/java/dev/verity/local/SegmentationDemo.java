package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ClassMask;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Semantic segmentation, {@code SemanticSegmentation}: one to three shapes per small image ({@link ShapeMasks}), the
 * truth being the pixel-exact class mask. A worker paints the true mask, except that for each class in the image,
 * with probability {@code 1 − accuracy}, the worker moves its shapes by up to 3 px, paints them 1–2 px too wide or
 * calls them another shape. The consolidated mask is read back from S3 through the output line's URI. Quality is the
 * mean IoU per class, background excluded, with pixel accuracy.
 */
final class SegmentationDemo implements DemoTask<ClassMask> {

    private static final int MAX_SHIFT = 3;

    private final DemoStore store;

    SegmentationDemo(DemoStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "semantic-segmentation";
    }

    @Override
    public String taskType() {
        return "SemanticSegmentation";
    }

    @Override
    public String labelAttribute() {
        return "shapes-ref";
    }

    @Override
    public String title() {
        return "Paint every shape";
    }

    @Override
    public String description() {
        return "Paint each circle, square and triangle with its label; leave the background";
    }

    @Override
    public String dataDescription() {
        return ShapeMasks.WIDTH + "x" + ShapeMasks.HEIGHT + " images of 1–3 circles, squares and triangles";
    }

    @Override
    public ObjectNode categories() {
        return ShapeScenes.categories();
    }

    @Override
    public List<DemoObject<ClassMask>> generate(int count, SplittableRandom random) {
        return ShapeMasks.generate(count, random).stream()
                .map(scene -> DemoObject.image(scene.name(), scene.png(), scene.mask()))
                .toList();
    }

    @Override
    public JsonNode answer(JsonNode task, ClassMask truth, double accuracy, SplittableRandom random) {
        ClassMask painted = truth;
        for (int classIndex = 1; classIndex <= ShapeMasks.LABELS.size(); classIndex++) {
            if (!MaskEdits.contains(truth, classIndex) || random.nextDouble() < accuracy) {
                continue;
            }
            painted = switch (random.nextInt(3)) {
                case 0 -> MaskEdits.shifted(painted, classIndex, shift(random), shift(random));
                case 1 -> MaskEdits.dilated(painted, classIndex, 1 + random.nextInt(2));
                default ->
                    MaskEdits.relabeled(
                            painted,
                            classIndex,
                            1 + (classIndex + random.nextInt(ShapeMasks.LABELS.size() - 1)) % ShapeMasks.LABELS.size());
            };
        }
        return ShapeMasks.answer(painted, null);
    }

    /** A move along one axis of 1 to {@value #MAX_SHIFT} px either way. */
    static int shift(SplittableRandom random) {
        int pixels = 1 + random.nextInt(MAX_SHIFT);
        return random.nextBoolean() ? pixels : -pixels;
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
    public DemoQuality<ClassMask> quality() {
        return new DemoQuality.MaskIoU(ShapeMasks.LABELS);
    }
}
