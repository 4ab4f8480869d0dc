package dev.verity.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * One point of the consolidation comparison: several jobs, each labeled by every {@link ComparedMethod}, scored
 * against the truth. Per method: mean accuracy over the jobs, share of jobs where it is less accurate than majority
 * vote, and the expected calibration error pooled over every item of every job.
 */
final class MethodComparison {

    /** Verity passes a point when its mean accuracy is at least the better baseline's less this margin. */
    static final double MARGIN = 0.002;

    static final String HEADER = "| MV acc | MV ECE | GT DS acc | GT DS < MV | GT DS ECE | Verity acc | Verity < MV"
            + " | Verity ECE | Verity ≥ max(MV, GT DS) − " + MARGIN + " |";
    static final String ALIGN = "---:|---:|---:|---:|---:|---:|---:|---:|:---:|";

    private static final ComparedMethod[] METHODS = ComparedMethod.values();

    private final int jobs;
    private final double[] accuracySum = new double[METHODS.length];
    private final int[] worseThanMajority = new int[METHODS.length];
    private final ExpectedCalibrationError[] calibration = new ExpectedCalibrationError[METHODS.length];

    private MethodComparison(int jobs) {
        this.jobs = jobs;
        for (int m = 0; m < METHODS.length; m++) {
            calibration[m] = new ExpectedCalibrationError();
        }
    }

    /** Runs {@code jobs} jobs, job {@code s} being {@code jobOf.apply(s)}, in parallel over the jobs. */
    static MethodComparison over(int jobs, IntFunction<CrowdDataset> jobOf) {
        List<JobScore> scores = IntStream.range(0, jobs)
                .parallel()
                .mapToObj(s -> JobScore.of(jobOf.apply(s)))
                .toList();
        MethodComparison point = new MethodComparison(jobs);
        for (JobScore score : scores) {
            for (int m = 0; m < METHODS.length; m++) {
                point.accuracySum[m] += score.accuracy[m];
                point.worseThanMajority[m] += score.accuracy[m] < score.accuracy[ComparedMethod.MV.ordinal()] ? 1 : 0;
                point.calibration[m].merge(score.calibration[m]);
            }
        }
        return point;
    }

    int jobs() {
        return jobs;
    }

    double accuracy(ComparedMethod method) {
        return accuracySum[method.ordinal()] / jobs;
    }

    /** Share of the jobs where {@code method} is strictly less accurate than majority vote. */
    double worseThanMajority(ComparedMethod method) {
        return (double) worseThanMajority[method.ordinal()] / jobs;
    }

    ExpectedCalibrationError calibration(ComparedMethod method) {
        return calibration[method.ordinal()];
    }

    boolean verityHoldsUp() {
        double best = Math.max(accuracy(ComparedMethod.MV), accuracy(ComparedMethod.GROUND_TRUTH));
        return accuracy(ComparedMethod.VERITY) >= best - MARGIN;
    }

    /** The cells after a row's own leading cells, matching {@link #HEADER}. */
    String cells() {
        return String.format(
                Locale.ROOT,
                " %.4f | %.3f | %.4f | %s | %.3f | %.4f | %s | %.3f | %s |",
                accuracy(ComparedMethod.MV),
                calibration(ComparedMethod.MV).value(),
                accuracy(ComparedMethod.GROUND_TRUTH),
                percent(worseThanMajority(ComparedMethod.GROUND_TRUTH)),
                calibration(ComparedMethod.GROUND_TRUTH).value(),
                accuracy(ComparedMethod.VERITY),
                percent(worseThanMajority(ComparedMethod.VERITY)),
                calibration(ComparedMethod.VERITY).value(),
                verityHoldsUp() ? "yes" : "**no**");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** Every method's accuracy and calibration on one job (items without a truth are left out). */
    private record JobScore(double[] accuracy, ExpectedCalibrationError[] calibration) {

        static JobScore of(CrowdDataset job) {
            double[] accuracy = new double[METHODS.length];
            ExpectedCalibrationError[] calibration = new ExpectedCalibrationError[METHODS.length];
            int[] truth = job.truth();
            for (int m = 0; m < METHODS.length; m++) {
                ComparedMethod.Labels labels = METHODS[m].label(job.answers());
                calibration[m] = new ExpectedCalibrationError();
                int known = 0;
                int right = 0;
                for (int i = 0; i < truth.length; i++) {
                    if (truth[i] >= 0) {
                        boolean correct = labels.label()[i] == truth[i];
                        known++;
                        right += correct ? 1 : 0;
                        calibration[m].add(labels.confidence()[i], correct);
                    }
                }
                accuracy[m] = (double) right / known;
            }
            return new JobScore(accuracy, calibration);
        }
    }
}
