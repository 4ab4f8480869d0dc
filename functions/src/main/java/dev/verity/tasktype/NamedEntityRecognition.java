package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.consolidation.SpanConsolidation;
import dev.verity.consolidation.TextSpan;
import dev.verity.job.LabelCategory;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import dev.verity.manifest.DataObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named entity recognition: Ground Truth's {@code NamedEntityRecognition}. Each manifest line carries its text in
 * {@code source}; workers mark spans of it with the {@code crowd-entity-annotation} element (offsets in Unicode code
 * points, see {@link EntityAnnotationAnswer}); answers are consolidated by {@link SpanConsolidation}; the output is
 * Ground Truth's {@code groundtruth/text-span}: the job's labels and the entities, with one confidence per entity in
 * the metadata.
 */
public final class NamedEntityRecognition extends FixedTaskType {

    static final String NAME = "NamedEntityRecognition";

    public NamedEntityRecognition() {
        super(NAME, "groundtruth/text-span", false, 1);
    }

    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return RefSuffixRule.mustNotEndInRef(labelAttributeName, NAME);
    }

    /**
     * What is wrong with the label category configuration for this type, or empty: Ground Truth requires NER jobs to
     * give worker instructions ({@code "instructions":{"shortInstruction","fullInstruction"}}).
     */
    @Override
    public Optional<String> checkCategories(LabelCategoryConfig categories) {
        return categories.instructions() == null
                ? Optional.of("task type " + NAME + " needs \"instructions\":{\"shortInstruction\":...,"
                        + "\"fullInstruction\":...} in the label category configuration")
                : Optional.empty();
    }

    /**
     * Checks the shape, the labels, that each entity has at least one character and that no two overlap. Offsets
     * cannot be checked against the text here: the submit path uses the three-argument form, which can.
     */
    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        return EntityAnnotationAnswer.normalized(EntityAnnotationAnswer.read(answerContent, categories));
    }

    /** As the two-argument form, and every entity must end within the object's {@code source} text. */
    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories, AnsweredObject object) {
        JsonNode text = object.line().get(DataObject.SOURCE);
        if (text == null || !text.isTextual()) {
            // Dataset preparation admits only lines with "source" text for this type: a bug, not the worker's fault.
            throw new IllegalArgumentException("the data object has no \"" + DataObject.SOURCE + "\" text to annotate");
        }
        return EntityAnnotationAnswer.normalized(
                EntityAnnotationAnswer.read(answerContent, categories, text.textValue()));
    }

    /**
     * Span consolidation per object. A worker counts once: if the same worker's answer arrives twice (a redelivered
     * submission), only the first is counted.
     */
    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        List<ConsolidatedLabel> labels = new ArrayList<>();
        for (ObjectAnswers object : batch) {
            if (object.answers().isEmpty()) {
                continue;
            }
            Map<String, WorkerAnswer> byWorker = new LinkedHashMap<>();
            object.answers().forEach(answer -> byWorker.putIfAbsent(answer.workerId(), answer));
            List<List<TextSpan>> spans = byWorker.values().stream()
                    .map(answer -> spans(object.objectId(), answer, categories))
                    .toList();
            List<SpanConsolidation.Entity> entities = SpanConsolidation.consolidate(spans, object.objectId());
            labels.add(new ConsolidatedLabel(object.objectId(), value(entities, categories), metadata(entities)));
        }
        return labels;
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        ObjectNode config = Json.object()
                .put("element", EntityAnnotationAnswer.ELEMENT)
                .put("name", EntityAnnotationAnswer.ELEMENT);
        labelsJson(categories, config.putArray("labels"));
        return config;
    }

    private List<TextSpan> spans(String objectId, WorkerAnswer answer, LabelCategoryConfig categories) {
        try {
            return EntityAnnotationAnswer.read(answer.answerContent(), categories);
        } catch (InvalidAnswerException e) {
            throw new InvalidAnswerException(
                    "object " + objectId + ", worker " + answer.workerId() + ": " + e.getMessage());
        }
    }

    /** {@code {"annotations":{"labels":[...],"entities":[...]}}}, as Ground Truth writes it. */
    private static JsonNode value(List<SpanConsolidation.Entity> entities, LabelCategoryConfig categories) {
        ObjectNode value = Json.object();
        ObjectNode annotations = value.putObject("annotations");
        labelsJson(categories, annotations.putArray("labels"));
        EntityAnnotationAnswer.entitiesJson(
                entities.stream().map(SpanConsolidation.Entity::span).toList(), annotations.putArray("entities"));
        return value;
    }

    private static ObjectNode metadata(List<SpanConsolidation.Entity> entities) {
        ObjectNode metadata = Json.object();
        ArrayNode confidences = metadata.putArray("entities");
        entities.forEach(entity -> confidences.addObject().put("confidence", entity.confidence()));
        return metadata;
    }

    /** The job's labels in order; shortDisplayName only where the configuration gives one. */
    private static void labelsJson(LabelCategoryConfig categories, ArrayNode into) {
        for (LabelCategory category : categories.labels()) {
            ObjectNode label = into.addObject().put("label", category.label());
            if (category.shortDisplayName() != null) {
                label.put("shortDisplayName", category.shortDisplayName());
            }
        }
    }
}
