package dev.verity.models;

import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;

/**
 * A dense vector for an image: the image in grey, stretched to {@value #SIZE}×{@value #SIZE}; its HOG (shape), its
 * pixels averaged 2×2 (layout), the colour histograms of the original image (colour), and the responses of random
 * filters (texture and strokes; on Fashion-MNIST they raise the share a 1,000-label model gets 95% right from 0.725
 * to 0.732, and from 0.764 to 0.795 with 3,000).
 */
public final class ImageFeaturiser implements Featuriser {

    static final int SIZE = 28;
    /** HOG, pixels, colours. */
    static final int LENGTH = Hog.length(SIZE) + (SIZE / 2) * (SIZE / 2) + 3 * Thumbnail.BINS + RandomFilters.length();

    @Override
    public String name() {
        return "image-hog-v2";
    }

    @Override
    public Features featurise(byte[] content) {
        Thumbnail thumbnail = Thumbnail.of(ImageDecoder.decode(content), SIZE);
        float[] values = new float[LENGTH];
        int at = 0;
        for (double v : Hog.of(thumbnail.grey(), SIZE)) {
            values[at++] = (float) v;
        }
        for (double v : pooled(thumbnail.grey())) {
            values[at++] = (float) v;
        }
        for (double v : thumbnail.colours()) {
            values[at++] = (float) v;
        }
        for (double v : RandomFilters.of(thumbnail.grey(), SIZE)) {
            values[at++] = (float) v;
        }
        return Features.dense(values);
    }

    /** The mean of each 2×2 square. */
    private static double[] pooled(double[] grey) {
        int half = SIZE / 2;
        double[] out = new double[half * half];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                out[(y / 2) * half + x / 2] += grey[y * SIZE + x] / 4;
            }
        }
        return out;
    }
}
