package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.consolidation.MultiLabelEm;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classification with any number of labels per object: Ground Truth's {@code ImageMultiClassMultiLabel} (images,
 * {@code source-ref}) and {@code TextMultiClassMultiLabel} (inline text, {@code source}), one class configured per
 * variant. Workers answer with the variant's multi-select crowd element, ticking at least one category (Ground Truth
 * offers no "none" choice in its built-in UI; a job wanting one adds a category for it).
 *
 * <p>Answers are consolidated by {@link MultiLabelEm}. As Ground Truth documents, the output value is every class id
 * ticked by at least one worker, and the EM's posterior that the label applies is its confidence in
 * {@code confidence-map}, rounded to 2 decimals. Labels are not dropped when the posterior is low: Ground Truth's own
 * example carries a label at 0.2, and a consumer wanting the EM's verdict keeps the ids with confidence of at least
 * 0.5. Ids are ordered by confidence, highest first (as in that example), then by id; {@code class-map} and
 * {@code confidence-map} follow the same order. With one worker every confidence is 0, Ground Truth's rule.
 */
public final class MultiLabelClassification extends FixedTaskType {

    static final String IMAGE_NAME = "ImageMultiClassMultiLabel";
    static final String TEXT_NAME = "TextMultiClassMultiLabel";
    /** Ground Truth's limit on categories for both multi-label types, through the API and the console. */
    static final int MAX_LABELS = 50;

    private static final String LABELS = "labels";

    private final String element;
    private final MultiLabelEm em = new MultiLabelEm();

    private MultiLabelClassification(String name, String outputType, String element, boolean usesSourceRef) {
        super(name, outputType, usesSourceRef, 2);
        this.element = element;
    }

    /** {@code ImageMultiClassMultiLabel}: element {@code crowd-image-classifier-multi-select}. */
    public static MultiLabelClassification image() {
        return new MultiLabelClassification(
                IMAGE_NAME, "groundtruth/image-classification-multilabel", "crowd-image-classifier-multi-select", true);
    }

    /** {@code TextMultiClassMultiLabel}: element {@code crowd-classifier-multi-select}. */
    public static MultiLabelClassification text() {
        return new MultiLabelClassification(
                TEXT_NAME, "groundtruth/text-classification-multilabel", "crowd-classifier-multi-select", false);
    }

    /** Ground Truth allows at most 50 categories for multi-label jobs. */
    @Override
    public Optional<String> checkCategories(LabelCategoryConfig categories) {
        return CategoryLimit.atMost(CategoryLimit.GROUND_TRUTH_MAX, name(), categories);
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
        rejectUnexpectedFields(answerContent, element, "");
        JsonNode answer = answerContent.get(element);
        if (answer == null || !answer.isObject()) {
            throw shapeError("\"" + element + "\" is " + (answer == null ? "missing" : "not an object"));
        }
        rejectUnexpectedFields(answer, LABELS, element + ".");
        JsonNode labels = answer.get(LABELS);
        String field = "\"" + element + ".labels\"";
        if (labels == null || !labels.isArray()) {
            throw shapeError(field + " is " + (labels == null ? "missing" : "not an array"));
        }
        if (labels.isEmpty()) {
            throw new InvalidAnswerException(
                    field + " is empty; tick at least one of " + Json.write(categories.labelNames()));
        }
        ArrayNode normalized = Json.array();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode label : labels) {
            if (!label.isTextual()) {
                throw shapeError(field + " holds " + label + ", not a string");
            }
            if (categories.indexOf(label.textValue()) < 0) {
                throw new InvalidAnswerException("unknown label " + Json.write(label.textValue()) + "; allowed labels: "
                        + Json.write(categories.labelNames()));
            }
            if (!seen.add(label.textValue())) {
                throw new InvalidAnswerException("label " + Json.write(label.textValue()) + " is ticked twice");
            }
            normalized.add(label.textValue());
        }
        ObjectNode result = Json.object();
        result.putObject(element).set(LABELS, normalized);
        return result;
    }

    /**
     * One EM run over the whole batch, so that workers' reliability learnt on some objects weighs their answers on
     * the others. A worker counts once per object: a redelivered submission after the first is ignored.
     */
    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        List<ObjectAnswers> answered =
                batch.stream().filter(object -> !object.answers().isEmpty()).toList();
        List<Map<String, Set<Integer>>> ticks =
                answered.stream().map(object -> ticks(object, categories)).toList();
        MultiLabelEm.Estimate estimate = em.estimate(ticks, categories.labels().size());
        List<ConsolidatedLabel> labels = new ArrayList<>();
        for (int i = 0; i < answered.size(); i++) {
            labels.add(label(answered.get(i).objectId(), ticks.get(i), estimate, i, categories));
        }
        return labels;
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        ObjectNode config = Json.object().put("element", element).put("name", element);
        categories.labelNames().forEach(config.putArray("categories")::add);
        return config;
    }

    private Map<String, Set<Integer>> ticks(ObjectAnswers object, LabelCategoryConfig categories) {
        Map<String, Set<Integer>> byWorker = new LinkedHashMap<>();
        for (WorkerAnswer answer : object.answers()) {
            if (!byWorker.containsKey(answer.workerId())) {
                byWorker.put(answer.workerId(), ticked(object.objectId(), answer, categories));
            }
        }
        return byWorker;
    }

    private Set<Integer> ticked(String objectId, WorkerAnswer answer, LabelCategoryConfig categories) {
        try {
            JsonNode valid = validateAnswer(answer.answerContent(), categories);
            Set<Integer> indices = new LinkedHashSet<>();
            valid.get(element).get(LABELS).forEach(label -> indices.add(categories.indexOf(label.textValue())));
            return indices;
        } catch (InvalidAnswerException e) {
            throw new InvalidAnswerException(
                    "object " + objectId + ", worker " + answer.workerId() + ": " + e.getMessage());
        }
    }

    private static ConsolidatedLabel label(
            String objectId,
            Map<String, Set<Integer>> ticks,
            MultiLabelEm.Estimate estimate,
            int object,
            LabelCategoryConfig categories) {
        boolean alone = ticks.size() == 1;
        Map<Integer, Double> confidences = new LinkedHashMap<>();
        ticks.values().stream()
                .flatMap(Set::stream)
                .distinct()
                .forEach(id -> confidences.put(id, alone ? 0.0 : rounded(estimate.posterior(object, id))));
        List<Integer> ids = confidences.keySet().stream()
                .sorted(Comparator.comparing((Integer id) -> confidences.get(id))
                        .reversed()
                        .thenComparing(id -> id))
                .toList();
        ArrayNode value = Json.array();
        ObjectNode metadata = Json.object();
        ObjectNode classMap = metadata.putObject("class-map");
        ObjectNode confidenceMap = metadata.putObject("confidence-map");
        for (int id : ids) {
            value.add(id);
            classMap.put(Integer.toString(id), categories.labels().get(id).label());
            confidenceMap.put(Integer.toString(id), confidences.get(id));
        }
        return new ConsolidatedLabel(objectId, value, metadata);
    }

    private static double rounded(double posterior) {
        return BigDecimal.valueOf(posterior).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private void rejectUnexpectedFields(JsonNode object, String allowed, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals(allowed)) {
                throw shapeError("unexpected field \"" + prefix + field + "\"");
            }
        }
    }

    private InvalidAnswerException shapeError(String reason) {
        return new InvalidAnswerException(reason + "; expected {\"" + element
                + "\":{\"labels\":[\"<category>\", ...]}} with at least one category");
    }
}
