package dev.verity.consolidation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Multi-label consolidation by expectation-maximisation: each (object, label) pair is a yes/no question, "does this
 * label apply?", and a worker who ticks the label answers yes. This is Dawid–Skene's two-class ("two-coin") model:
 * <ul>
 *   <li>each label {@code l} has a prevalence {@code π_l}, the share of objects it applies to;</li>
 *   <li>each worker has a sensitivity (ticks a label that applies) and a specificity (leaves a label that does not
 *       apply unticked), shared by all labels: with up to 50 labels, a pair per worker and label would rest on a
 *       handful of answers each;</li>
 *   <li>start: the posterior of each pair is the share of the object's workers who ticked the label;</li>
 *   <li>M-step: prevalence = (sum of posteriors + 1) / (objects + 2); sensitivity and specificity are the
 *       posterior-weighted shares of right answers plus a Beta prior of accuracy 0.7 worth two answers
 *       (1.4 right, 0.6 wrong), which keeps every estimate strictly between 0 and 1;</li>
 *   <li>E-step: log-odds of the pair = log(π/(1−π)) + Σ over the object's workers of
 *       log(sens/(1−spec)) if the worker ticked the label, else log((1−sens)/spec);</li>
 *   <li>an epoch is one M-step then one E-step; at most 20 epochs, fewer once no posterior of an object with two
 *       or more workers moves by more than 1e-6.</li>
 * </ul>
 * Objects with fewer than two workers get posteriors but do not inform the estimates: a lone worker always agrees
 * with the posterior built from their own answer, which would only inflate their quality.
 *
 * <p>Every estimate is rebuilt from the answers given, in a fixed order (objects as given, each object's workers by
 * id), so the same answers always give the same posteriors whatever order they arrived in. Each call starts afresh:
 * carrying worker estimates from one batch of a job into the next would need them stored between calls.
 */
public final class MultiLabelEm {

    /** Ground Truth's prior worker accuracy in its Dawid–Skene consolidation. */
    static final double PRIOR_ACCURACY = 0.7;
    /** How many answers the prior is worth. */
    static final double PRIOR_WEIGHT = 2.0;

    static final int DEFAULT_MAX_EPOCHS = 20;
    private static final double TOLERANCE = 1e-6;

    private final int maxEpochs;

    public MultiLabelEm() {
        this(DEFAULT_MAX_EPOCHS);
    }

    /** @param maxEpochs at least 1 */
    public MultiLabelEm(int maxEpochs) {
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs must be at least 1, got " + maxEpochs);
        }
        this.maxEpochs = maxEpochs;
    }

    /** How often a worker's tick or blank is right. */
    public record Reliability(double sensitivity, double specificity) {}

    /** The posteriors per object and label, the worker estimates behind them and the epochs it took. */
    public static final class Estimate {

        private final double[][] posteriors;
        private final Map<String, Reliability> workers;
        private final int epochs;

        private Estimate(double[][] posteriors, Map<String, Reliability> workers, int epochs) {
            this.posteriors = posteriors;
            this.workers = Map.copyOf(workers);
            this.epochs = epochs;
        }

        /** The probability that {@code label} applies to the object at {@code object} in the input list. */
        public double posterior(int object, int label) {
            return posteriors[object][label];
        }

        /**
         * The estimates behind the posteriors, for every worker given; a worker seen only alone on objects keeps
         * the prior (0.7, 0.7).
         */
        public Map<String, Reliability> workers() {
            return workers;
        }

        public int epochs() {
            return epochs;
        }
    }

    /**
     * @param objects    per object, each worker's ticked label indices (each in {@code [0, labelCount)})
     * @param labelCount how many categories the job has
     */
    public Estimate estimate(List<Map<String, Set<Integer>>> objects, int labelCount) {
        Batch batch = Batch.of(objects, labelCount);
        double[][] posteriors = batch.voteShares();
        Parameters parameters;
        int epochs = 0;
        boolean moved;
        do {
            parameters = batch.maximize(posteriors);
            double[][] next = batch.expect(parameters);
            moved = batch.maxChange(posteriors, next) > TOLERANCE;
            posteriors = next;
            epochs++;
        } while (moved && epochs < maxEpochs);
        return new Estimate(posteriors, batch.reliabilities(parameters), epochs);
    }

    private record Parameters(double[] prevalence, double[] sensitivity, double[] specificity) {}

    /** The answers indexed for the loops: {@code workers[i][k]} ticked {@code ticked[i][k][l]}. */
    private record Batch(int labelCount, List<String> workerIds, int[][] workers, boolean[][][] ticked) {

        static Batch of(List<Map<String, Set<Integer>>> objects, int labelCount) {
            Map<String, Integer> index = new HashMap<>();
            List<String> workerIds = new ArrayList<>();
            int[][] workers = new int[objects.size()][];
            boolean[][][] ticked = new boolean[objects.size()][][];
            for (int i = 0; i < objects.size(); i++) {
                TreeMap<String, Set<Integer>> byWorker = new TreeMap<>(objects.get(i));
                workers[i] = new int[byWorker.size()];
                ticked[i] = new boolean[byWorker.size()][labelCount];
                int k = 0;
                for (Map.Entry<String, Set<Integer>> answer : byWorker.entrySet()) {
                    workers[i][k] = index.computeIfAbsent(answer.getKey(), id -> {
                        workerIds.add(id);
                        return workerIds.size() - 1;
                    });
                    for (int label : answer.getValue()) {
                        if (label < 0 || label >= labelCount) {
                            throw new IllegalArgumentException(
                                    "label index " + label + " is not in [0, " + labelCount + ")");
                        }
                        ticked[i][k][label] = true;
                    }
                    k++;
                }
            }
            return new Batch(labelCount, workerIds, workers, ticked);
        }

        double[][] voteShares() {
            double[][] shares = new double[workers.length][labelCount];
            for (int i = 0; i < workers.length; i++) {
                for (boolean[] answer : ticked[i]) {
                    for (int l = 0; l < labelCount; l++) {
                        shares[i][l] += answer[l] ? 1.0 / ticked[i].length : 0.0;
                    }
                }
            }
            return shares;
        }

        /** Over the objects that inform the estimates: the others' posteriors follow from those. */
        double maxChange(double[][] before, double[][] after) {
            double max = 0;
            for (int i = 0; i < workers.length; i++) {
                if (workers[i].length < 2) {
                    continue;
                }
                for (int l = 0; l < labelCount; l++) {
                    max = Math.max(max, Math.abs(after[i][l] - before[i][l]));
                }
            }
            return max;
        }

        Parameters maximize(double[][] posteriors) {
            double[] present = new double[labelCount];
            int informative = 0;
            double[] sensitive = new double[workerIds.size()];
            double[] positives = new double[workerIds.size()];
            double[] specific = new double[workerIds.size()];
            double[] negatives = new double[workerIds.size()];
            for (int i = 0; i < workers.length; i++) {
                if (workers[i].length < 2) {
                    continue;
                }
                informative++;
                for (int l = 0; l < labelCount; l++) {
                    present[l] += posteriors[i][l];
                }
                for (int k = 0; k < workers[i].length; k++) {
                    int w = workers[i][k];
                    for (int l = 0; l < labelCount; l++) {
                        double p = posteriors[i][l];
                        positives[w] += p;
                        negatives[w] += 1 - p;
                        if (ticked[i][k][l]) {
                            sensitive[w] += p;
                        } else {
                            specific[w] += 1 - p;
                        }
                    }
                }
            }
            double[] prevalence = new double[labelCount];
            for (int l = 0; l < labelCount; l++) {
                prevalence[l] = (present[l] + 1) / (informative + 2);
            }
            double[] sensitivity = new double[workerIds.size()];
            double[] specificity = new double[workerIds.size()];
            for (int w = 0; w < workerIds.size(); w++) {
                sensitivity[w] = withPrior(sensitive[w], positives[w]);
                specificity[w] = withPrior(specific[w], negatives[w]);
            }
            return new Parameters(prevalence, sensitivity, specificity);
        }

        double[][] expect(Parameters parameters) {
            // Each worker's evidence per tick and per blank, in log-odds, worked out once per epoch.
            double[] tick = new double[workerIds.size()];
            double[] blank = new double[workerIds.size()];
            for (int w = 0; w < workerIds.size(); w++) {
                double sensitivity = parameters.sensitivity()[w];
                double specificity = parameters.specificity()[w];
                tick[w] = Math.log(sensitivity / (1 - specificity));
                blank[w] = Math.log((1 - sensitivity) / specificity);
            }
            double[][] posteriors = new double[workers.length][labelCount];
            for (int i = 0; i < workers.length; i++) {
                for (int l = 0; l < labelCount; l++) {
                    double prevalence = parameters.prevalence()[l];
                    double logOdds = Math.log(prevalence / (1 - prevalence));
                    for (int k = 0; k < workers[i].length; k++) {
                        logOdds += ticked[i][k][l] ? tick[workers[i][k]] : blank[workers[i][k]];
                    }
                    posteriors[i][l] = 1 / (1 + Math.exp(-logOdds));
                }
            }
            return posteriors;
        }

        Map<String, Reliability> reliabilities(Parameters parameters) {
            Map<String, Reliability> reliabilities = new HashMap<>();
            for (int w = 0; w < workerIds.size(); w++) {
                reliabilities.put(
                        workerIds.get(w),
                        new Reliability(parameters.sensitivity()[w], parameters.specificity()[w]));
            }
            return reliabilities;
        }

        private static double withPrior(double right, double asked) {
            return (right + PRIOR_ACCURACY * PRIOR_WEIGHT) / (asked + PRIOR_WEIGHT);
        }
    }
}
