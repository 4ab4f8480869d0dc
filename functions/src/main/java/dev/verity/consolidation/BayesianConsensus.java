package dev.verity.consolidation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Verity's single-label consolidation: Bayesian classifier combination with a prior on the workers that the job's own
 * answers tune, and confidences tempered so that they match accuracy.
 *
 * <p>The model: an item's class has a Dirichlet(1) prior over classes. Worker j has an accuracy a_j on a grid of steps
 * (adversaries below chance, spammers at chance, good workers up to 0.99 for two classes), and their confusion row for
 * true class t is Dirichlet(s · r(a_j)), r(a) putting a on the diagonal and spreading 1 − a evenly off it. The steps
 * share a collapsed Dirichlet prior of small weight, so workers the answers cannot tell apart are drawn to one step
 * (with one shared step and a large s the vote is majority vote's), and each worker's own prior leans towards being
 * better than chance (else a small job could as well be read as every worker answering at random, or every label
 * flipped and every worker an adversary). The strength s, shared
 * by all workers, decides how far a matrix may stray from its coin: a full matrix where the answers show one (an
 * adversary who permutes classes), a coin where they do not. Inference is collapsed Gibbs sampling over labels, steps
 * and strength (matrices and class prior integrated out), started from the vote and seeded from the answers, so the
 * same answers always give the same labels. The workers' matrices are their posterior means over the sweeps after
 * burn-in; gold items keep their class and measure the workers.
 *
 * <p>Labels are the classes of highest posterior under those mean matrices. Confidence: that posterior is sharper
 * than the label's accuracy, for two reasons, and a temperature T (dividing the log posterior) undoes the larger: one
 * set of matrices leaves out the uncertainty about the workers (T that brings the posterior closest to the sampled
 * marginals, which keep it), and answers on one item are not independent (T that best predicts each answer from the
 * item's other answers). Neither uses ground truth. An item with one answer gets its worker's measured accuracy
 * combined with the class prior, not Ground Truth's 0.
 *
 * <p>Work: sweeps × answers × classes, the sweeps falling as the job grows (posteriors sharpen), down to ten for a
 * million answers.
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

    /**
     * A worker's accuracy steps, as fractions f of the way from chance to certainty (a = 1/K + (1 − 1/K) f) or, below
     * 0, from chance to never right (a = (1 + f)/K): adversaries, spammers (f = 0) and good workers.
     */
    private static final double[] ACCURACY_STEPS = {
        -0.98, -0.9, -0.5, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98
    };

    private static final int START_STEP = 12;
    /**
     * Each worker's own prior weight on each step: 0.02 below chance (an adversary), 0.1 at chance (a spammer), 0.3 for
     * a poor worker (f below 0.5), 1 for the rest. Without it the answers of a small job are almost as well explained
     * by every worker answering at random and any labels, or by every label flipped and every worker an adversary; a
     * dozen answers against the consensus still outweigh it.
     */
    private static final double[] LOG_STEP_PRIOR = Arrays.stream(ACCURACY_STEPS)
            .map(f -> Math.log(f < 0 ? 0.02 : f == 0 ? 0.1 : f < 0.5 ? 0.3 : 1))
            .toArray();
    /** The Dirichlet weight of each accuracy step before any worker sits there: small, so workers share steps. */
    private static final double STEP_CONCENTRATION = 0.2;

    /** How far a worker's confusion matrix may stray from their symmetric coin: 0.5 nearly free, 4,096 not at all. */
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
        return run(answers, answers.noneKnown());
    }

    /** Labels the items, {@code known[item]} being a gold item's true class or -1. */
    public Consensus run(CrowdAnswers answers, int[] known) {
        answers.requireKnown(known);
        Sampler sampler = new Sampler(answers, known, options.sweeps(answers));
        WorkerModel model = sampler.run();
        return label(answers, model, known, sampler.sweeps);
    }

    /**
     * Labels items with workers already measured (the model of a run over the whole job): the tempered posterior under
     * the model's matrices and class prior; a worker the model does not know gets its default accuracy.
     */
    public Consensus apply(CrowdAnswers answers, WorkerModel model, int[] known) {
        answers.requireModel(model, known);
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
                log[t] = (Math.log(model.classPrior()[t]) + log[t]) * inverseTemperature;
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

    /** One collapsed Gibbs run: labels, integer confusion counts, each worker's accuracy step and the strength. */
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
        private final int[] step;
        private final int[] stepCount;
        private final double[] alphaDiagonal;
        private final double[] alphaOff;
        private final SplittableRandom random;
        private final double[] thetaSum;
        private final double[] priorSum;
        private double defaultAccuracySum;
        private double[] rb;
        private boolean normalised;
        private int samples;
        private double strength;

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
                double f = ACCURACY_STEPS[g];
                accuracies[g] = f >= 0 ? 1.0 / k + (1 - 1.0 / k) * f : (1 + f) / k;
            }
            this.step = new int[answers.workers()];
            this.stepCount = new int[accuracies.length];
            this.alphaDiagonal = new double[answers.workers()];
            this.alphaOff = new double[answers.workers()];
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
                resampleWorkers();
                resampleStrength();
                if (sweep >= burnIn) {
                    accumulate();
                }
                if (sweep == burnIn - 1) {
                    rb = new double[z.length * k];
                }
            }
            return model();
        }

        /** Labels from the vote (ties to the lowest class); every worker at the same good accuracy; middle strength. */
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
            strength = STRENGTHS[STRENGTHS.length / 2];
            Arrays.fill(step, START_STEP);
            for (int w = 0; w < answers.workers(); w++) {
                stepCount[step[w]]++;
                alphas(w);
            }
        }

        private void alphas(int w) {
            double a = accuracies[step[w]];
            alphaDiagonal[w] = strength * a;
            alphaOff[w] = strength * (1 - a) / (k - 1);
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
                    p[t] *= (count[w * k * k + t * k + l] + (t == l ? alphaDiagonal[w] : alphaOff[w]))
                            / (rowTotal[w * k + t] + strength);
                }
                if ((a - first) % 16 == 15) {
                    rescale(p);
                }
            }
            if (rb != null) {
                double total = 0;
                for (int t = 0; t < k; t++) {
                    total += p[t];
                }
                for (int t = 0; t < k; t++) {
                    rb[item * k + t] += p[t] / total;
                }
            }
            int chosen = draw(p);
            z[item] = chosen;
            add(item, chosen, 1);
        }

        /** An index drawn with probability proportional to the (non-negative) weights. */
        private int draw(double[] weight) {
            double total = 0;
            for (double v : weight) {
                total += v;
            }
            double u = random.nextDouble() * total;
            for (int t = 0; t < weight.length - 1; t++) {
                u -= weight[t];
                if (u < 0) {
                    return t;
                }
            }
            return weight.length - 1;
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
         * Each worker's accuracy step given their counts (a Dirichlet-multinomial likelihood per confusion row) and the
         * other workers' steps (a collapsed Dirichlet prior over the steps, so workers the answers cannot tell apart
         * are drawn to the same step).
         */
        private void resampleWorkers() {
            double[] log = new double[accuracies.length];
            for (int w = 0; w < answers.workers(); w++) {
                stepCount[step[w]]--;
                double max = Double.NEGATIVE_INFINITY;
                for (int g = 0; g < accuracies.length; g++) {
                    log[g] = Math.log(stepCount[g] + STEP_CONCENTRATION)
                            + LOG_STEP_PRIOR[g]
                            + logEvidence(w, accuracies[g], strength);
                    max = Math.max(max, log[g]);
                }
                for (int g = 0; g < log.length; g++) {
                    log[g] = Math.exp(log[g] - max);
                }
                step[w] = draw(log);
                stepCount[step[w]]++;
                alphas(w);
            }
        }

        /** The strength given every worker's counts and accuracy step. */
        private void resampleStrength() {
            double[] log = new double[STRENGTHS.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int h = 0; h < STRENGTHS.length; h++) {
                for (int w = 0; w < answers.workers(); w++) {
                    log[h] += logEvidence(w, accuracies[step[w]], STRENGTHS[h]);
                }
                max = Math.max(max, log[h]);
            }
            for (int h = 0; h < log.length; h++) {
                log[h] = Math.exp(log[h] - max);
            }
            strength = STRENGTHS[draw(log)];
            for (int w = 0; w < answers.workers(); w++) {
                alphas(w);
            }
        }

        /** log P(worker w's counts | accuracy a, strength s): a Dirichlet-multinomial per confusion row. */
        private double logEvidence(int w, double a, double s) {
            double diagonal = s * a;
            double off = s * (1 - a) / (k - 1);
            double logGammaS = logGamma(s);
            double logGammaDiagonal = logGamma(diagonal);
            double logGammaOff = logGamma(off);
            double ll = 0;
            for (int t = 0; t < k; t++) {
                int row = w * k + t;
                if (rowTotal[row] == 0) {
                    continue;
                }
                ll += logGammaS - logGamma(s + rowTotal[row]);
                for (int l = 0; l < k; l++) {
                    int n = count[row * k + l];
                    if (n > 0) {
                        ll += t == l ? logGamma(diagonal + n) - logGammaDiagonal : logGamma(off + n) - logGammaOff;
                    }
                }
            }
            return ll;
        }

        /** Adds this sweep's posterior-mean matrices, class prior and a new worker's expected accuracy. */
        private void accumulate() {
            for (int row = 0; row < rowTotal.length; row++) {
                int t = row % k;
                int w = row / k;
                double denominator = rowTotal[row] + strength;
                for (int l = 0; l < k; l++) {
                    thetaSum[row * k + l] +=
                            (count[row * k + l] + (t == l ? alphaDiagonal[w] : alphaOff[w])) / denominator;
                }
            }
            for (int t = 0; t < k; t++) {
                priorSum[t] += (classCount[t] + 1.0) / (z.length + k);
            }
            double expected = 0;
            for (int g = 0; g < accuracies.length; g++) {
                expected += (stepCount[g] + STEP_CONCENTRATION) * accuracies[g];
            }
            defaultAccuracySum += expected / (answers.workers() + STEP_CONCENTRATION * accuracies.length);
            samples++;
        }

        /** The labels' Rao-Blackwellised marginals: each sweep's conditional class probabilities, averaged. */
        double[] marginals() {
            if (normalised) {
                return rb;
            }
            normalised = true;
            for (int i = 0; i < z.length; i++) {
                double total = 0;
                for (int t = 0; t < k; t++) {
                    total += rb[i * k + t];
                }
                for (int t = 0; t < k; t++) {
                    rb[i * k + t] = known[i] >= 0 ? (t == known[i] ? 1 : 0) : rb[i * k + t] / total;
                }
            }
            return rb;
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
            WorkerModel untempered = new WorkerModel(k, prior, confusion, defaultAccuracySum / samples, 1.0);
            return untempered.withTemperature(Math.max(
                    Temperature.towardMarginals(answers, known, untempered, marginals(), TEMPERATURE_ITEMS),
                    Temperature.heldOutFit(answers, known, untempered, TEMPERATURE_ITEMS)));
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

    /** The two temperatures of the class comment; the larger is used. */
    static final class Temperature {

        private Temperature() {}

        /**
         * The temperature at which the posterior under the mean matrices comes closest (cross-entropy) to the sampled
         * marginals, which also carry the uncertainty about the workers that one set of matrices leaves out.
         */
        static double towardMarginals(
                CrowdAnswers answers, int[] known, WorkerModel model, double[] marginals, int maxItems) {
            int k = answers.classes();
            double[] logConfusion = logConfusion(answers, model);
            int stride = Math.max(1, answers.items() / maxItems);
            int n = 0;
            double[] likelihood = new double[(answers.items() / stride + 1) * k];
            double[] target = new double[likelihood.length];
            for (int i = 0; i < answers.items(); i += stride) {
                if (known[i] >= 0) {
                    continue;
                }
                for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                    int row = answers.worker(a) * k * k + answers.label(a);
                    for (int t = 0; t < k; t++) {
                        likelihood[n * k + t] += logConfusion[row + t * k];
                    }
                }
                System.arraycopy(marginals, i * k, target, n * k, k);
                n++;
            }
            if (n == 0) {
                return 1.0;
            }
            double[] logPrior = new double[k];
            for (int t = 0; t < k; t++) {
                logPrior[t] = Math.log(model.classPrior()[t]);
            }
            int items = n;
            return bestTemperature(t -> -crossEntropy(likelihood, target, logPrior, items, k, t));
        }

        /** The temperature whose tempered posterior best predicts each answer from the item's other answers. */
        static double heldOutFit(CrowdAnswers answers, int[] known, WorkerModel model, int maxItems) {
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
            return bestTemperature(t -> heldOut(answers, model, logConfusion, confusion, items, t));
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
                        q[t] = (Math.log(model.classPrior()[t]) + full[t] - logConfusion[row + t * k]) / temperature;
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

        /**
         * The temperature in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}] that maximises the score: a
         * golden-section search on log T (both scores are smooth and single-peaked in T).
         */
        private static double bestTemperature(DoubleUnaryOperator score) {
            double lo = Math.log(MIN_TEMPERATURE);
            double hi = Math.log(MAX_TEMPERATURE);
            double ratio = (Math.sqrt(5) - 1) / 2;
            double x1 = hi - ratio * (hi - lo);
            double x2 = lo + ratio * (hi - lo);
            double f1 = score.applyAsDouble(Math.exp(x1));
            double f2 = score.applyAsDouble(Math.exp(x2));
            for (int step = 0; step < 30; step++) {
                if (f1 > f2) {
                    hi = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = hi - ratio * (hi - lo);
                    f1 = score.applyAsDouble(Math.exp(x1));
                } else {
                    lo = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = lo + ratio * (hi - lo);
                    f2 = score.applyAsDouble(Math.exp(x2));
                }
            }
            return Math.exp((lo + hi) / 2);
        }

        private static double crossEntropy(
                double[] likelihood, double[] target, double[] logPrior, int items, int k, double temperature) {
            double total = 0;
            double[] log = new double[k];
            for (int i = 0; i < items; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < k; t++) {
                    log[t] = (logPrior[t] + likelihood[i * k + t]) / temperature;
                    max = Math.max(max, log[t]);
                }
                double sum = 0;
                for (int t = 0; t < k; t++) {
                    sum += Math.exp(log[t] - max);
                }
                double logSum = max + Math.log(sum);
                for (int t = 0; t < k; t++) {
                    total -= target[i * k + t] * (log[t] - logSum);
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
