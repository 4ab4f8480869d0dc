package dev.verity.consolidation;

/**
 * A segmentation mask read row by row, top to bottom, as class indices (0 background, 1..255 the labels), so that
 * consolidating several masks never needs any of them whole.
 */
public interface MaskSource {

    int width();

    int height();

    /** A new reading from the first row; close it when done. */
    Rows rows();

    /** One reading of a mask. */
    interface Rows extends AutoCloseable {

        /** Writes the next row's class indices into {@code classes[0..width)}. */
        void next(byte[] classes);

        @Override
        void close();
    }
}
