package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.MajorityVote;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Image classification with one label per image: Ground Truth's {@code ImageMultiClass}. Workers answer with the
 * {@code crowd-image-classifier} element; answers are consolidated by {@link MajorityVote}; the output value is the
 * winning class index, with its name and confidence in the metadata.
 */
public final class ImageClassification implements TaskType {

    static final String NAME = "ImageMultiClass";
    private static final String ELEMENT = "crowd-image-classifier";
    private static final String LABEL = "label";
    private static final String WORKER_COMMENT = "workerComment";
    private static final Set<String> ELEMENT_FIELDS = Set.of(LABEL, WORKER_COMMENT);
    private static final String EXPECTED_SHAPE =
            "expected {\"" + ELEMENT + "\":{\"label\":\"<category>\"}} with an optional \"workerComment\" string";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String outputType() {
        return "groundtruth/image-classification";
    }

    @Override
    public boolean usesSourceRef() {
        return true;
    }

    @Override
    public int minLabels() {
        return 2;
    }

    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return labelAttributeName.endsWith("-ref")
                ? Optional.of("must not end in \"-ref\" for task type " + NAME + ", got \"" + labelAttributeName + "\"")
                : Optional.empty();
    }

    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        if (answerContent == null || !answerContent.isObject()) {
            throw shapeError("the answer is not a JSON object");
        }
        rejectUnexpectedFields(answerContent, Set.of(ELEMENT), "");
        JsonNode element = answerContent.get(ELEMENT);
        if (element == null || !element.isObject()) {
            throw shapeError("\"" + ELEMENT + "\" is " + (element == null ? "missing" : "not an object"));
        }
        rejectUnexpectedFields(element, ELEMENT_FIELDS, ELEMENT + ".");
        JsonNode label = element.get(LABEL);
        if (label == null || !label.isTextual()) {
            throw shapeError("\"" + ELEMENT + ".label\" is " + (label == null ? "missing" : "not a string"));
        }
        JsonNode comment = element.get(WORKER_COMMENT);
        boolean hasComment = comment != null && !comment.isNull();
        if (hasComment && !comment.isTextual()) {
            throw shapeError("\"" + ELEMENT + ".workerComment\" is not a string");
        }
        if (categories.indexOf(label.textValue()) < 0) {
            throw new InvalidAnswerException("unknown label " + Json.write(label.textValue()) + "; allowed labels: "
                    + Json.write(categories.labelNames()));
        }
        ObjectNode normalized = Json.object();
        ObjectNode answer = normalized.putObject(ELEMENT).put(LABEL, label.textValue());
        if (hasComment) {
            answer.put(WORKER_COMMENT, comment.textValue());
        }
        return normalized;
    }

    /**
     * Majority vote per object. A worker counts once: if the same worker's answer arrives twice (a redelivered
     * submission), only the first is counted.
     */
    @Override
    public List<ConsolidatedLabel> consolidate(List<ObjectAnswers> batch, LabelCategoryConfig categories) {
        List<ConsolidatedLabel> labels = new ArrayList<>();
        for (ObjectAnswers object : batch) {
            if (object.answers().isEmpty()) {
                continue;
            }
            Map<String, WorkerAnswer> byWorker = new LinkedHashMap<>();
            object.answers().forEach(answer -> byWorker.putIfAbsent(answer.workerId(), answer));
            List<Integer> votes = byWorker.values().stream()
                    .map(answer -> classIndex(object.objectId(), answer, categories)).toList();
            MajorityVote.Outcome outcome = MajorityVote.decide(votes, object.objectId());
            ObjectNode metadata = Json.object()
                    .put("class-name", categories.labels().get(outcome.winner()).label())
                    .put("confidence", outcome.confidence());
            labels.add(new ConsolidatedLabel(object.objectId(), IntNode.valueOf(outcome.winner()), metadata));
        }
        return labels;
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        ObjectNode config = Json.object().put("element", ELEMENT).put("name", ELEMENT);
        categories.labelNames().forEach(config.putArray("categories")::add);
        return config;
    }

    @Override
    public void writeLabel(ObjectNode line, String labelAttributeName, ConsolidatedLabel label, String jobName,
            Instant creationDate) {
        HumanLabelWriter.write(line, labelAttributeName, label, outputType(), jobName, creationDate);
    }

    private int classIndex(String objectId, WorkerAnswer answer, LabelCategoryConfig categories) {
        try {
            JsonNode valid = validateAnswer(answer.answerContent(), categories);
            return categories.indexOf(valid.get(ELEMENT).get(LABEL).textValue());
        } catch (InvalidAnswerException e) {
            throw new InvalidAnswerException("object " + objectId + ", worker " + answer.workerId() + ": "
                    + e.getMessage());
        }
    }

    private static void rejectUnexpectedFields(JsonNode object, Set<String> allowed, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw shapeError("unexpected field \"" + prefix + name + "\"");
            }
        }
    }

    private static InvalidAnswerException shapeError(String reason) {
        return new InvalidAnswerException(reason + "; " + EXPECTED_SHAPE);
    }
}
