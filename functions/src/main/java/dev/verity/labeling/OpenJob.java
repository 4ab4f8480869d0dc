package dev.verity.labeling;

/**
 * A job with work open to a worker, as the worker portal lists it.
 *
 * @param taskType         the task type's name ({@code CreateLabelingJobRequest#taskTypeName})
 * @param objectsRemaining objects open now: 0 while consolidating, or between two batches of automated labeling
 */
public record OpenJob(
        String jobName,
        String title,
        String description,
        String taskType,
        int taskTimeLimitInSeconds,
        int workersPerObject,
        long objectsRemaining) {}
