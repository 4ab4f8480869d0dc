package dev.verity.job;

/** A job's {@code LabelCounters} as {@code DescribeLabelingJob} reports them; all counts are non-negative. */
public record LabelCounters(
        long totalLabeled, long humanLabeled, long machineLabeled, long failedNonRetryableError, long unlabeled) {

    public LabelCounters {
        if (totalLabeled < 0
                || humanLabeled < 0
                || machineLabeled < 0
                || failedNonRetryableError < 0
                || unlabeled < 0) {
            throw new IllegalArgumentException("label counters must not be negative: TotalLabeled=" + totalLabeled
                    + ", HumanLabeled=" + humanLabeled + ", MachineLabeled=" + machineLabeled
                    + ", FailedNonRetryableError=" + failedNonRetryableError + ", Unlabeled=" + unlabeled);
        }
    }

    /** The counters of a job that has labeled nothing yet out of {@code unlabeled} objects. */
    public static LabelCounters empty(long unlabeled) {
        return new LabelCounters(0, 0, 0, 0, unlabeled);
    }
}
