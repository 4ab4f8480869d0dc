package dev.verity.models;

import java.util.Random;

/**
 * Responses of a fixed bank of random 5×5 filters over a grey square image, rectified and averaged over a 4×4 grid:
 * edges, corners and strokes at every orientation, without training. The filters come from a constant seed with
 * {@link Random}'s specified algorithm, so every JVM computes the same features.
 */
final class RandomFilters {

    static final int FILTERS = 32;
    private static final int KERNEL = 5;
    private static final int GRID = 4;
    private static final double BIAS = 0.05;
    private static final long SEED = 20_261_206L;
    private static final double[][] BANK = bank();

    private RandomFilters() {}

    static int length() {
        return FILTERS * GRID * GRID;
    }

    /** Each filter is zero-mean and unit-length, so it responds to contrast, not to brightness. */
    private static double[][] bank() {
        Random random = new Random(SEED);
        double[][] bank = new double[FILTERS][KERNEL * KERNEL];
        for (double[] filter : bank) {
            double mean = 0;
            for (int i = 0; i < filter.length; i++) {
                filter[i] = random.nextGaussian();
                mean += filter[i] / filter.length;
            }
            double norm = 0;
            for (int i = 0; i < filter.length; i++) {
                filter[i] -= mean;
                norm += filter[i] * filter[i];
            }
            for (int i = 0; i < filter.length; i++) {
                filter[i] /= Math.sqrt(norm);
            }
        }
        return bank;
    }

    /** @param grey {@code size × size} grey levels, row-major */
    static double[] of(double[] grey, int size) {
        int positions = size - KERNEL + 1;
        int cell = positions / GRID;
        double[] out = new double[length()];
        double[] patch = new double[KERNEL * KERNEL];
        for (int y = 0; y < cell * GRID; y++) {
            for (int x = 0; x < cell * GRID; x++) {
                double mean = 0;
                for (int dy = 0; dy < KERNEL; dy++) {
                    for (int dx = 0; dx < KERNEL; dx++) {
                        double v = grey[(y + dy) * size + x + dx];
                        patch[dy * KERNEL + dx] = v;
                        mean += v;
                    }
                }
                mean /= patch.length;
                int gridCell = (y / cell) * GRID + x / cell;
                for (int f = 0; f < FILTERS; f++) {
                    double[] filter = BANK[f];
                    double response = 0;
                    for (int i = 0; i < patch.length; i++) {
                        response += filter[i] * (patch[i] - mean);
                    }
                    out[f * GRID * GRID + gridCell] += Math.max(0, response - BIAS) / (cell * cell);
                }
            }
        }
        return out;
    }
}
