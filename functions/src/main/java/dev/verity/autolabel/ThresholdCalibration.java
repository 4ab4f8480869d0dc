package dev.verity.autolabel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses a round's confidence threshold on the validation set: the lowest threshold at which the machine labels
 * meet the accuracy target with a stated margin, that is whose one-sided 95% Wilson lower bound reaches the target,
 * not merely the point estimate.
 *
 * <p>The validation set is treated as a sample of the job run through the same rounds: validation objects that an
 * earlier round's threshold would have machine-labeled keep that outcome ({@code earlierCorrect} of
 * {@code earlierLabeled}) and the bound is on every machine label so far. Objects left for later rounds are the
 * harder ones, so judging each round only on its own band would certify a threshold on easy objects and apply it to
 * hard ones.
 *
 * @param target the accuracy the machine labels must reach, e.g. 0.95
 * @param z      the normal quantile of the bound, e.g. {@link ConfidenceBound#Z_95}
 */
public record ThresholdCalibration(double target, double z) {

    /** Ground Truth's target for classification: 95% accurate machine labels, here with a one-sided 95% bound. */
    public static final ThresholdCalibration GROUND_TRUTH = new ThresholdCalibration(0.95, ConfidenceBound.Z_95);

    /** One validation object this round could machine-label: the model's confidence and whether its class is right. */
    public record Outcome(String objectId, double confidence, boolean correct) {}

    /**
     * The chosen threshold and what it does on the validation set.
     *
     * @param threshold   machine-label objects whose confidence is at least this; {@link Double#POSITIVE_INFINITY}
     *                    when no threshold reaches the target (nothing is machine-labeled)
     * @param labeled     this round's validation objects at or above the threshold, and how many of them are right
     * @param totalLabeled every validation object machine-labeled so far (earlier rounds and this one)
     * @param accuracy    the point estimate over {@code totalLabeled} (NaN when there is none)
     * @param lowerBound  its lower confidence bound
     */
    public record Result(
            double threshold,
            List<Outcome> labeled,
            long correct,
            long totalLabeled,
            long totalCorrect,
            double accuracy,
            double lowerBound) {

        public boolean labelsAnything() {
            return threshold != Double.POSITIVE_INFINITY;
        }
    }

    public Result choose(List<Outcome> candidates, long earlierLabeled, long earlierCorrect) {
        List<Outcome> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Outcome::confidence).reversed().thenComparing(Outcome::objectId));
        long n = earlierLabeled;
        long k = earlierCorrect;
        int chosen = -1;
        long chosenN = n;
        long chosenK = k;
        for (int i = 0; i < sorted.size(); i++) {
            n++;
            k += sorted.get(i).correct() ? 1 : 0;
            boolean lastOfTies = i + 1 == sorted.size()
                    || sorted.get(i + 1).confidence() < sorted.get(i).confidence();
            if (lastOfTies && ConfidenceBound.wilsonLower(k, n, z) >= target) {
                chosen = i;
                chosenN = n;
                chosenK = k;
            }
        }
        if (chosen < 0) {
            return new Result(
                    Double.POSITIVE_INFINITY,
                    List.of(),
                    0,
                    earlierLabeled,
                    earlierCorrect,
                    ratio(earlierCorrect, earlierLabeled),
                    ConfidenceBound.wilsonLower(earlierCorrect, earlierLabeled, z));
        }
        List<Outcome> labeled = List.copyOf(sorted.subList(0, chosen + 1));
        long correct = labeled.stream().filter(Outcome::correct).count();
        return new Result(
                sorted.get(chosen).confidence(),
                labeled,
                correct,
                chosenN,
                chosenK,
                ratio(chosenK, chosenN),
                ConfidenceBound.wilsonLower(chosenK, chosenN, z));
    }

    private static double ratio(long k, long n) {
        return n == 0 ? Double.NaN : (double) k / n;
    }
}
