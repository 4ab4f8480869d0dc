package dev.verity.consolidation;

/**
 * Ground Truth breaks ties at random; Verity seeds the choice with a key (the object id) so a retried consolidation
 * writes the same label while across objects no class is favoured. The rule: among the tied classes in ascending
 * index order, take the one at {@code floorMod(mix(key.hashCode()), tiedCount)}, where {@code mix} is SplitMix64's
 * finalizer. Both steps are fixed by specification or by this code, so every JVM picks the same; the mixing keeps
 * sequential ids ("0", "1", ...) from all picking alike.
 */
public final class TieBreak {

    private TieBreak() {}

    /** The position, from 0 to {@code tiedCount - 1}, of the tied class that wins for this key. */
    public static int pick(String key, int tiedCount) {
        return (int) Math.floorMod(mix(key.hashCode()), (long) tiedCount);
    }

    /** SplitMix64's finalizer: every input bit flips about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
