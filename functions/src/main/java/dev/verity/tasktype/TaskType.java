package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.consolidation.JobAnswers;
import dev.verity.job.LabelCategoryConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One of Ground Truth's task types: what workers see, what they may answer, how answers become a label. */
public interface TaskType {

    /** Ground Truth's name, as in the {@code PRE-<name>} Lambda ARN, e.g. {@code ImageMultiClass}. */
    String name();

    /** The {@code type} written in the label metadata, e.g. {@code groundtruth/image-classification}. */
    String outputType();

    /** True if manifest lines must carry {@code source-ref} (an S3 object); false if {@code source} (inline text). */
    boolean usesSourceRef();

    /**
     * True if each manifest line may carry either {@code source-ref} or {@code source}, as in custom workflows, whose
     * own Lambda and template decide what to show; {@link #usesSourceRef()} is then not consulted.
     */
    default boolean acceptsEitherSource() {
        return false;
    }

    /** The fewest categories the label category configuration may have. */
    int minLabels();

    /**
     * What is wrong with the job's label category configuration for this type beyond the common rules (e.g. NER
     * needs instructions, multi-label allows at most 50 labels), or empty if nothing.
     */
    default Optional<String> checkCategories(LabelCategoryConfig categories) {
        return Optional.empty();
    }

    /**
     * What makes one manifest line unusable for this type beyond the common rules (e.g. an adjustment job's line
     * without the earlier label), or empty if nothing. Such lines are reported with their line numbers.
     */
    default Optional<String> checkLine(ObjectNode line, String labelAttributeName) {
        return Optional.empty();
    }

    /**
     * Whether this type takes gold questions: objects whose true label (a category name) the job knows. Their
     * answers are scored per worker and, where the consolidation models workers, fix its estimates.
     */
    default boolean supportsGold() {
        return false;
    }

    /** Whether a validated answer gives the gold label; only called when {@link #supportsGold()}. */
    default boolean matchesGold(JsonNode answer, String goldLabel) {
        throw new UnsupportedOperationException(name() + " takes no gold questions");
    }

    /**
     * The most objects one consolidation step takes at once: it holds every answer of its objects, so types with
     * large answers (masks) take fewer.
     */
    default int objectsPerChunk() {
        return 2000;
    }

    /** The most data objects one job of this type may label (Ground Truth's quota: 100,000; 20,000 for masks). */
    default long maxObjects() {
        return 100_000;
    }

    /** What is wrong with this label attribute name for this type (e.g. a "-ref" ending), or empty if nothing. */
    Optional<String> checkLabelAttributeName(String labelAttributeName);

    /**
     * Validates one worker's answer against the job's categories.
     *
     * @return the answer normalized: only the fields this type knows, in a fixed shape
     * @throws InvalidAnswerException saying what is wrong
     */
    JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories);

    /**
     * Validates one worker's answer against the job's categories and the data object it answers, for types whose
     * answers point into the object itself, e.g. text offsets or an image's pixels. Types that need only the
     * categories keep this default. The submit path calls this form.
     *
     * @return the answer normalized, as {@link #validateAnswer(JsonNode, LabelCategoryConfig)}
     * @throws InvalidAnswerException saying what is wrong
     */
    default JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories, AnsweredObject object) {
        return validateAnswer(answerContent, categories);
    }

    /**
     * Whether the job's {@link ConsolidationMethod} decides how this type's answers become labels: true for the types
     * whose answers are single labels (single-label classification, bounding-box verification); the others have one
     * consolidation and take no method.
     */
    default boolean choosesConsolidationMethod() {
        return false;
    }

    /**
     * Consolidates a batch of objects (a chunk of the job); objects with no answers are left out of the result.
     *
     * @param method the job's consolidation method; only types that {@link #choosesConsolidationMethod()} use it
     */
    List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method);

    /**
     * For types whose consolidation models workers: a chunk's answers as class indexes, which {@link JobAnswers}
     * gathers from every chunk for {@link #estimateWorkers}; empty for types that do not model workers.
     */
    default Optional<JobAnswers.Chunk> classAnswers(List<ObjectAnswers> chunk, LabelCategoryConfig categories) {
        return Optional.empty();
    }

    /**
     * Measures the workers over every answer of the job (every chunk's {@link #classAnswers}) with the job's method, so
     * that each chunk is then consolidated with the same job-wide measure; empty for types that do not model workers,
     * or no answers.
     */
    default Optional<JsonNode> estimateWorkers(JobAnswers job, ConsolidationMethod method) {
        return Optional.empty();
    }

    /**
     * Like {@link #consolidate(List, LabelCategoryConfig, ConsolidationMethod)}, with the job-wide measure of the
     * workers that {@link #estimateWorkers} gave for the same method.
     */
    default List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch,
            LabelCategoryConfig categories,
            ConsolidationMethod method,
            JsonNode workerModel) {
        return consolidate(batch, categories, method);
    }

    /** How automated labeling treats this type's labels, for the types it supports; empty for the others. */
    default java.util.Optional<AutoLabeling> autoLabeling() {
        return java.util.Optional.empty();
    }

    /**
     * True if workers must see the whole manifest line (as {@code taskInput.manifestLine}), as Ground Truth's
     * adjustment and verification templates do to show the earlier labels.
     */
    default boolean showsManifestLine() {
        return false;
    }

    /**
     * The starting value of the worker's tool for this object (the crowd element's {@code initial-value}), e.g. the
     * earlier boxes of an adjustment job; empty when workers start from nothing.
     */
    default Optional<JsonNode> initialValue(ObjectNode line) {
        return Optional.empty();
    }

    /** What the worker UI needs to render a task: the crowd element, its name, the categories. */
    ObjectNode uiConfig(LabelCategoryConfig categories);

    /**
     * Writes {@code "<attr>"} and {@code "<attr>-metadata"} into a manifest line, replacing any earlier label under
     * that name. The metadata is the label's own plus type, job-name {@code labeling-job/<jobName>},
     * human-annotated {@code yes} and creation-date.
     */
    void writeLabel(
            ObjectNode line, String labelAttributeName, ConsolidatedLabel label, String jobName, Instant creationDate);
}
