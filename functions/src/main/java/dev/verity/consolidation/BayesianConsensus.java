package dev.verity.consolidation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Verity's single-label consolidation: Bayesian classifier combination with a prior on the workers that the job's own
 * answers tune, and confidences tempered until they predict answers they did not see.
 *
 * <p>The model: an item's class has a Dirichlet(1) prior over classes; worker j's confusion row for true class t is
 * Dirichlet(s · r(a)), where r(a) puts a on the diagonal and spreads 1 − a evenly off it. The pair (a, s) is not
 * fixed: it has a uniform prior over a grid (a from just above chance to 0.975; s from 0.5, where each worker's matrix
 * is nearly free, to 4,096, where every worker is the same symmetric coin and the vote is majority vote) and is
 * resampled with the labels, so a small job whose workers look alike is labeled as majority vote would label it, and a
 * job with a spammer or an adversary learns their matrices. Inference is collapsed Gibbs sampling (labels and
 * hyper-parameters; confusion matrices and class prior integrated out), started from the vote and seeded from the
 * answers, so the same answers always give the same labels. The workers' matrices are the posterior means over the
 * sweeps after burn-in; gold items keep their class and measure the workers.
 *
 * <p>Confidence: the posterior of an item's class under those mean matrices is sharper than its accuracy (answers on
 * one item are not independent), so it is tempered: the log-likelihood is divided by the temperature T that best
 * predicts each answer from the item's other answers (held-out answers, no ground truth). An item with one answer gets
 * its worker's measured accuracy combined with the class prior, not Ground Truth's 0.
 *
 * <p>Work: sweeps × answers × classes, the number of sweeps falling as the job grows (posteriors sharpen), so a
 * million answers take about ten sweeps.
 */
public final class BayesianConsensus {

    /**
     * @param sweepBudget answer-class updates to spend: sweeps = budget / (answers × classes), clamped
     * @param minSweeps   the fewest sweeps, however large the job
     * @param maxSweeps   the most sweeps, however small the job
     */
    public record Options(long sweepBudget, int minSweeps, int maxSweeps) {

        public static final Options DEFAULT = new Options(40_000_000L, 10, 400);

        public Options {
            if (sweepBudget < 1 || minSweeps < 4 || maxSweeps < minSweeps) {
                throw new IllegalArgumentException("invalid sampling options: " + this);
            }
        }

        int sweeps(CrowdAnswers answers) {
            long work = Math.max(1L, (long) answers.answers() * answers.classes());
            return (int) Math.max(minSweeps, Math.min(maxSweeps, sweepBudget / work));
        }
    }

    /** Fractions f of the way from chance to certainty: a = 1/K + (1 − 1/K) f. */
    private static final double[] ACCURACY_STEPS = {0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95};

    private static final double[] STRENGTHS = {0.5, 1, 2, 4, 8, 16, 32, 64, 256, 4096};
    private static final double MIN_TEMPERATURE = 0.25;
    private static final double MAX_TEMPERATURE = 20;
    /** Held-out answers used to choose the temperature: enough to fix it to a few percent, few enough to be cheap. */
    private static final int TEMPERATURE_ITEMS = 20_000;

    private final Options options;

    public BayesianConsensus() {
        this(Options.DEFAULT);
    }

    public BayesianConsensus(Options options) {
        this.options = options;
    }

    public Consensus run(CrowdAnswers answers) {
        int[] unknown = new int[answers.items()];
        Arrays.fill(unknown, -1);
        return run(answers, unknown);
    }

    /** Labels the items, {@code known[item]} being a gold item's true class or -1. */
    public Consensus run(CrowdAnswers answers, int[] known) {
        if (known.length != answers.items()) {
            throw new IllegalArgumentException(
                    "known classes for " + known.length + " items, expected " + answers.items());
        }
        Sampler sampler = new Sampler(answers, known, options.sweeps(answers));
        WorkerModel model = sampler.run();
        return label(answers, model, known, sampler.sweeps);
    }

    /**
     * Labels items with workers already measured (the model of a run over the whole job): the tempered posterior under
     * the model's matrices and class prior; a worker the model does not know gets its default accuracy.
     */
    public Consensus apply(CrowdAnswers answers, WorkerModel model, int[] known) {
        if (model.classes() != answers.classes() || known.length != answers.items()) {
            throw new IllegalArgumentException("the model has " + model.classes() + " classes and the answers "
                    + answers.classes() + "; known classes for " + known.length + " of " + answers.items() + " items");
        }
        return label(answers, model, known, 0);
    }

    private static Consensus label(CrowdAnswers answers, WorkerModel model, int[] known, int sweeps) {
        int k = answers.classes();
        double[] logConfusion = logConfusion(answers, model);
        double[] posterior = new double[answers.items() * k];
        double inverseTemperature = 1 / model.temperature();
        double logLikelihood = 0;
        double[] log = new double[k];
        for (int i = 0; i < answers.items(); i++) {
            if (known[i] >= 0) {
                posterior[i * k + known[i]] = 1;
                continue;
            }
            Arrays.fill(log, 0);
            for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                int row = answers.worker(a) * k * k + answers.label(a);
                for (int t = 0; t < k; t++) {
                    log[t] += logConfusion[row + t * k];
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < k; t++) {
                log[t] = Math.log(model.classPrior()[t]) + log[t] * inverseTemperature;
                max = Math.max(max, log[t]);
            }
            double sum = 0;
            for (int t = 0; t < k; t++) {
                posterior[i * k + t] = Math.exp(log[t] - max);
                sum += posterior[i * k + t];
            }
            for (int t = 0; t < k; t++) {
                posterior[i * k + t] /= sum;
            }
            logLikelihood += max + Math.log(sum);
        }
        List<WorkerQuality> qualities = new ArrayList<>(answers.workers());
        int[] counts = new int[answers.workers()];
        for (int a = 0; a < answers.answers(); a++) {
            counts[answers.worker(a)]++;
        }
        for (int w = 0; w < answers.workers(); w++) {
            double accuracy = model.accuracyOf(answers.workerId(w));
            qualities.add(new WorkerQuality(
                    answers.workerId(w), counts[w], Double.isNaN(accuracy) ? model.defaultAccuracy() : accuracy));
        }
        return new Consensus(answers, posterior, qualities, model, sweeps, logLikelihood, true);
    }

    /** Log confusion entries by [worker][true class][answer] of {@code answers}' worker indexes. */
    private static double[] logConfusion(CrowdAnswers answers, WorkerModel model) {
        int k = answers.classes();
        double[] log = new double[answers.workers() * k * k];
        for (int w = 0; w < answers.workers(); w++) {
            double[] matrix = model.confusion().get(answers.workerId(w));
            for (int t = 0; t < k; t++) {
                for (int l = 0; l < k; l++) {
                    double p = matrix != null
                            ? matrix[t * k + l]
                            : (t == l ? model.defaultAccuracy() : (1 - model.defaultAccuracy()) / (k - 1));
                    log[w * k * k + t * k + l] = Math.log(p);
                }
            }
        }
        return log;
    }

    /** One collapsed Gibbs run: labels, integer confusion counts and the hyper-parameters' grid position. */
    private static final class Sampler {

        private final CrowdAnswers answers;
        private final int[] known;
        private final int k;
        private final int sweeps;
        private final int burnIn;
        private final int[] z;
        private final int[] classCount;
        private final int[] count;
        private final int[] rowTotal;
        private final double[] accuracies;
        private final SplittableRandom random;
        private final double[] thetaSum;
        private final double[] priorSum;
        private double accuracySum;
        private int samples;
        private double alphaDiagonal;
        private double alphaOff;
        private double strength;
        private double accuracy;

        Sampler(CrowdAnswers answers, int[] known, int sweeps) {
            this.answers = answers;
            this.known = known;
            this.k = answers.classes();
            this.sweeps = sweeps;
            this.burnIn = Math.max(2, sweeps / 4);
            this.z = new int[answers.items()];
            this.classCount = new int[k];
            this.count = new int[answers.workers() * k * k];
            this.rowTotal = new int[answers.workers() * k];
            this.accuracies = new double[ACCURACY_STEPS.length];
            for (int g = 0; g < accuracies.length; g++) {
                accuracies[g] = 1.0 / k + (1 - 1.0 / k) * ACCURACY_STEPS[g];
            }
            this.random = new SplittableRandom(seed(answers));
            this.thetaSum = new double[count.length];
            this.priorSum = new double[k];
        }

        WorkerModel run() {
            start();
            double[] p = new double[k];
            for (int sweep = 0; sweep < sweeps; sweep++) {
                for (int i = 0; i < z.length; i++) {
                    if (known[i] < 0) {
                        resample(i, p);
                    }
                }
                resampleHyperParameters();
                if (sweep >= burnIn) {
                    accumulate();
                }
            }
            return model();
        }

        /** Labels from the vote (ties to the lowest class), hyper-parameters at the grid's middle. */
        private void start() {
            int[] votes = new int[k];
            for (int i = 0; i < z.length; i++) {
                if (known[i] >= 0) {
                    z[i] = known[i];
                } else {
                    Arrays.fill(votes, 0);
                    int best = 0;
                    for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                        int l = answers.label(a);
                        if (++votes[l] > votes[best]) {
                            best = l;
                        }
                    }
                    z[i] = best;
                }
                add(i, z[i], 1);
            }
            hyperParameters(accuracies[accuracies.length / 2], STRENGTHS[STRENGTHS.length / 2]);
        }

        private void add(int item, int t, int delta) {
            classCount[t] += delta;
            for (int a = answers.firstAnswer(item); a < answers.firstAnswer(item + 1); a++) {
                int w = answers.worker(a);
                count[w * k * k + t * k + answers.label(a)] += delta;
                rowTotal[w * k + t] += delta;
            }
        }

        private void resample(int item, double[] p) {
            add(item, z[item], -1);
            for (int t = 0; t < k; t++) {
                p[t] = classCount[t] + 1;
            }
            int first = answers.firstAnswer(item);
            for (int a = first; a < answers.firstAnswer(item + 1); a++) {
                int w = answers.worker(a);
                int l = answers.label(a);
                for (int t = 0; t < k; t++) {
                    p[t] *= (count[w * k * k + t * k + l] + (t == l ? alphaDiagonal : alphaOff))
                            / (rowTotal[w * k + t] + strength);
                }
                if ((a - first) % 16 == 15) {
                    rescale(p);
                }
            }
            double total = 0;
            for (int t = 0; t < k; t++) {
                total += p[t];
            }
            double u = random.nextDouble() * total;
            int chosen = k - 1;
            for (int t = 0; t < k - 1; t++) {
                u -= p[t];
                if (u < 0) {
                    chosen = t;
                    break;
                }
            }
            z[item] = chosen;
            add(item, chosen, 1);
        }

        private static void rescale(double[] p) {
            double max = 0;
            for (double v : p) {
                max = Math.max(max, v);
            }
            for (int t = 0; t < p.length; t++) {
                p[t] /= max;
            }
        }

        /**
         * Draws (a, s) from their grid given the counts: each worker's row is a Dirichlet-multinomial draw, so the
         * counts' likelihood under a grid point is a ratio of gamma functions over the non-empty cells and rows.
         */
        private void resampleHyperParameters() {
            double[] logWeight = new double[accuracies.length * STRENGTHS.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < accuracies.length; g++) {
                for (int h = 0; h < STRENGTHS.length; h++) {
                    double s = STRENGTHS[h];
                    double diagonal = s * accuracies[g];
                    double off = s * (1 - accuracies[g]) / (k - 1);
                    double logGammaS = logGamma(s);
                    double logGammaDiagonal = logGamma(diagonal);
                    double logGammaOff = logGamma(off);
                    double ll = 0;
                    for (int row = 0; row < rowTotal.length; row++) {
                        if (rowTotal[row] == 0) {
                            continue;
                        }
                        ll += logGammaS - logGamma(s + rowTotal[row]);
                        int t = row % k;
                        for (int l = 0; l < k; l++) {
                            int n = count[row * k + l];
                            if (n > 0) {
                                ll += t == l
                                        ? logGamma(diagonal + n) - logGammaDiagonal
                                        : logGamma(off + n) - logGammaOff;
                            }
                        }
                    }
                    logWeight[g * STRENGTHS.length + h] = ll;
                    max = Math.max(max, ll);
                }
            }
            double total = 0;
            for (int cell = 0; cell < logWeight.length; cell++) {
                logWeight[cell] = Math.exp(logWeight[cell] - max);
                total += logWeight[cell];
            }
            double u = random.nextDouble() * total;
            int chosen = logWeight.length - 1;
            for (int cell = 0; cell < logWeight.length - 1; cell++) {
                u -= logWeight[cell];
                if (u < 0) {
                    chosen = cell;
                    break;
                }
            }
            hyperParameters(accuracies[chosen / STRENGTHS.length], STRENGTHS[chosen % STRENGTHS.length]);
        }

        private void hyperParameters(double a, double s) {
            accuracy = a;
            strength = s;
            alphaDiagonal = s * a;
            alphaOff = s * (1 - a) / (k - 1);
        }

        /** Adds this sweep's posterior-mean matrices and class prior given the counts. */
        private void accumulate() {
            for (int row = 0; row < rowTotal.length; row++) {
                int t = row % k;
                double denominator = rowTotal[row] + strength;
                for (int l = 0; l < k; l++) {
                    thetaSum[row * k + l] += (count[row * k + l] + (t == l ? alphaDiagonal : alphaOff)) / denominator;
                }
            }
            for (int t = 0; t < k; t++) {
                priorSum[t] += (classCount[t] + 1.0) / (z.length + k);
            }
            accuracySum += accuracy;
            samples++;
        }

        private WorkerModel model() {
            Map<String, double[]> confusion = new HashMap<>();
            for (int w = 0; w < answers.workers(); w++) {
                double[] matrix = new double[k * k];
                for (int cell = 0; cell < matrix.length; cell++) {
                    matrix[cell] = thetaSum[w * k * k + cell] / samples;
                }
                confusion.put(answers.workerId(w), matrix);
            }
            double[] prior = new double[k];
            for (int t = 0; t < k; t++) {
                prior[t] = priorSum[t] / samples;
            }
            WorkerModel untempered = new WorkerModel(k, prior, confusion, accuracySum / samples, 1.0);
            return untempered.withTemperature(Temperature.fit(answers, known, untempered, TEMPERATURE_ITEMS));
        }

        /** A seed from the answers themselves, so that a retried consolidation draws the same samples. */
        private static long seed(CrowdAnswers answers) {
            long h = 0x9E3779B97F4A7C15L ^ answers.items();
            for (int a = 0; a < answers.answers(); a++) {
                h = h * 31 + answers.worker(a) * (long) answers.classes() + answers.label(a);
            }
            for (int w = 0; w < answers.workers(); w++) {
                h = h * 31 + answers.workerId(w).hashCode();
            }
            return h;
        }
    }

    /** The temperature whose tempered posterior best predicts each held-out answer from the item's other answers. */
    static final class Temperature {

        private Temperature() {}

        static double fit(CrowdAnswers answers, int[] known, WorkerModel model, int maxItems) {
            int k = answers.classes();
            double[] logConfusion = logConfusion(answers, model);
            double[] confusion = new double[logConfusion.length];
            for (int cell = 0; cell < confusion.length; cell++) {
                confusion[cell] = Math.exp(logConfusion[cell]);
            }
            List<Integer> items = new ArrayList<>();
            int stride = Math.max(1, answers.items() / maxItems);
            for (int i = 0; i < answers.items(); i += stride) {
                if (known[i] < 0 && answers.firstAnswer(i + 1) - answers.firstAnswer(i) >= 2) {
                    items.add(i);
                }
            }
            if (items.isEmpty()) {
                return 1.0;
            }
            // Golden-section search on log T: the held-out log-likelihood is smooth and single-peaked in practice.
            double lo = Math.log(MIN_TEMPERATURE);
            double hi = Math.log(MAX_TEMPERATURE);
            double ratio = (Math.sqrt(5) - 1) / 2;
            double x1 = hi - ratio * (hi - lo);
            double x2 = lo + ratio * (hi - lo);
            double f1 = heldOut(answers, model, logConfusion, confusion, items, Math.exp(x1));
            double f2 = heldOut(answers, model, logConfusion, confusion, items, Math.exp(x2));
            for (int step = 0; step < 30; step++) {
                if (f1 > f2) {
                    hi = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = hi - ratio * (hi - lo);
                    f1 = heldOut(answers, model, logConfusion, confusion, items, Math.exp(x1));
                } else {
                    lo = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = lo + ratio * (hi - lo);
                    f2 = heldOut(answers, model, logConfusion, confusion, items, Math.exp(x2));
                }
            }
            return Math.exp((lo + hi) / 2);
        }

        /** The log-probability of each answer given the item's other answers, the posterior tempered by T. */
        private static double heldOut(
                CrowdAnswers answers,
                WorkerModel model,
                double[] logConfusion,
                double[] confusion,
                List<Integer> items,
                double temperature) {
            int k = answers.classes();
            double[] full = new double[k];
            double[] q = new double[k];
            double total = 0;
            for (int i : items) {
                Arrays.fill(full, 0);
                for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                    int row = answers.worker(a) * k * k + answers.label(a);
                    for (int t = 0; t < k; t++) {
                        full[t] += logConfusion[row + t * k];
                    }
                }
                for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                    int row = answers.worker(a) * k * k + answers.label(a);
                    double max = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < k; t++) {
                        q[t] = Math.log(model.classPrior()[t]) + (full[t] - logConfusion[row + t * k]) / temperature;
                        max = Math.max(max, q[t]);
                    }
                    double norm = 0;
                    double predicted = 0;
                    for (int t = 0; t < k; t++) {
                        double weight = Math.exp(q[t] - max);
                        norm += weight;
                        predicted += weight * confusion[row + t * k];
                    }
                    total += Math.log(predicted / norm);
                }
            }
            return total;
        }
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 15 significant digits). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double y = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (y + i);
        }
        double t = y + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };
}
