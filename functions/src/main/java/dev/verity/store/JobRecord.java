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
 * @param labeledObjects objects with a consolidated label (set by WriteOutput)
 */
public record JobRecord(String name, String arn, JsonNode request, JsonNode categories, LabelingJobStatus status,
                        String failureReason, Instant createdAt, Instant modifiedAt, String taskToken,
                        long datasetObjects, long rejectedLines, long selectedObjects, long completedObjects,
                        long labeledObjects, int chunkCount, String outputManifestUri) {

    /** A new job, before its workflow has run. */
    public static JobRecord created(String name, String arn, JsonNode request, JsonNode categories, Instant now) {
        return new JobRecord(name, arn, request, categories, LabelingJobStatus.Initializing, null, now, now, null,
                0, 0, 0, 0, 0, 0, null);
    }
}
