package dev.verity.tasktype;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.MaskConsolidation;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code crowd-semantic-segmentation} answers into Ground Truth's semantic-segmentation labels, consolidated by
 * {@link MaskConsolidation}. The label carries the consolidated mask as a PNG in {@link MaskPalette}'s colours; its
 * value stays null until the output step stores the PNG and puts its S3 URI there. The metadata holds
 * {@code internal-color-map}: every class, {@code "0"} BACKGROUND {@code #ffffff} and then the job's labels from
 * {@code "1"} in category order, each {@code {class-name, confidence, hex-color}} with the image's one confidence;
 * adjustment jobs add {@code adjustment-status}.
 */
final class SegmentationLabels {

    static final String OUTPUT_TYPE = "groundtruth/semantic-segmentation";
    static final String BACKGROUND_NAME = "BACKGROUND";
    static final String COLOR_MAP = "internal-color-map";

    private SegmentationLabels() {}

    /**
     * @param adjusting true for adjustment jobs: answers must say {@code initialValueModified}, and the metadata says
     *                  {@code adjusted} if any worker changed the earlier mask, else {@code unadjusted}
     */
    static List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, boolean adjusting) {
        List<ConsolidatedLabel> labels = new ArrayList<>();
        for (ObjectAnswers object : batch) {
            if (object.answers().isEmpty()) {
                continue;
            }
            Map<String, SegmentationAnswer> byWorker = new LinkedHashMap<>();
            // A redelivered submission from the same worker counts once: the first one.
            object.answers()
                    .forEach(answer -> byWorker.computeIfAbsent(
                            answer.workerId(), worker -> parse(object.objectId(), answer, categories, adjusting)));
            labels.add(label(object.objectId(), List.copyOf(byWorker.values()), categories, adjusting));
        }
        return labels;
    }

    private static SegmentationAnswer parse(
            String objectId, WorkerAnswer answer, LabelCategoryConfig categories, boolean adjusting) {
        try {
            return SegmentationAnswer.parse(answer.answerContent(), categories, adjusting);
        } catch (InvalidAnswerException e) {
            throw new InvalidAnswerException(
                    "object " + objectId + ", worker " + answer.workerId() + ": " + e.getMessage());
        }
    }

    private static ConsolidatedLabel label(
            String objectId, List<SegmentationAnswer> answers, LabelCategoryConfig categories, boolean adjusting) {
        List<PaintedMask> masks =
                commonestSize(answers).stream().map(SegmentationAnswer::mask).toList();
        MaskConsolidation.Result result = MaskConsolidation.consolidate(masks);
        int[] palette = new int[categories.labels().size() + 1];
        for (int classIndex = 0; classIndex < palette.length; classIndex++) {
            palette[classIndex] = MaskPalette.colour(classIndex);
        }
        ObjectNode metadata = Json.object();
        ObjectNode colorMap = metadata.putObject(COLOR_MAP);
        for (int classIndex = 0; classIndex < palette.length; classIndex++) {
            colorMap.putObject(String.valueOf(classIndex))
                    .put(
                            "class-name",
                            classIndex == 0
                                    ? BACKGROUND_NAME
                                    : categories.labels().get(classIndex - 1).label())
                    .put("confidence", result.confidence())
                    .put("hex-color", MaskPalette.hex(palette[classIndex]));
        }
        if (adjusting) {
            boolean adjusted = answers.stream().anyMatch(answer -> Boolean.TRUE.equals(answer.initialValueModified()));
            metadata.put("adjustment-status", adjusted ? "adjusted" : "unadjusted");
        }
        return new ConsolidatedLabel(objectId, NullNode.getInstance(), metadata, MaskPng.write(result.mask(), palette));
    }

    /** Workers see the same image, so they report one size; should they not, the size most of them report wins. */
    private static List<SegmentationAnswer> commonestSize(List<SegmentationAnswer> answers) {
        Map<List<Integer>, List<SegmentationAnswer>> bySize = new LinkedHashMap<>();
        answers.forEach(a -> bySize.computeIfAbsent(List.of(a.imageWidth(), a.imageHeight()), k -> new ArrayList<>())
                .add(a));
        return bySize.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
    }
}
