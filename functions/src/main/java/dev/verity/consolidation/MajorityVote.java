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
 * <p>Ties are broken by {@link TieBreak}, seeded by a key (the object id): the same object always gets the same
 * winner whatever order its votes come in.
 */
public final class MajorityVote {

    private MajorityVote() {}

    /** The winning class and how sure the vote is of it (0 to 1, 2 decimals). */
    public record Outcome(int winner, double confidence) {}

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
        List<Integer> tied = counts.entrySet().stream()
                .filter(count -> count.getValue() == most)
                .map(Map.Entry::getKey)
                .toList();
        int winner = tied.get(TieBreak.pick(tieBreakKey, tied.size()));
        return new Outcome(winner, votes.size() == 1 ? 0.0 : share(most, votes.size()));
    }

    private static double share(int part, int whole) {
        return BigDecimal.valueOf(part)
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
