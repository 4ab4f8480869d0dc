package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Bounding boxes around objects in an image: Ground Truth's {@code BoundingBox}. Workers answer with the
 * {@code crowd-bounding-box} element ({@link BoxAnswer}); boxes are consolidated by IoU matching and weighted
 * averaging ({@link ObjectDetectionLabels}); the output is Ground Truth's {@code groundtruth/object-detection} shape.
 */
public final class BoundingBox extends FixedTaskType {

    static final String NAME = "BoundingBox";

    public BoundingBox() {
        super(NAME, ObjectDetectionLabels.OUTPUT_TYPE, true, 1);
    }

    /** Ground Truth allows at most 50 categories for bounding-box jobs. */
    @Override
    public Optional<String> checkCategories(LabelCategoryConfig categories) {
        return CategoryLimit.atMost(CategoryLimit.GROUND_TRUTH_MAX, NAME, categories);
    }

    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return RefSuffixRule.mustNotEndInRef(labelAttributeName, NAME);
    }

    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        return BoxAnswer.parse(answerContent, categories, false).toJson(categories);
    }

    /** As above, and the answer's image size must be the image's own (read from its header). */
    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories, AnsweredObject object) {
        return BoxAnswer.parse(answerContent, categories, false)
                .checkedAgainst(object)
                .toJson(categories);
    }

    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        return ObjectDetectionLabels.consolidate(batch, categories, false);
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        return boxUiConfig(categories);
    }

    static ObjectNode boxUiConfig(LabelCategoryConfig categories) {
        ObjectNode config = Json.object().put("element", "crowd-bounding-box").put("name", BoxAnswer.ELEMENT);
        categories.labelNames().forEach(config.putArray("labels")::add);
        return config;
    }
}
