package dev.verity.models;

/**
 * Histograms of oriented gradients (Dalal and Triggs) of a square grey image: per cell of {@link #CELL}×{@link #CELL}
 * pixels a histogram of {@link #ORIENTATIONS} unsigned gradient orientations, weighted by gradient magnitude; per
 * block of 2×2 cells (stride one cell) the four histograms, normalised L2-Hys.
 */
final class Hog {

    static final int CELL = 4;
    static final int ORIENTATIONS = 9;
    private static final double CLIP = 0.2;
    private static final double EPSILON = 1e-5;

    private Hog() {}

    /** The number of values for an image of {@code size × size} pixels. */
    static int length(int size) {
        int blocks = size / CELL - 1;
        return blocks * blocks * 4 * ORIENTATIONS;
    }

    /** @param grey row-major levels of a {@code size × size} image */
    static double[] of(double[] grey, int size) {
        int cells = size / CELL;
        double[][] histograms = new double[cells * cells][ORIENTATIONS];
        for (int y = 0; y < cells * CELL; y++) {
            for (int x = 0; x < cells * CELL; x++) {
                // Central differences, the edge pixel repeated beyond the border.
                double dx = grey[y * size + Math.min(x + 1, size - 1)] - grey[y * size + Math.max(x - 1, 0)];
                double dy = grey[Math.min(y + 1, size - 1) * size + x] - grey[Math.max(y - 1, 0) * size + x];
                double magnitude = Math.sqrt(dx * dx + dy * dy);
                if (magnitude == 0) {
                    continue;
                }
                double angle = Math.atan2(dy, dx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                // Split the vote linearly between the two nearest bin centres; 180° wraps to 0°.
                double position = angle / Math.PI * ORIENTATIONS - 0.5;
                int lower = (int) Math.floor(position);
                double upperShare = position - lower;
                double[] histogram = histograms[(y / CELL) * cells + x / CELL];
                histogram[Math.floorMod(lower, ORIENTATIONS)] += magnitude * (1 - upperShare);
                histogram[Math.floorMod(lower + 1, ORIENTATIONS)] += magnitude * upperShare;
            }
        }
        int blocks = cells - 1;
        double[] out = new double[length(size)];
        double[] block = new double[4 * ORIENTATIONS];
        for (int by = 0; by < blocks; by++) {
            for (int bx = 0; bx < blocks; bx++) {
                for (int c = 0; c < 4; c++) {
                    System.arraycopy(
                            histograms[(by + c / 2) * cells + bx + c % 2], 0, block, c * ORIENTATIONS, ORIENTATIONS);
                }
                normaliseL2Hys(block);
                System.arraycopy(block, 0, out, (by * blocks + bx) * block.length, block.length);
            }
        }
        return out;
    }

    /** L2-normalise, clip at {@link #CLIP} so no single strong edge dominates, normalise again. */
    private static void normaliseL2Hys(double[] block) {
        scaleToUnit(block);
        for (int i = 0; i < block.length; i++) {
            block[i] = Math.min(block[i], CLIP);
        }
        scaleToUnit(block);
    }

    private static void scaleToUnit(double[] values) {
        double squares = 0;
        for (double v : values) {
            squares += v * v;
        }
        double norm = Math.sqrt(squares + EPSILON * EPSILON);
        for (int i = 0; i < values.length; i++) {
            values[i] /= norm;
        }
    }
}
