package dev.verity.tasktype;

/**
 * Image classification with one label per image: Ground Truth's {@code ImageMultiClass}. Workers answer with the
 * {@code crowd-image-classifier} element; objects are images in S3 ({@code source-ref}).
 */
public final class ImageClassification extends SingleLabelClassification {

    static final String NAME = "ImageMultiClass";

    public ImageClassification() {
        super(NAME, "crowd-image-classifier", "groundtruth/image-classification", true);
    }
}
