package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Painting each pixel of an image with its class: Ground Truth's {@code SemanticSegmentation}. Workers answer with the
 * {@code crowd-semantic-segmentation} element ({@link SegmentationAnswer}); masks are consolidated by a smoothed
 * per-pixel vote ({@link SegmentationLabels}); the output is Ground Truth's {@code groundtruth/semantic-segmentation}
 * shape, whose value is the S3 URI of the consolidated PNG mask, so the label attribute name must end in "-ref".
 */
public final class SemanticSegmentation extends FixedTaskType {

    static final String NAME = "SemanticSegmentation";
    static final int OBJECTS_PER_CHUNK = 100;
    static final long MAX_OBJECTS = 20_000;

    public SemanticSegmentation() {
        super(NAME, SegmentationLabels.OUTPUT_TYPE, true, 1);
    }

    /** A mask holds one byte per pixel and class index 0 is the background, so at most 255 labels. */
    @Override
    public Optional<String> checkCategories(LabelCategoryConfig categories) {
        return CategoryLimit.atMost(MaskPalette.MAX_LABELS, NAME, categories);
    }

    /** A mask answer can be hundreds of kilobytes; a chunk's answers must fit one function's memory. */
    @Override
    public int objectsPerChunk() {
        return OBJECTS_PER_CHUNK;
    }

    /** Ground Truth's quota for segmentation jobs, which it does not raise. */
    @Override
    public long maxObjects() {
        return MAX_OBJECTS;
    }

    @Override
    public Optional<String> checkLabelAttributeName(String labelAttributeName) {
        return RefSuffixRule.mustEndInRef(labelAttributeName, NAME);
    }

    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories) {
        return SegmentationAnswer.parse(answerContent, categories, false).toJson();
    }

    /** As the two-argument form, and the mask must have the size the image's own header gives. */
    @Override
    public JsonNode validateAnswer(JsonNode answerContent, LabelCategoryConfig categories, AnsweredObject object) {
        return SegmentationAnswer.parse(
                        answerContent, categories, false, object.imageSize().get())
                .toJson();
    }

    @Override
    public List<ConsolidatedLabel> consolidate(
            List<ObjectAnswers> batch, LabelCategoryConfig categories, ConsolidationMethod method) {
        return SegmentationLabels.consolidate(batch, categories, false);
    }

    @Override
    public ObjectNode uiConfig(LabelCategoryConfig categories) {
        return segmentationUiConfig(categories);
    }

    static ObjectNode segmentationUiConfig(LabelCategoryConfig categories) {
        ObjectNode config =
                Json.object().put("element", SegmentationAnswer.ELEMENT).put("name", SegmentationAnswer.ELEMENT);
        categories.labelNames().forEach(config.putArray("labels")::add);
        return config;
    }
}
