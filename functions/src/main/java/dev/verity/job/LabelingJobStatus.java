package dev.verity.job;

/** A labeling job's status, spelled as {@code DescribeLabelingJob} answers it. */
public enum LabelingJobStatus {
    Initializing,
    InProgress,
    Completed,
    Failed,
    Stopping,
    Stopped;

    /** True when the job will not change status again. */
    public boolean isTerminal() {
        return this == Completed || this == Failed || this == Stopped;
    }
}
