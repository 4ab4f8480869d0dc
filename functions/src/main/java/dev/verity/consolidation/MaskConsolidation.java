package dev.verity.consolidation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Semantic-segmentation consolidation, after Ground Truth's: each pixel is a multi-class vote, smoothed with the
 * votes of its neighbours, and the image gets one confidence.
 * <ul>
 *   <li>Vote: every worker's mask votes for its class at each pixel of the pixel's 3×3 neighbourhood (clipped at the
 *       image's edges), the pixel itself with weight {@value #CENTRE_WEIGHT}, each of the 8 neighbours with 1. The
 *       class with the highest score wins. The centre outweighs all 8 neighbours together, so a pixel every worker
 *       agrees on keeps its class, and a single worker's mask comes out unchanged; smoothing only decides pixels the
 *       workers disagree on, e.g. a 2-of-3 speck in a region all three call something else goes with the region.</li>
 *   <li>Ties go to the class more workers chose at the pixel itself, then to the lower label index; the
 *       background loses ties to any label, since marking a pixel is a deliberate act and leaving it is not.</li>
 *   <li>Confidence: the mean, over pixels, of the share of workers whose mask has the chosen class there, rounded
 *       half-up to 2 decimals (2 of 3 everywhere gives 0.67); 0 when one worker answered, as Ground Truth reports.</li>
 * </ul>
 */
public final class MaskConsolidation {

    static final int CENTRE_WEIGHT = 9;
    private static final int CLASSES = 256;

    private MaskConsolidation() {}

    /** The consolidated mask and its per-image confidence. */
    public record Result(ClassMask mask, double confidence) {}

    /**
     * Reads the masks row by row in step, holding the consolidated mask (one byte per pixel) and a window of three
     * rows of each worker's mask: width·height + 3·N·width bytes for N masks, never N whole masks, which at 100 MP
     * each would not fit a function's memory.
     *
     * @param masks one per worker, all of one size, at least one
     */
    public static Result consolidate(List<? extends MaskSource> masks) {
        if (masks.isEmpty()
                || !masks.stream()
                        .allMatch(m -> m.width() == masks.get(0).width()
                                && m.height() == masks.get(0).height())) {
            throw new IllegalArgumentException("needs at least one mask, all of one size");
        }
        if (masks.size() == 1) {
            return new Result(ClassMask.of(masks.get(0)), 0.0);
        }
        int width = masks.get(0).width();
        int height = masks.get(0).height();
        byte[] chosen = new byte[Math.multiplyExact(width, height)];
        // window[i][r % 3] holds row r of mask i, for r in y-1..y+1.
        byte[][][] window = new byte[masks.size()][3][width];
        List<MaskSource.Rows> readings = new ArrayList<>();
        try {
            for (MaskSource mask : masks) {
                readings.add(mask.rows());
            }
            readRow(readings, window, 0);
            int[] score = new int[CLASSES];
            int[] centreVotes = new int[CLASSES];
            long agreeing = 0;
            for (int y = 0; y < height; y++) {
                if (y + 1 < height) {
                    readRow(readings, window, y + 1);
                }
                for (int x = 0; x < width; x++) {
                    int winner = unanimous(window, x, y);
                    if (winner < 0) {
                        winner = vote(window, x, y, width, height, score, centreVotes);
                        agreeing += centreVotes[winner];
                        clear(window, x, y, width, height, score, centreVotes);
                    } else {
                        agreeing += masks.size();
                    }
                    chosen[y * width + x] = (byte) winner;
                }
            }
            double share = (double) agreeing / ((double) masks.size() * width * height);
            return new Result(
                    new ClassMask(width, height, chosen),
                    BigDecimal.valueOf(share).setScale(2, RoundingMode.HALF_UP).doubleValue());
        } finally {
            readings.forEach(MaskSource.Rows::close);
        }
    }

    private static void readRow(List<MaskSource.Rows> readings, byte[][][] window, int y) {
        for (int i = 0; i < readings.size(); i++) {
            readings.get(i).next(window[i][y % 3]);
        }
    }

    private static int classAt(byte[][][] window, int mask, int x, int y) {
        return window[mask][y % 3][x] & 0xff;
    }

    /** The class every mask has at the pixel, or -1; such pixels need no vote, since the centre weight decides. */
    private static int unanimous(byte[][][] window, int x, int y) {
        int first = classAt(window, 0, x, y);
        for (int i = 1; i < window.length; i++) {
            if (classAt(window, i, x, y) != first) {
                return -1;
            }
        }
        return first;
    }

    private static int vote(byte[][][] window, int x, int y, int width, int height, int[] score, int[] centreVotes) {
        // A running maximum: a class's standing only grows, and each growth is followed by its comparison (the
        // centre is in its own neighbourhood), so the last leader leads at the end.
        int winner = -1;
        for (int i = 0; i < window.length; i++) {
            centreVotes[classAt(window, i, x, y)]++;
            for (int ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
                for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
                    int c = classAt(window, i, nx, ny);
                    score[c] += nx == x && ny == y ? CENTRE_WEIGHT : 1;
                    if (winner < 0 || beats(c, winner, score, centreVotes)) {
                        winner = c;
                    }
                }
            }
        }
        return winner;
    }

    private static boolean beats(int c, int winner, int[] score, int[] centreVotes) {
        if (score[c] != score[winner]) {
            return score[c] > score[winner];
        }
        if (centreVotes[c] != centreVotes[winner]) {
            return centreVotes[c] > centreVotes[winner];
        }
        return rank(c) < rank(winner);
    }

    private static int rank(int c) {
        return c == 0 ? CLASSES : c;
    }

    private static void clear(byte[][][] window, int x, int y, int width, int height, int[] score, int[] centreVotes) {
        for (int i = 0; i < window.length; i++) {
            centreVotes[classAt(window, i, x, y)] = 0;
            for (int ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
                for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
                    score[classAt(window, i, nx, ny)] = 0;
                }
            }
        }
    }
}
