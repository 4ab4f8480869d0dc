package dev.verity.tasktype;

/**
 * Text classification with one label per text: Ground Truth's {@code TextMultiClass}. Workers answer with the
 * {@code crowd-classifier} element; objects are inline text ({@code source}).
 */
public final class TextClassification extends SingleLabelClassification {

    static final String NAME = "TextMultiClass";

    public TextClassification() {
        super(NAME, "crowd-classifier", "groundtruth/text-classification", false);
    }
}
