package dev.verity.export;

/** The {@code type} values of Ground Truth's label metadata that exports read. */
final class OutputTypes {
    static final String BOXES = "groundtruth/object-detection";
    static final String MASKS = "groundtruth/semantic-segmentation";
    static final String ENTITIES = "groundtruth/text-span";
    static final String IMAGE_CLASS = "groundtruth/image-classification";
    static final String TEXT_CLASS = "groundtruth/text-classification";
    static final String IMAGE_MULTI = "groundtruth/image-classification-multilabel";
    static final String TEXT_MULTI = "groundtruth/text-classification-multilabel";
    static final String VERIFICATION = "groundtruth/label-verification";

    private OutputTypes() {}
}
