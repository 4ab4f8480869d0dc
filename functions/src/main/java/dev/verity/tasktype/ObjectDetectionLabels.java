package dev.verity.tasktype;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.Box;
import dev.verity.consolidation.BoxConsolidation;
import dev.verity.consolidation.BoxConsolidation.ConsensusBox;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@code crowd-bounding-box} answers into Ground Truth's object-detection labels, consolidated by
 * {@link BoxConsolidation}. The value is {@code {"image_size":[{"width","height","depth":3}],
 * "annotations":[{"class_id","left","top","width","height"}]}} in whole pixels; the metadata holds
 * {@code objects:[{"confidence"}]} in the order of the annotations and {@code class-map} from the class ids that
 * occur to their names (Ground Truth's documented example lists only those), plus {@code adjustment-status} for
 * adjustment jobs.
 */
final class ObjectDetectionLabels {

    static final String OUTPUT_TYPE = "groundtruth/object-detection";
    // Ground Truth always writes 3 (RGB); the worker's answer does not say.
    private static final int DEPTH = 3;

    private ObjectDetectionLabels() {}

    /**
     * @param adjusting true for adjustment jobs: answers must say {@code initialValueModified}, and the metadata says
     *                  {@code adjusted} if any worker changed the earlier boxes, else {@code unadjusted}
     */
    static List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, boolean adjusting) {
        List<ObjectAnswers> answered =
                batch.stream().filter(object -> !object.answers().isEmpty()).toList();
        List<List<BoxAnswer>> answers = new ArrayList<>();
        List<BoxConsolidation.Image> images = new ArrayList<>();
        for (ObjectAnswers object : answered) {
            Map<String, BoxAnswer> byWorker = new LinkedHashMap<>();
            // A redelivered submission from the same worker counts once: the first one.
            object.answers()
                    .forEach(answer -> byWorker.computeIfAbsent(
                            answer.workerId(), worker -> parse(object.objectId(), answer, categories, adjusting)));
            answers.add(List.copyOf(byWorker.values()));
            images.add(new BoxConsolidation.Image(
                    object.objectId(),
                    byWorker.entrySet().stream()
                            .map(e -> new BoxConsolidation.WorkerBoxes(
                                    e.getKey(), e.getValue().boxes()))
                            .toList()));
        }
        List<List<ConsensusBox>> consolidated = BoxConsolidation.consolidate(images);
        List<ConsolidatedLabel> labels = new ArrayList<>();
        for (int i = 0; i < answered.size(); i++) {
            labels.add(label(answered.get(i).objectId(), answers.get(i), consolidated.get(i), categories, adjusting));
        }
        return labels;
    }

    private static BoxAnswer parse(
            String objectId, WorkerAnswer answer, LabelCategoryConfig categories, boolean adjusting) {
        try {
            return BoxAnswer.parse(answer.answerContent(), categories, adjusting);
        } catch (InvalidAnswerException e) {
            throw new InvalidAnswerException(
                    "object " + objectId + ", worker " + answer.workerId() + ": " + e.getMessage());
        }
    }

    private static ConsolidatedLabel label(
            String objectId,
            List<BoxAnswer> answers,
            List<ConsensusBox> boxes,
            LabelCategoryConfig categories,
            boolean adjusting) {
        BoxAnswer size = commonestImageSize(answers);
        ObjectNode value = Json.object();
        value.putArray("image_size")
                .addObject()
                .put("width", size.imageWidth())
                .put("height", size.imageHeight())
                .put("depth", DEPTH);
        ArrayNode annotations = value.putArray("annotations");
        ObjectNode metadata = Json.object();
        ArrayNode objects = metadata.putArray("objects");
        Map<Integer, String> classMap = new TreeMap<>();
        for (ConsensusBox consensus : boxes) {
            Box box = consensus.box();
            int left = (int) Math.round(box.left());
            int top = (int) Math.round(box.top());
            // Round the edges, not the sizes, so a box inside the image stays inside; a sub-pixel box keeps 1 px.
            int right = Math.max((int) Math.round(box.right()), left + 1);
            int bottom = Math.max((int) Math.round(box.bottom()), top + 1);
            annotations
                    .addObject()
                    .put("class_id", box.classId())
                    .put("left", left)
                    .put("top", top)
                    .put("width", right - left)
                    .put("height", bottom - top);
            objects.addObject().put("confidence", consensus.confidence());
            classMap.put(box.classId(), categories.labels().get(box.classId()).label());
        }
        ObjectNode classMapNode = metadata.putObject("class-map");
        classMap.forEach((id, name) -> classMapNode.put(String.valueOf(id), name));
        if (adjusting) {
            boolean adjusted = answers.stream().anyMatch(answer -> Boolean.TRUE.equals(answer.initialValueModified()));
            metadata.put("adjustment-status", adjusted ? "adjusted" : "unadjusted");
        }
        return new ConsolidatedLabel(objectId, value, metadata);
    }

    /** Workers see the same image, so they report one size; should they not, the size most of them report wins. */
    private static BoxAnswer commonestImageSize(List<BoxAnswer> answers) {
        Map<List<Integer>, Integer> counts = new LinkedHashMap<>();
        answers.forEach(a -> counts.merge(List.of(a.imageWidth(), a.imageHeight()), 1, Integer::sum));
        List<Integer> size = counts.entrySet().stream()
                .max(Comparator.comparingInt(Map.Entry::getValue))
                .orElseThrow()
                .getKey();
        return answers.stream()
                .filter(a -> a.imageWidth() == size.get(0) && a.imageHeight() == size.get(1))
                .findFirst()
                .orElseThrow();
    }
}
