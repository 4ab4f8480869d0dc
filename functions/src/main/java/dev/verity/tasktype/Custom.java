package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A custom labeling workflow (reference §4): the requester's pre-annotation Lambda builds each task's input, the
 * requester's HTML template ({@code UiTemplateS3Uri}) is the form, and the requester's consolidation Lambda, if any,
 * turns a batch of answers into labels. Verity only carries the data between them, so this type accepts any manifest
 * line ({@code source-ref} or {@code source}), needs no categories and accepts any JSON object a crowd form submits.
 *
 * <p>{@link #consolidate} is the path without a consolidation Lambda: the label is {@code {}} (the output step adds
 * {@code worker-response-ref}). With one, the labels are what the Lambda returned under the label attribute name.
 */
public final class Custom implements TaskType {

    public static final String NAME = "Custom";
    /** Ground Truth's type for custom labels; note the capital T (reference §10). */
    static final String OUTPUT_TYPE = "groundTruth/custom";
    /**
     * The largest answer accepted, in bytes of JSON: room for a form with a painted mask, while a chunk's answers stay
     * small enough for one function's memory when they are consolidated together.
     */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String outputType() {
        return OUTPUT_TYPE;
    }

    /** Not consulted: {@link #acceptsEitherSource()}. */
    @Override
    public boolean usesSourceRef() {
        return false;
    }

    @Override
    public boolean acceptsEitherSource() {
        return true;
    }

    /** A custom template may or may not use categories. */
    @Override
    public int minLabels() {
        return 0;
    }

    /** The requester's consolidation Lambda decides what the value is, so any valid name is accepted. */
    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return Optional.empty();
    }

    /** Any JSON object (the crowd form's output, keyed by element name) of at most {@link #MAX_ANSWER_BYTES}. */
    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        if (answerContent == null || !answerContent.isObject()) {
            throw new InvalidAnswerException("answerContent must be a JSON object (the form's output keyed by "
                    + "element name), got " + (answerContent == null ? "nothing" : answerContent.getNodeType()));
        }
        int bytes = Json.write(answerContent).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ANSWER_BYTES) {
            throw new InvalidAnswerException(
                    "answerContent is " + bytes + " bytes of JSON; at most " + MAX_ANSWER_BYTES + " are accepted");
        }
        return answerContent;
    }

    /** Without a consolidation Lambda, Ground Truth's label is {@code {}} for every answered object. */
    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        return batch.stream()
                .filter(object -> !object.answers().isEmpty())
                .map(object -> new ConsolidatedLabel(object.objectId(), Json.object(), Json.object()))
                .toList();
    }

    /** The worker UI renders the requester's template; the task service adds where it is. */
    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        return Json.object().put("element", "custom");
    }

    /**
     * Ground Truth's custom metadata, with underscore keys ({@code job_name}, {@code creation_date}) unlike the
     * built-in types, followed by the label's own fields (e.g. {@code worker-response-ref}).
     */
    @Override
    public void writeLabel(
            ObjectNode line, String labelAttributeName, ConsolidatedLabel label, String jobName, Instant creationDate) {
        ObjectNode metadata = Json.object();
        metadata.put("job_name", jobName);
        metadata.put("type", OUTPUT_TYPE);
        metadata.put("human-annotated", "yes");
        metadata.put("creation_date", LabelWriter.creationDate(creationDate));
        metadata.setAll(label.metadata().deepCopy());
        line.set(labelAttributeName, label.value().deepCopy());
        line.set(labelAttributeName + "-metadata", metadata);
    }
}
