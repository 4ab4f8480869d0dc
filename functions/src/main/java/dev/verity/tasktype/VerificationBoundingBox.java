package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.verity.consolidation.Consensus;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.consolidation.CrowdAnswers;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifying earlier bounding boxes: Ground Truth's {@code VerificationBoundingBox}, a chained job whose input lines
 * carry a bounding-box label ({@link EarlierBoxLabel}). Workers see the whole line and judge the earlier boxes with
 * one of the job's categories (the verification classes, e.g. "good" / "bad"). Ground Truth's verification template
 * uses {@code crowd-image-classifier} with its {@code overlay} attribute (the element's documented use "for
 * verification workflows of bounding-box ... tasks"), so the answer is that element's submission,
 * {@code {"crowd-image-classifier":{"label":"bad","workerComment":"..."}}}, validated as {@link ImageClassification}
 * validates it.
 *
 * <p>Judgements are consolidated over the verification classes by the job's {@link ConsolidationMethod} (Verity's own
 * by default, or Ground Truth's modified Dawid–Skene EM), worker quality estimated within the batch. The value is the
 * class index as a string, as in
 * Ground Truth's documented example ({@code "verify-bb":"1"}); the metadata has {@code class-name},
 * {@code confidence} and {@code worker-feedback}
 * ({@code [{"comment":...}]}, blank comments dropped, the key left out when no worker commented).
 */
public final class VerificationBoundingBox extends FixedTaskType {

    static final String NAME = "VerificationBoundingBox";

    public VerificationBoundingBox() {
        super(NAME, "groundtruth/label-verification", true, 2);
    }

    private static final String ELEMENT = "crowd-image-classifier";

    private final ImageClassification classifier = new ImageClassification();

    /** Unlike segmentation verification's, a verification label never ends in "-ref" (reference §2.2). */
    @Override
    public Optional<String> checkLine(ObjectNode line, String labelAttributeName) {
        return EarlierBoxLabel.problemWith(line, labelAttributeName, NAME);
    }

    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return RefSuffixRule.mustNotEndInRef(labelAttributeName, NAME);
    }

    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        return classifier.validateAnswer(answerContent, categories);
    }

    @Override
    public boolean choosesConsolidationMethod() {
        return true;
    }

    /** A worker counts once: a redelivered answer from the same worker is ignored, comment included. */
    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        CrowdAnswers.Builder votes = CrowdAnswers.builder(categories.labels().size());
        Map<String, List<String>> comments = new LinkedHashMap<>();
        for (ObjectAnswers object : batch) {
            for (WorkerAnswer answer : object.answers()) {
                JsonNode judgement = judgement(object.objectId(), answer, categories);
                if (votes.add(
                        object.objectId(),
                        answer.workerId(),
                        categories.indexOf(judgement.get("label").textValue()))) {
                    String comment = judgement.path("workerComment").asText("");
                    List<String> objectComments = comments.computeIfAbsent(object.objectId(), id -> new ArrayList<>());
                    if (!comment.isBlank()) {
                        objectComments.add(comment);
                    }
                }
            }
        }
        CrowdAnswers answers = votes.build();
        List<ConsolidatedLabel> labels = new ArrayList<>(answers.items());
        if (answers.items() == 0) {
            return labels;
        }
        Consensus result = method.run(answers); // verification takes no gold questions
        // Items are numbered in order of first appearance, which keeps the batch's order.
        for (int item = 0; item < answers.items(); item++) {
            int verdict = result.label(item);
            ObjectNode metadata = Json.object()
                    .put("class-name", categories.labels().get(verdict).label())
                    .put("confidence", result.confidence(item));
            List<String> objectComments = comments.get(answers.itemId(item));
            if (!objectComments.isEmpty()) {
                ArrayNode feedback = metadata.putArray("worker-feedback");
                objectComments.forEach(comment -> feedback.addObject().put("comment", comment));
            }
            labels.add(
                    new ConsolidatedLabel(answers.itemId(item), TextNode.valueOf(String.valueOf(verdict)), metadata));
        }
        return labels;
    }

    @Override
    public boolean showsManifestLine() {
        return true;
    }

    /** The classifier overlays the earlier boxes, keyed by the task type in camelCase as Ground Truth's is. */
    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        ObjectNode config =
                Json.object().put("element", ELEMENT).put("name", ELEMENT).put("overlay", "boundingBox");
        categories.labelNames().forEach(config.putArray("categories")::add);
        return config;
    }

    /** The worker's {@code crowd-image-classifier} object: label and, if given, workerComment. */
    private JsonNode judgement(String objectId, WorkerAnswer answer, LabelCategoryConfig categories) {
        try {
            return classifier.validateAnswer(answer.answerContent(), categories).get(ELEMENT);
        } catch (InvalidAnswerException e) {
            throw new InvalidAnswerException(
                    "object " + objectId + ", worker " + answer.workerId() + ": " + e.getMessage());
        }
    }
}
