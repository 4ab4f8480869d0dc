package dev.verity.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.LabelingJobStatus;
import java.time.Instant;

/**
 * What the job store keeps about one labeling job.
 *
 * @param request    the validated CreateLabelingJob request as JSON
 * @param categories the label category configuration file's content (null if the job has none)
 * @param datasetObjects objects accepted from the manifest (set by PrepareDataset)
 * @param selectedObjects objects chosen for labeling (set by SelectObjects)
 * @param completedObjects objects that have all their answers
 * @param labeledObjects objects with a label, human or machine (set by WriteOutput)
 * @param batch the human batch workers are answering (or last answered): 1 for a human-only job, one per round of
 *              automated labeling; 0 before the first
 * @param batchTarget the {@code completedObjects} count at which that batch has all its answers
 * @param machineLabeledObjects objects labeled by a model (automated labeling)
 * @param modelIteration the round of the newest trained model (automated labeling), 0 if none
 * @param closedBatch the last human batch the workflow took on to consolidation: its tasks take no more claims or
 *                    answers; 0 if none
 * @param batchObjects the objects of the current human batch
 * @param batchSent how many of them, in the batch's order, had their tasks sent (at most
 *                  {@code MaxConcurrentTaskCount} more than are complete)
 * @param failedObjects objects that cannot be labeled in this job (Ground Truth's {@code FailedNonRetryableError}):
 *                      while the job runs, those every worker declined; once WriteOutput ran, also those whose tasks
 *                      expired unanswered and those whose pre-annotation Lambda failed
 */
public record JobRecord(
        String name,
        String arn,
        JsonNode request,
        JsonNode categories,
        LabelingJobStatus status,
        String failureReason,
        Instant createdAt,
        Instant modifiedAt,
        String taskToken,
        long datasetObjects,
        long rejectedLines,
        long selectedObjects,
        long completedObjects,
        long labeledObjects,
        int chunkCount,
        String outputManifestUri,
        int batch,
        long batchTarget,
        long machineLabeledObjects,
        int modelIteration,
        int closedBatch,
        long batchObjects,
        long batchSent,
        long failedObjects) {

    /** A new job, before its workflow has run. */
    public static JobRecord created(String name, String arn, JsonNode request, JsonNode categories, Instant now) {
        return new JobRecord(
                name,
                arn,
                request,
                categories,
                LabelingJobStatus.Initializing,
                null,
                now,
                now,
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0);
    }

    /** True once every object of the current human batch has its answers (or declines). */
    public boolean batchComplete() {
        return batchRemaining() == 0;
    }

    /** True while workers may claim and answer tasks of {@code taskBatch}: it is the current batch and still open. */
    public boolean takesAnswersFor(int taskBatch) {
        return taskBatch >= batch && taskBatch > closedBatch;
    }

    /** Objects of the current human batch that have all their answers (or declines). */
    public long batchCompleted() {
        return completedObjects - (batchTarget - batchObjects);
    }

    /** Objects of the current human batch still waiting for answers. */
    public long batchRemaining() {
        // Jobs started before batches were recorded wait for every selected object.
        long target = batch == 0 ? selectedObjects : batchTarget;
        return Math.max(0, target - completedObjects);
    }
}
