package dev.verity.consolidation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a single-label consolidation concluded, by item index of the {@link CrowdAnswers}: each item's class posterior,
 * its label (the class of highest posterior, exact ties broken by {@link TieBreak} on the item id) and confidence, each
 * worker's quality, and the worker model that labels further items.
 */
public final class Consensus {

    // Posteriors this close are a tie: symmetric answers can differ in the last bits by summation order.
    private static final double TIE = 1e-9;

    private final CrowdAnswers answers;
    private final double[] posterior;
    private final int[] labels;
    private final List<WorkerQuality> workers;
    private final WorkerModel model;
    private final int epochs;
    private final double logLikelihood;
    private final boolean singleAnswerConfidence;

    /**
     * @param posterior              row-major [item][class]
     * @param epochs                 the EM epochs or sampling sweeps run
     * @param singleAnswerConfidence false for Ground Truth's rule: an item with one answer has confidence 0
     */
    Consensus(
            CrowdAnswers answers,
            double[] posterior,
            List<WorkerQuality> workers,
            WorkerModel model,
            int epochs,
            double logLikelihood,
            boolean singleAnswerConfidence) {
        this.answers = answers;
        this.posterior = posterior;
        this.workers = List.copyOf(workers);
        this.model = model;
        this.epochs = epochs;
        this.logLikelihood = logLikelihood;
        this.singleAnswerConfidence = singleAnswerConfidence;
        this.labels = new int[answers.items()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = argmax(i);
        }
    }

    public int label(int item) {
        return labels[item];
    }

    /** The chosen class's posterior, rounded half-up to 2 decimals (0 for a single answer under Ground Truth's rule). */
    public double confidence(int item) {
        if (!singleAnswerConfidence && answers.firstAnswer(item + 1) - answers.firstAnswer(item) == 1) {
            return 0.0;
        }
        return BigDecimal.valueOf(posterior(item, labels[item]))
                .setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    public double posterior(int item, int classIndex) {
        return posterior[item * answers.classes() + classIndex];
    }

    /** By worker index of the {@link CrowdAnswers}. */
    public List<WorkerQuality> workers() {
        return workers;
    }

    /** The workers' confusion matrices and the class prior the method ended with, to label further items. */
    public WorkerModel model() {
        return model;
    }

    public int epochs() {
        return epochs;
    }

    public double logLikelihood() {
        return logLikelihood;
    }

    private int argmax(int item) {
        int k = answers.classes();
        double best = 0;
        int[] tied = new int[k];
        int tiedCount = 0;
        for (int c = 0; c < k; c++) {
            best = Math.max(best, posterior(item, c));
        }
        for (int c = 0; c < k; c++) {
            if (posterior(item, c) >= best - TIE) {
                tied[tiedCount++] = c;
            }
        }
        return tiedCount == 1 ? tied[0] : tied[TieBreak.pick(answers.itemId(item), tiedCount)];
    }
}
