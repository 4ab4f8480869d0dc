package dev.verity.autolabel;

/**
 * Turns one data object into features. A featuriser is a pure, deterministic function of the object's content,
 * so an object's features are computed once per job and reused by every round's training and inference.
 */
public interface Featuriser {

    /** A name that changes whenever the features would, e.g. {@code image-hog-v1}; saved with every model. */
    String name();

    /**
     * @param content the encoded image (PNG or JPEG) for {@link DataKind#IMAGE}, the UTF-8 text for
     *                {@link DataKind#TEXT}
     * @throws IllegalArgumentException if the content cannot be read (e.g. not an image); the message says why
     */
    Features featurise(byte[] content);
}
