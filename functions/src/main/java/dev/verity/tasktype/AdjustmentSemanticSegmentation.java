package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.job.LabelCategoryConfig;
import java.util.List;
import java.util.Optional;

/**
 * Adjusting earlier masks: Ground Truth's {@code AdjustmentSemanticSegmentation}, a chained job whose input lines
 * carry a semantic-segmentation label from an earlier job ({@link EarlierMaskLabel} finds it). Workers see the whole
 * line, start from the earlier mask ({@code initial-value} {@code {labelMappings, src}}, {@code src} the mask's S3
 * URI for the caller to presign) and answer like {@link SemanticSegmentation} plus {@code initialValueModified}.
 * Answers are consolidated like segmentation; the label, under the job's new "-ref" attribute name, has the same
 * shape plus {@code adjustment-status}: {@code adjusted} if at least one worker changed something, else
 * {@code unadjusted}.
 */
public final class AdjustmentSemanticSegmentation extends FixedTaskType {

    static final String NAME = "AdjustmentSemanticSegmentation";

    public AdjustmentSemanticSegmentation() {
        super(NAME, SegmentationLabels.OUTPUT_TYPE, true, 1);
    }

    /** A mask holds one byte per pixel and class index 0 is the background, so at most 255 labels. */
    @Override
    public Optional<String> checkCategories(LabelCategoryConfig categories) {
        return CategoryLimit.atMost(MaskPalette.MAX_LABELS, NAME, categories);
    }

    @Override
    public Optional<String> checkLine(ObjectNode line, String labelAttributeName) {
        return EarlierMaskLabel.problemWith(line, labelAttributeName, NAME);
    }

    /** Masks, as in {@link SemanticSegmentation}. */
    @Override
    public int objectsPerChunk() {
        return SemanticSegmentation.OBJECTS_PER_CHUNK;
    }

    @Override
    public long maxObjects() {
        return SemanticSegmentation.MAX_OBJECTS;
    }

    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return RefSuffixRule.mustEndInRef(labelAttributeName, NAME);
    }

    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        return SegmentationAnswer.parse(answerContent, categories, true).toJson();
    }

    /** As the two-argument form, and the mask must have the size the image's own header gives. */
    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories, AnsweredObject object) {
        return SegmentationAnswer.parse(
                        answerContent, categories, true, object.imageSize().get())
                .toJson();
    }

    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        return SegmentationLabels.consolidate(batch, categories, true);
    }

    @Override
    public boolean showsManifestLine() {
        return true;
    }

    @Override
    public Optional<JsonNode> initialValue(ObjectNode line) {
        return EarlierMaskLabel.initialValue(line);
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        return SemanticSegmentation.segmentationUiConfig(categories);
    }
}
