package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.job.LabelCategoryConfig;
import java.util.List;
import java.util.Optional;

/**
 * Adjusting earlier bounding boxes: Ground Truth's {@code AdjustmentBoundingBox}, a chained job whose input lines
 * carry a bounding-box label from an earlier job ({@link EarlierBoxLabel} finds it). Workers see the whole line, start
 * from the earlier boxes and answer like {@link BoundingBox} plus {@code initialValueModified}. Answers are
 * consolidated like bounding boxes; the label, under the job's new attribute name, has the same shape plus
 * {@code adjustment-status}: {@code adjusted} if at least one worker changed something, else {@code unadjusted}.
 *
 * <p>Ground Truth requires the new attribute name to differ from the earlier label's; that needs the manifest, so the
 * job checks it with {@link EarlierBoxLabel#attributeName}.
 */
public final class AdjustmentBoundingBox extends FixedTaskType {

    static final String NAME = "AdjustmentBoundingBox";

    public AdjustmentBoundingBox() {
        super(NAME, ObjectDetectionLabels.OUTPUT_TYPE, true, 1);
    }

    /** Ground Truth allows at most 50 categories for bounding-box jobs. */
    @Override
    public Optional<String> checkCategories(LabelCategoryConfig categories) {
        return CategoryLimit.atMost(CategoryLimit.GROUND_TRUTH_MAX, NAME, categories);
    }

    @Override
    public Optional<JsonNode> initialValue(ObjectNode line) {
        return Optional.of(EarlierBoxLabel.initialValue(line));
    }

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
        return BoxAnswer.parse(answerContent, categories, true).toJson(categories);
    }

    /** As above, and the answer's image size must be the image's own (read from its header). */
    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories, AnsweredObject object) {
        return BoxAnswer.parse(answerContent, categories, true)
                .checkedAgainst(object)
                .toJson(categories);
    }

    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        return ObjectDetectionLabels.consolidate(batch, categories, true);
    }

    @Override
    public boolean showsManifestLine() {
        return true;
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        return BoundingBox.boxUiConfig(categories);
    }
}
