package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.autolabel.DataKind;
import dev.verity.consolidation.Consensus;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.consolidation.CrowdAnswers;
import dev.verity.consolidation.JobAnswers;
import dev.verity.consolidation.WorkerModel;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classification with one label per object, shared by image and text: workers answer
 * {@code {"<element>":{"label":"<category>"}}}; answers are consolidated by the job's {@link ConsolidationMethod}
 * (Verity's own by default, or Ground Truth's modified Dawid–Skene EM); the output value is the chosen class index, with
 * its name and confidence in the metadata.
 */
public abstract class SingleLabelClassification extends FixedTaskType implements AutoLabeling {

    private static final String LABEL = "label";
    private static final String WORKER_COMMENT = "workerComment";
    private static final Set<String> ELEMENT_FIELDS = Set.of(LABEL, WORKER_COMMENT);

    private final String element;
    private final String expectedShape;

    /**
     * @param name          Ground Truth's task type name, e.g. {@code ImageMultiClass}
     * @param element       the crowd HTML element whose submission is the answer, e.g. {@code crowd-image-classifier}
     * @param outputType    the metadata {@code type}, e.g. {@code groundtruth/image-classification}
     * @param usesSourceRef true for {@code source-ref} objects (S3), false for inline {@code source} text
     */
    protected SingleLabelClassification(String name, String element, String outputType, boolean usesSourceRef) {
        super(name, outputType, usesSourceRef, 2);
        this.element = element;
        this.expectedShape = "expected {\"" + element + "\":{\"label\":\"<category>\"}} with an optional \""
                + WORKER_COMMENT + "\" string";
    }

    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return RefSuffixRule.mustNotEndInRef(labelAttributeName, name());
    }

    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        if (answerContent == null || !answerContent.isObject()) {
            throw shapeError("the answer is not a JSON object");
        }
        rejectUnexpectedFields(answerContent, Set.of(element), "");
        JsonNode answer = answerContent.get(element);
        if (answer == null || !answer.isObject()) {
            throw shapeError("\"" + element + "\" is " + (answer == null ? "missing" : "not an object"));
        }
        rejectUnexpectedFields(answer, ELEMENT_FIELDS, element + ".");
        JsonNode label = answer.get(LABEL);
        if (label == null || !label.isTextual()) {
            throw shapeError("\"" + element + ".label\" is " + (label == null ? "missing" : "not a string"));
        }
        JsonNode comment = answer.get(WORKER_COMMENT);
        boolean hasComment = comment != null && !comment.isNull();
        if (hasComment && !comment.isTextual()) {
            throw shapeError("\"" + element + ".workerComment\" is not a string");
        }
        if (categories.indexOf(label.textValue()) < 0) {
            throw new InvalidAnswerException("unknown label " + Json.write(label.textValue()) + "; allowed labels: "
                    + Json.write(categories.labelNames()));
        }
        ObjectNode normalized = Json.object();
        ObjectNode normalizedAnswer = normalized.putObject(element).put(LABEL, label.textValue());
        if (hasComment) {
            normalizedAnswer.put(WORKER_COMMENT, comment.textValue());
        }
        return normalized;
    }

    @Override
    public boolean choosesConsolidationMethod() {
        return true;
    }

    /**
     * The job's method over the batch alone: both methods model the workers, so a worker who agrees with the consensus
     * elsewhere in the batch outweighs one who does not. A worker counts once per object: a redelivered answer from
     * the same worker is ignored. A job measures its workers over all its chunks with {@link #estimateWorkers} and
     * consolidates with {@link #consolidate(List, LabelCategoryConfig, ConsolidationMethod, JsonNode)}.
     */
    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        CrowdAnswers answers = crowdAnswers(batch, categories);
        if (answers.items() == 0) {
            return List.of();
        }
        return labels(answers, categories, method.run(answers, goldClasses(batch, answers, categories)));
    }

    @Override
    public Optional<JobAnswers.Chunk> classAnswers(List<ObjectAnswers> chunk, LabelCategoryConfig categories) {
        CrowdAnswers answers = crowdAnswers(chunk, categories);
        return Optional.of(new JobAnswers.Chunk(answers, goldClasses(chunk, answers, categories)));
    }

    @Override
    public Optional<JsonNode> estimateWorkers(JobAnswers job, ConsolidationMethod method) {
        CrowdAnswers answers = job.answers();
        if (answers.items() == 0) {
            return Optional.empty();
        }
        return Optional.of(method.run(answers, job.known()).model().toJson());
    }

    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch,
            LabelCategoryConfig categories,
            ConsolidationMethod method,
            JsonNode workerModel) {
        CrowdAnswers answers = crowdAnswers(batch, categories);
        if (answers.items() == 0) {
            return List.of();
        }
        return labels(
                answers,
                categories,
                method.apply(answers, WorkerModel.fromJson(workerModel), goldClasses(batch, answers, categories)));
    }

    private CrowdAnswers crowdAnswers(List<ObjectAnswers> batch, LabelCategoryConfig categories) {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(categories.labels().size());
        for (ObjectAnswers object : batch) {
            for (WorkerAnswer answer : object.answers()) {
                builder.add(object.objectId(), answer.workerId(), classIndex(object.objectId(), answer, categories));
            }
        }
        return builder.build();
    }

    private static List<ConsolidatedLabel> labels(
            CrowdAnswers answers, LabelCategoryConfig categories, Consensus result) {
        List<ConsolidatedLabel> labels = new ArrayList<>(answers.items());
        // Items are numbered in order of first appearance, which keeps the batch's order.
        for (int item = 0; item < answers.items(); item++) {
            int label = result.label(item);
            ObjectNode metadata = Json.object()
                    .put("class-name", categories.labels().get(label).label())
                    .put("confidence", result.confidence(item));
            labels.add(new ConsolidatedLabel(answers.itemId(item), IntNode.valueOf(label), metadata));
        }
        return labels;
    }

    /** The known class of each item of {@code answers} that is a gold question, else -1. */
    private static int[] goldClasses(List<ObjectAnswers> batch, CrowdAnswers answers, LabelCategoryConfig categories) {
        Map<String, Integer> gold = new HashMap<>();
        for (ObjectAnswers object : batch) {
            if (object.gold() != null && categories.indexOf(object.gold().asText()) >= 0) {
                gold.put(object.objectId(), categories.indexOf(object.gold().asText()));
            }
        }
        int[] known = new int[answers.items()];
        for (int item = 0; item < known.length; item++) {
            known[item] = gold.getOrDefault(answers.itemId(item), -1);
        }
        return known;
    }

    @Override
    public Optional<AutoLabeling> autoLabeling() {
        return Optional.of(this);
    }

    @Override
    public DataKind dataKind() {
        return usesSourceRef() ? DataKind.IMAGE : DataKind.TEXT;
    }

    @Override
    public int classOf(JsonNode answerContent, LabelCategoryConfig categories) {
        return categories.indexOf(answerContent.path(element).path(LABEL).asText());
    }

    @Override
    public int classOf(ConsolidatedLabel label) {
        return label.value().asInt();
    }

    @Override
    public ConsolidatedLabel machineLabel(
            String objectId, int classIndex, double confidence, LabelCategoryConfig categories) {
        ObjectNode metadata = Json.object()
                .put("class-name", categories.labels().get(classIndex).label())
                .put(
                        "confidence",
                        BigDecimal.valueOf(confidence)
                                .setScale(2, RoundingMode.HALF_UP)
                                .doubleValue());
        return new ConsolidatedLabel(objectId, IntNode.valueOf(classIndex), metadata, null, false);
    }

    @Override
    public boolean supportsGold() {
        return true;
    }

    @Override
    public boolean matchesGold(JsonNode answer, String goldLabel) {
        return goldLabel.equals(answer.path(element).path(LABEL).asText(null));
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        ObjectNode config = Json.object().put("element", element).put("name", element);
        categories.labelNames().forEach(config.putArray("categories")::add);
        return config;
    }

    private int classIndex(String objectId, WorkerAnswer answer, LabelCategoryConfig categories) {
        try {
            JsonNode valid = validateAnswer(answer.answerContent(), categories);
            return categories.indexOf(valid.get(element).get(LABEL).textValue());
        } catch (InvalidAnswerException e) {
            throw new InvalidAnswerException(
                    "object " + objectId + ", worker " + answer.workerId() + ": " + e.getMessage());
        }
    }

    private void rejectUnexpectedFields(JsonNode object, Set<String> allowed, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw shapeError("unexpected field \"" + prefix + field + "\"");
            }
        }
    }

    private InvalidAnswerException shapeError(String reason) {
        return new InvalidAnswerException(reason + "; " + expectedShape);
    }
}
