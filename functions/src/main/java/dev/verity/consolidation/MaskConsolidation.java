package dev.verity.consolidation;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

    private MaskConsolidation() {
    }

    /** The consolidated mask and its per-image confidence. */
    public record Result(ClassMask mask, double confidence) {
    }

    /** @param masks one per worker, all of one size, at least one */
    public static Result consolidate(List<ClassMask> masks) {
        if (masks.isEmpty() || !masks.stream().allMatch(m -> m.sameSize(masks.get(0)))) {
            throw new IllegalArgumentException("needs at least one mask, all of one size");
        }
        ClassMask first = masks.get(0);
        if (masks.size() == 1) {
            return new Result(first, 0.0);
        }
        int width = first.width();
        int height = first.height();
        byte[] chosen = new byte[width * height];
        int[] score = new int[CLASSES];
        int[] centreVotes = new int[CLASSES];
        long agreeing = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int winner = unanimous(masks, x, y);
                if (winner < 0) {
                    winner = vote(masks, x, y, score, centreVotes);
                    agreeing += centreVotes[winner];
                    clear(masks, x, y, score, centreVotes);
                } else {
                    agreeing += masks.size();
                }
                chosen[y * width + x] = (byte) winner;
            }
        }
        double share = (double) agreeing / ((double) masks.size() * width * height);
        return new Result(new ClassMask(width, height, chosen),
                BigDecimal.valueOf(share).setScale(2, RoundingMode.HALF_UP).doubleValue());
    }

    /** The class every mask has at the pixel, or -1; such pixels need no vote, since the centre weight decides. */
    private static int unanimous(List<ClassMask> masks, int x, int y) {
        int first = masks.get(0).classAt(x, y);
        for (int i = 1; i < masks.size(); i++) {
            if (masks.get(i).classAt(x, y) != first) {
                return -1;
            }
        }
        return first;
    }

    private static int vote(List<ClassMask> masks, int x, int y, int[] score, int[] centreVotes) {
        // A running maximum: a class's standing only grows, and each growth is followed by its comparison (the
        // centre is in its own neighbourhood), so the last leader leads at the end.
        int winner = -1;
        for (ClassMask mask : masks) {
            centreVotes[mask.classAt(x, y)]++;
            for (int ny = Math.max(0, y - 1); ny <= Math.min(mask.height() - 1, y + 1); ny++) {
                for (int nx = Math.max(0, x - 1); nx <= Math.min(mask.width() - 1, x + 1); nx++) {
                    int c = mask.classAt(nx, ny);
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

    private static void clear(List<ClassMask> masks, int x, int y, int[] score, int[] centreVotes) {
        for (ClassMask mask : masks) {
            centreVotes[mask.classAt(x, y)] = 0;
            for (int ny = Math.max(0, y - 1); ny <= Math.min(mask.height() - 1, y + 1); ny++) {
                for (int nx = Math.max(0, x - 1); nx <= Math.min(mask.width() - 1, x + 1); nx++) {
                    score[mask.classAt(nx, ny)] = 0;
                }
            }
        }
    }
}
