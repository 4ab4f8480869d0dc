package dev.verity.labeling;

import java.math.BigDecimal;
import java.util.List;

/**
 * A job's per-worker figures: final once the output is written (with gold-question scores), else a live tally of the
 * answers so far.
 */
public record WorkerReport(String jobName, boolean isFinal, List<Figures> workers) {

    /**
     * One worker's figures.
     *
     * @param goldAccuracy      right gold answers over gold answered, to 4 places; null if none answered
     * @param estimatedAccuracy the job's Dawid–Skene estimate, to 4 places; null where the task type has none
     */
    public record Figures(
            String workerId,
            long answers,
            long goldAnswered,
            long goldCorrect,
            BigDecimal goldAccuracy,
            BigDecimal estimatedAccuracy) {}
}
