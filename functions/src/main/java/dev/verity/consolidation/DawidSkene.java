package dev.verity.consolidation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-label consolidation by Dawid–Skene expectation-maximisation: each worker has a K×K confusion matrix
 * (row = true class, column = answer), items have a class prior, and EM alternates the posterior of each item's class
 * (E-step) with the confusion matrices and prior that best explain those posteriors (M-step).
 *
 * <p>{@link Options#GROUND_TRUTH} is Ground Truth's "Modified Dawid–Skene": confusion matrices start at a prior
 * accuracy on the diagonal and the rest spread evenly off it; the M-step adds Dirichlet pseudo-counts to every row,
 * the worker's own accuracy prior with weight n and the all-worker prior (the mean worker accuracy) with weight n/2,
 * both priors being the previous epoch's estimates; EM stops after a bounded number of epochs or when the
 * log-likelihood settles. The class prior is the mean posterior, add-one smoothed so that a small batch cannot
 * collapse onto its own answers or rule out a class nobody chose.
 *
 * <p>Output per item: the class of highest posterior (exact ties broken by {@link TieBreak} on the item id) and its
 * posterior rounded to 2 decimals as the confidence; an item with a single answer gets confidence 0, as in Ground
 * Truth. Work is O(answers × K) per epoch over flat arrays.
 */
public final class DawidSkene {

    /**
     * @param maxEpochs      the most E-steps to run
     * @param tolerance      stop when |ΔlogL| / |logL| falls below this
     * @param priorAccuracy  the accuracy every worker is assumed to have before the first epoch
     * @param smoothing      n: pseudo-answers per confusion row for the worker's own prior (the all-worker prior gets n/2)
     * @param majorityStart  start from vote shares (the textbook start) instead of the prior-accuracy matrices
     */
    public record Options(
            int maxEpochs, double tolerance, double priorAccuracy, double smoothing, boolean majorityStart) {

        /**
         * Ground Truth's published parameters (prior accuracy 0.7, at most 20 epochs, relative tolerance 1e-8) with
         * n = 1 pseudo-answer per row, which its description leaves open. Measured on the real crowd datasets
         * (bench), n = 1 is within 0.002 of the textbook variant on product and above it on dog; a heavier n (5, 10)
         * holds workers near the prior and loses accuracy on both.
         */
        public static final Options GROUND_TRUTH = new Options(20, 1e-8, 0.7, 1.0, false);

        public Options {
            if (maxEpochs < 1 || tolerance < 0 || smoothing <= 0 || priorAccuracy <= 0 || priorAccuracy >= 1) {
                throw new IllegalArgumentException("invalid Dawid-Skene options: " + this);
            }
        }
    }

    private final Options options;

    public DawidSkene(Options options) {
        this.options = options;
    }

    public Consensus run(CrowdAnswers answers) {
        return run(answers, answers.noneKnown());
    }

    /**
     * EM with gold questions: {@code known[item]} is the item's true class, or -1 where it is not known. A known
     * item's posterior is held at its true class, so its answers measure the workers instead of being measured.
     */
    public Consensus run(CrowdAnswers answers, int[] known) {
        answers.requireKnown(known);
        return new Em(answers, options, known).run();
    }

    /**
     * Labels items with workers already measured (a {@link WorkerModel} of a larger run, e.g. the whole job): one
     * E-step with the model's confusion matrices and class prior; a worker the model does not know gets the prior
     * accuracy. Gold items ({@code known[item] >= 0}) keep their true class.
     */
    public Consensus apply(CrowdAnswers answers, WorkerModel model, int[] known) {
        answers.requireModel(model, known);
        return new Em(answers, options, known).apply(model);
    }

    /** One run's state: flat arrays indexed [item][class] and [worker][true class][answer]. */
    private static final class Em {

        private final CrowdAnswers answers;
        private final Options options;
        private final int k;
        private final double[] posterior;
        private final double[] logConfusion;
        private final double[] counts;
        private final double[] logClassPrior;
        private final double[] workerAccuracy;
        private final int[] workerAnswers;
        private final int[] known;
        private double allWorkerAccuracy;

        Em(CrowdAnswers answers, Options options, int[] known) {
            this.answers = answers;
            this.options = options;
            this.known = known;
            this.k = answers.classes();
            this.posterior = new double[answers.items() * k];
            this.logConfusion = new double[answers.workers() * k * k];
            this.counts = new double[answers.workers() * k * k];
            this.logClassPrior = new double[k];
            this.workerAccuracy = new double[answers.workers()];
            this.workerAnswers = new int[answers.workers()];
            for (int a = 0; a < answers.answers(); a++) {
                workerAnswers[answers.worker(a)]++;
            }
        }

        Consensus run() {
            Arrays.fill(workerAccuracy, options.priorAccuracy());
            allWorkerAccuracy = options.priorAccuracy();
            if (options.majorityStart()) {
                voteShares();
                holdKnown();
                maximize();
            } else {
                priorConfusion();
                answerMarginal();
            }
            double logLikelihood = Double.NaN;
            int epoch = 0;
            while (epoch < options.maxEpochs()) {
                double previous = logLikelihood;
                logLikelihood = expect();
                epoch++;
                if (Math.abs(logLikelihood - previous) <= options.tolerance() * Math.abs(previous)
                        || epoch == options.maxEpochs()) {
                    break;
                }
                maximize();
            }
            return new Consensus(answers, posterior, qualities(), model(), epoch, logLikelihood, false);
        }

        Consensus apply(WorkerModel model) {
            for (int w = 0; w < answers.workers(); w++) {
                double[] confusion = model.confusion().get(answers.workerId(w));
                for (int t = 0; t < k; t++) {
                    for (int c = 0; c < k; c++) {
                        double p = confusion != null ? confusion[t * k + c] : prior(model.defaultAccuracy(), t, c);
                        logConfusion[w * k * k + t * k + c] = Math.log(p);
                    }
                }
                workerAccuracy[w] = confusion != null ? WorkerModel.accuracy(confusion, k) : model.defaultAccuracy();
            }
            for (int c = 0; c < k; c++) {
                logClassPrior[c] = Math.log(model.classPrior()[c]);
            }
            double logLikelihood = expect();
            return new Consensus(answers, posterior, qualities(), model, 0, logLikelihood, false);
        }

        private WorkerModel model() {
            Map<String, double[]> confusion = new HashMap<>();
            for (int w = 0; w < answers.workers(); w++) {
                double[] matrix = new double[k * k];
                for (int cell = 0; cell < k * k; cell++) {
                    matrix[cell] = Math.exp(logConfusion[w * k * k + cell]);
                }
                confusion.put(answers.workerId(w), matrix);
            }
            double[] classPrior = new double[k];
            for (int c = 0; c < k; c++) {
                classPrior[c] = Math.exp(logClassPrior[c]);
            }
            return new WorkerModel(k, classPrior, confusion, allWorkerAccuracy);
        }

        /** E-step: each item's class posterior, in logs for stability; returns the log-likelihood. */
        private double expect() {
            double[] log = new double[k];
            double logLikelihood = 0;
            for (int i = 0; i < answers.items(); i++) {
                System.arraycopy(logClassPrior, 0, log, 0, k);
                for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                    int row = answers.worker(a) * k * k + answers.label(a);
                    for (int c = 0; c < k; c++) {
                        log[c] += logConfusion[row + c * k];
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, log[c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    double p = Math.exp(log[c] - max);
                    posterior[i * k + c] = p;
                    sum += p;
                }
                for (int c = 0; c < k; c++) {
                    posterior[i * k + c] /= sum;
                }
                logLikelihood += max + Math.log(sum);
            }
            holdKnown();
            return logLikelihood;
        }

        /** Gold questions keep all their weight on their true class. */
        private void holdKnown() {
            for (int i = 0; i < known.length; i++) {
                if (known[i] >= 0) {
                    Arrays.fill(posterior, i * k, (i + 1) * k, 0);
                    posterior[i * k + known[i]] = 1;
                }
            }
        }

        /** M-step: smoothed confusion counts from the posteriors, worker accuracies, class prior. */
        private void maximize() {
            Arrays.fill(counts, 0);
            double[] classMass = new double[k];
            for (int i = 0; i < answers.items(); i++) {
                for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                    int cell = answers.worker(a) * k * k + answers.label(a);
                    for (int c = 0; c < k; c++) {
                        counts[cell + c * k] += posterior[i * k + c];
                    }
                }
                for (int c = 0; c < k; c++) {
                    classMass[c] += posterior[i * k + c];
                }
            }
            double ownWeight = options.smoothing();
            double sharedWeight = options.smoothing() / 2;
            double accuracySum = 0;
            for (int w = 0; w < answers.workers(); w++) {
                double diagonal = 0;
                double total = 0;
                for (int t = 0; t < k; t++) {
                    int row = w * k * k + t * k;
                    double rowSum = 0;
                    for (int c = 0; c < k; c++) {
                        counts[row + c] += ownWeight * prior(workerAccuracy[w], t, c)
                                + sharedWeight * prior(allWorkerAccuracy, t, c);
                        rowSum += counts[row + c];
                    }
                    for (int c = 0; c < k; c++) {
                        logConfusion[row + c] = Math.log(counts[row + c] / rowSum);
                    }
                    diagonal += counts[row + t];
                    total += rowSum;
                }
                workerAccuracy[w] = diagonal / total;
                accuracySum += workerAccuracy[w];
            }
            allWorkerAccuracy = accuracySum / answers.workers();
            for (int c = 0; c < k; c++) {
                logClassPrior[c] = Math.log((classMass[c] + 1) / (answers.items() + k));
            }
        }

        /** The confusion entry [true][answer] of a worker whose accuracy is {@code accuracy}, errors spread evenly. */
        private double prior(double accuracy, int trueClass, int answer) {
            return trueClass == answer ? accuracy : (1 - accuracy) / (k - 1);
        }

        private void priorConfusion() {
            for (int w = 0; w < answers.workers(); w++) {
                for (int t = 0; t < k; t++) {
                    for (int c = 0; c < k; c++) {
                        logConfusion[w * k * k + t * k + c] = Math.log(prior(options.priorAccuracy(), t, c));
                    }
                }
            }
        }

        /** The class prior before any posterior exists: how often each class was answered, add-one smoothed. */
        private void answerMarginal() {
            double[] mass = new double[k];
            for (int a = 0; a < answers.answers(); a++) {
                mass[answers.label(a)]++;
            }
            for (int c = 0; c < k; c++) {
                logClassPrior[c] = Math.log((mass[c] + 1) / (answers.answers() + k));
            }
        }

        private void voteShares() {
            for (int i = 0; i < answers.items(); i++) {
                int first = answers.firstAnswer(i);
                int end = answers.firstAnswer(i + 1);
                for (int a = first; a < end; a++) {
                    posterior[i * k + answers.label(a)] += 1.0 / (end - first);
                }
            }
        }

        private List<WorkerQuality> qualities() {
            List<WorkerQuality> qualities = new ArrayList<>(answers.workers());
            for (int w = 0; w < answers.workers(); w++) {
                qualities.add(new WorkerQuality(answers.workerId(w), workerAnswers[w], workerAccuracy[w]));
            }
            return qualities;
        }
    }
}
