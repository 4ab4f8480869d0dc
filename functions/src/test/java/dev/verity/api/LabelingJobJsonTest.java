package dev.verity.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.labeling.JobDescription;
import dev.verity.labeling.JobSummary;
import dev.verity.labeling.WorkteamJobPage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelingJobJsonTest {

    private static final JobSummary SUMMARY = new JobSummary(
            "cats",
            "arn:aws:sagemaker:eu-west-1:123456789012:labeling-job/cats",
            Instant.ofEpochMilli(1_700_000_000_123L),
            Instant.ofEpochMilli(1_700_000_100_000L),
            LabelingJobStatus.Completed,
            new LabelCounters(7, 5, 2, 1, 3),
            "arn:aws:sagemaker:eu-west-1:123456789012:workteam/private-crowd/team",
            null,
            null,
            null,
            "s3://bucket/out/cats/manifests/output/output.manifest",
            null,
            Json.parse("{\"DataSource\":{}}"));

    @Test
    void labelCountersHaveDescribeLabelingJobsShape() {
        assertThat(Json.write(LabelingJobJson.counters(new LabelCounters(7, 5, 2, 1, 3))))
                .isEqualTo(
                        "{\"TotalLabeled\":7,\"HumanLabeled\":5,\"MachineLabeled\":2,\"FailedNonRetryableError\":1,\"Unlabeled\":3}");
    }

    @Test
    void aSummaryGivesDatesInEpochSecondsAndLeavesOutWhatTheJobLacks() {
        var json = LabelingJobJson.summary(SUMMARY);

        assertThat(json.get("CreationTime").decimalValue()).isEqualByComparingTo("1700000000.123");
        assertThat(json.get("LabelingJobStatus").asText()).isEqualTo("Completed");
        assertThat(json.has("PreHumanTaskLambdaArn")).isFalse();
        assertThat(json.has("FailureReason")).isFalse();
        assertThat(json.at("/LabelingJobOutput/OutputDatasetS3Uri").asText()).endsWith("output.manifest");
        assertThat(json.path("LabelingJobOutput").has("FinalActiveLearningModelArn"))
                .isFalse();
    }

    @Test
    void aDescriptionEchoesOnlyTheRequestFieldsDescribeLabelingJobHas() {
        var request = Json.parse("{\"LabelAttributeName\":\"animal\",\"RoleArn\":\"arn:role\",\"Secret\":\"no\"}");

        var json = LabelingJobJson.described(new JobDescription(SUMMARY, request, "cats-1", 10, 2));

        assertThat(json.get("LabelAttributeName").asText()).isEqualTo("animal");
        assertThat(json.get("RoleArn").asText()).isEqualTo("arn:role");
        assertThat(json.has("Secret")).isFalse();
        assertThat(json.get("JobReferenceCode").asText()).isEqualTo("cats-1");
        assertThat(json.get("DatasetObjects").asLong()).isEqualTo(10);
        assertThat(json.get("RejectedManifestLines").asLong()).isEqualTo(2);
    }

    @Test
    void aWorkteamsJobCountsWhatIsPendingAndLeavesOutAnUnstatedWorkerCount() {
        var job = new WorkteamJobPage.Job(
                "cats", "cats-1", "123456789012", Instant.ofEpochSecond(1_700_000_000L), 2, 3, 5, null);

        var json = LabelingJobJson.listedForWorkteam(new WorkteamJobPage(List.of(job), "next"));

        var summary = json.at("/LabelingJobSummaryList/0");
        assertThat(Json.write(summary.get("LabelCounters")))
                .isEqualTo("{\"HumanLabeled\":2,\"PendingHuman\":3,\"Total\":5}");
        assertThat(summary.get("CreationTime").isNumber()).isTrue();
        assertThat(summary.has("NumberOfHumanWorkersPerDataObject")).isFalse();
        assertThat(json.get("NextToken").asText()).isEqualTo("next");
    }
}
