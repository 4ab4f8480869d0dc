package dev.verity.consolidation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Single-label consolidation by majority vote, Ground Truth's baseline: the class with the most votes wins, with the
 * winning share of the votes as its confidence, rounded to 2 decimals (2 of 3 gives 0.67). One vote alone gives
 * confidence 0, as Ground Truth reports for a single worker.
 *
 * <p>Ties are broken at random, as in Ground Truth, but seeded by a key (the object id): the same object always gets
 * the same winner whatever order its votes come in, so a retried consolidation writes the same label, while across
 * objects no class is favoured. The rule: among the tied classes in ascending index order, take the one at
 * {@code floorMod(mix(key.hashCode()), tiedCount)}, where {@code mix} is SplitMix64's finalizer. Both steps are fixed
 * by specification or by this code, so every JVM picks the same; the mixing keeps sequential ids ("0", "1", ...)
 * from all picking alike.
 */
public final class MajorityVote {

    private MajorityVote() {
    }

    /** The winning class and how sure the vote is of it (0 to 1, 2 decimals). */
    public record Outcome(int winner, double confidence) {
    }

    /**
     * @param votes       one class index per worker; not empty
     * @param tieBreakKey what seeds the tie-break, normally the data object's id
     */
    public static Outcome decide(List<Integer> votes, String tieBreakKey) {
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("a majority vote needs at least one vote");
        }
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        votes.forEach(vote -> counts.merge(vote, 1, Integer::sum));
        int most = counts.values().stream().max(Integer::compare).orElseThrow();
        List<Integer> tied = counts.entrySet().stream().filter(count -> count.getValue() == most)
                .map(Map.Entry::getKey).toList();
        int winner = tied.get((int) Math.floorMod(mix(tieBreakKey.hashCode()), (long) tied.size()));
        return new Outcome(winner, votes.size() == 1 ? 0.0 : share(most, votes.size()));
    }

    private static double share(int part, int whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP).doubleValue();
    }

    /** SplitMix64's finalizer: every input bit flips about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
