package dev.verity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCounters;
import dev.verity.json.Json;
import dev.verity.labeling.JobDescription;
import dev.verity.labeling.JobPage;
import dev.verity.labeling.JobSummary;
import dev.verity.labeling.WorkteamJobPage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * SageMaker's JSON shapes of a labeling job: DescribeLabelingJob's response and ListLabelingJobs'
 * {@code LabelingJobSummary} and ListLabelingJobsForWorkteam's, with dates as epoch seconds. The HTTP API and the SageMaker protocol answer alike.
 */
public final class LabelingJobJson {

    /** The request's fields DescribeLabelingJob echoes, in its order. */
    private static final List<String> ECHOED_REQUEST_FIELDS = List.of(
            "LabelAttributeName",
            "InputConfig",
            "OutputConfig",
            "RoleArn",
            "LabelCategoryConfigS3Uri",
            "StoppingConditions",
            "LabelingJobAlgorithmsConfig",
            "HumanTaskConfig",
            "Tags",
            "DataObjectSelection",
            "ConsolidationMethod");

    private LabelingJobJson() {}

    /** DescribeLabelingJob's response. */
    public static ObjectNode described(JobDescription job) {
        ObjectNode out = summary(job.summary());
        for (String field : ECHOED_REQUEST_FIELDS) {
            if (job.request().has(field)) {
                out.set(field, job.request().get(field));
            }
        }
        out.put("JobReferenceCode", job.jobReferenceCode());
        out.put("DatasetObjects", job.datasetObjects());
        out.put("RejectedManifestLines", job.rejectedManifestLines());
        return out;
    }

    /** ListLabelingJobs' response. */
    public static ObjectNode listed(JobPage page) {
        ObjectNode out = Json.object();
        var list = out.putArray("LabelingJobSummaryList");
        page.jobs().forEach(job -> list.add(summary(job)));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    /** ListLabelingJobsForWorkteam's response. */
    public static ObjectNode listedForWorkteam(WorkteamJobPage page) {
        ObjectNode out = Json.object();
        var list = out.putArray("LabelingJobSummaryList");
        for (WorkteamJobPage.Job job : page.jobs()) {
            ObjectNode item = list.addObject()
                    .put("LabelingJobName", job.name())
                    .put("JobReferenceCode", job.jobReferenceCode())
                    .put("WorkRequesterAccountId", job.workRequesterAccountId())
                    .put("CreationTime", epochSeconds(job.createdAt()));
            item.putObject("LabelCounters")
                    .put("HumanLabeled", job.humanLabeled())
                    .put("PendingHuman", job.pendingHuman())
                    .put("Total", job.total());
            if (job.numberOfHumanWorkersPerDataObject() != null) {
                item.put("NumberOfHumanWorkersPerDataObject", job.numberOfHumanWorkersPerDataObject());
            }
        }
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    static ObjectNode summary(JobSummary job) {
        ObjectNode out = Json.object();
        out.put("LabelingJobName", job.name());
        out.put("LabelingJobArn", job.arn());
        out.put("CreationTime", epochSeconds(job.createdAt()));
        out.put("LastModifiedTime", epochSeconds(job.modifiedAt()));
        out.put("LabelingJobStatus", job.status().name());
        out.set("LabelCounters", counters(job.counters()));
        out.put("WorkteamArn", job.workteamArn());
        if (job.preHumanTaskLambdaArn() != null) {
            out.put("PreHumanTaskLambdaArn", job.preHumanTaskLambdaArn());
        }
        if (job.annotationConsolidationLambdaArn() != null) {
            out.put("AnnotationConsolidationLambdaArn", job.annotationConsolidationLambdaArn());
        }
        if (job.failureReason() != null) {
            out.put("FailureReason", job.failureReason());
        }
        if (job.outputDatasetS3Uri() != null) {
            ObjectNode output = out.putObject("LabelingJobOutput").put("OutputDatasetS3Uri", job.outputDatasetS3Uri());
            if (job.finalActiveLearningModelArn() != null) {
                output.put("FinalActiveLearningModelArn", job.finalActiveLearningModelArn());
            }
        }
        out.set("InputConfig", job.inputConfig());
        return out;
    }

    static JsonNode counters(LabelCounters counters) {
        return Json.object()
                .put("TotalLabeled", counters.totalLabeled())
                .put("HumanLabeled", counters.humanLabeled())
                .put("MachineLabeled", counters.machineLabeled())
                .put("FailedNonRetryableError", counters.failedNonRetryableError())
                .put("Unlabeled", counters.unlabeled());
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
