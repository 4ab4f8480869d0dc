package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingJobStatus;
import java.time.Instant;

/**
 * A job as lists of jobs show it (Ground Truth's {@code LabelingJobSummary}).
 *
 * @param preHumanTaskLambdaArn             null if the request names none
 * @param annotationConsolidationLambdaArn  null if the request names none
 * @param failureReason                     null unless the job failed
 * @param outputDatasetS3Uri                null until the output manifest is written
 * @param finalActiveLearningModelArn       null unless the job trained a model
 * @param inputConfig                       the request's {@code InputConfig}, as the requester gave it
 */
public record JobSummary(
        String name,
        String arn,
        Instant createdAt,
        Instant modifiedAt,
        LabelingJobStatus status,
        LabelCounters counters,
        String workteamArn,
        String preHumanTaskLambdaArn,
        String annotationConsolidationLambdaArn,
        String failureReason,
        String outputDatasetS3Uri,
        String finalActiveLearningModelArn,
        JsonNode inputConfig) {}
