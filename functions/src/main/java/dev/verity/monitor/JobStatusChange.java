package dev.verity.monitor;

import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingJobStatus;

/**
 * A job's status as it just became, with its counters: what {@link JobEvents} tells the world.
 *
 * @param failureReason the reason of a failed job, else null
 */
public record JobStatusChange(
        String labelingJobName,
        String labelingJobArn,
        LabelingJobStatus status,
        String failureReason,
        LabelCounters counters) {}
