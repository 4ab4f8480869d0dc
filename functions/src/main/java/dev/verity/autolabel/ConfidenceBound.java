package dev.verity.autolabel;

/**
 * A one-sided lower confidence bound of a proportion: the Wilson score interval, which stays sensible near 1 and for
 * small samples (the normal approximation says "100% ± 0" for 20 right out of 20).
 */
public final class ConfidenceBound {

    /** z of a one-sided 95% bound. */
    public static final double Z_95 = 1.6448536269514722;

    private ConfidenceBound() {}

    /** The lower bound of the true share given {@code successes} out of {@code trials}; 0 when there are no trials. */
    public static double wilsonLower(double successes, double trials, double z) {
        if (trials <= 0) {
            return 0;
        }
        double p = Math.min(1, Math.max(0, successes / trials));
        double z2 = z * z;
        double centre = p + z2 / (2 * trials);
        double margin = z * Math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials));
        return Math.max(0, (centre - margin) / (1 + z2 / trials));
    }
}
