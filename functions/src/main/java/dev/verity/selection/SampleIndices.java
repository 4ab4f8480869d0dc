package dev.verity.selection;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A uniformly random set of {@code size} distinct indexes out of {@code [0, total)}, chosen by Floyd's algorithm
 * with a {@link SplittableRandom} seeded by the caller, so the same (total, size, seed) gives the same set on
 * every run and JVM.
 *
 * <p>Memory is O(min(size, total − size)): a sample of more than half the objects is stored as the indexes it
 * leaves out. Membership is a binary search, so it does not depend on the order of the questions.
 */
public final class SampleIndices {

    private final long total;
    private final long size;
    /** Sorted; the chosen indexes, or the left-out ones when {@link #complement}. */
    private final long[] stored;

    private final boolean complement;

    private SampleIndices(long total, long size, long[] stored, boolean complement) {
        this.total = total;
        this.size = size;
        this.stored = stored;
        this.complement = complement;
    }

    /** Chooses {@code size} of {@code [0, total)}; a size of total or more chooses every index. */
    public static SampleIndices choose(long total, long size, long seed) {
        if (total < 0 || size < 0) {
            throw new IllegalArgumentException("total and size must not be negative, got " + total + " and " + size);
        }
        long chosen = Math.min(size, total);
        boolean complement = chosen > total / 2;
        long stored = complement ? total - chosen : chosen;
        if (stored > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a sample storing " + stored + " indexes is too large");
        }
        return new SampleIndices(total, chosen, floyd(total, (int) stored, seed), complement);
    }

    /** Floyd's algorithm: k distinct uniform picks from [0, n) with k random draws and no retries. */
    private static long[] floyd(long n, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> picked = new HashSet<>(Math.max(16, (int) (k / 0.75f) + 1));
        for (long j = n - k; j < n; j++) {
            long t = random.nextLong(j + 1);
            picked.add(picked.contains(t) ? j : t);
        }
        long[] sorted = picked.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    public boolean contains(long index) {
        if (index < 0 || index >= total) {
            return false;
        }
        return (Arrays.binarySearch(stored, index) >= 0) != complement;
    }

    /** How many indexes are chosen. */
    public long size() {
        return size;
    }

    public long total() {
        return total;
    }
}
