package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of a benchmark job: its request, its human batches and how answering time is told apart. */
class AutoLabelingJobTest {

    private static final LabelingDataset SPAM = new LabelingDataset(
            "spam-assassin",
            "SpamAssassin",
            "TextMultiClass",
            "text-classification",
            "crowd-classifier",
            "spam",
            "Is this e-mail spam?",
            SpamAssassin.LABELS,
            List.of(),
            List.of());

    @Test
    void asksForAutomatedLabelingWithTheBuiltInLambdasOfTheTaskType() {
        ObjectNode request = AutoLabelingJob.request(
                SPAM, new AutoLabelingJob.Settings(200, 5, 3, 0.85, 1), "job-1", "s3://verity-data/bench/job-1/");

        assertThat(request.at("/LabelingJobAlgorithmsConfig/LabelingJobAlgorithmSpecificationArn")
                        .asText())
                .isEqualTo("arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/"
                        + "text-classification");
        assertThat(request.at("/HumanTaskConfig/PreHumanTaskLambdaArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass");
        assertThat(request.at("/HumanTaskConfig/AnnotationConsolidationConfig/AnnotationConsolidationLambdaArn")
                        .asText())
                .isEqualTo("arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass");
        assertThat(request.at("/HumanTaskConfig/NumberOfHumanWorkersPerDataObject")
                        .asInt())
                .isEqualTo(3);
        assertThat(request.at("/HumanTaskConfig/MaxConcurrentTaskCount").asInt())
                .isEqualTo(200);
        assertThat(request.at("/HumanTaskConfig/TaskTimeLimitInSeconds").asInt())
                .isEqualTo(300);
        assertThat(request.at("/InputConfig/DataSource/S3DataSource/ManifestS3Uri")
                        .asText())
                .isEqualTo("s3://verity-data/bench/job-1/dataset.manifest");
    }

    @Test
    void countsOneHumanBatchPerRoundAndTheLastBatchWhenTheRestWentToHumans() {
        JsonNode rounds = Json.parse("[{\"iteration\":1,\"humanBatch\":700,\"done\":false,\"nextHumanBatch\":200},"
                + "{\"iteration\":2,\"humanBatch\":200,\"done\":true,\"nextHumanBatch\":950}]");

        assertThat(AutoLabelingJob.batches(rounds)).containsExactly(700, 200, 950);
    }

    @Test
    void countsNoExtraBatchWhenTheLoopEndedWithEverythingLabeled() {
        JsonNode rounds = Json.parse("[{\"iteration\":1,\"humanBatch\":700,\"done\":true,\"nextHumanBatch\":0}]");

        assertThat(AutoLabelingJob.batches(rounds)).containsExactly(700);
    }

    @Test
    void measuresEachBatchFromItsFirstToItsLastAnswer() {
        AutoLabelingJob.AnswerTimes times = new AutoLabelingJob.AnswerTimes();
        long second = 1_000_000_000L;
        for (long t : new long[] {5 * second, 0, 2 * second, 100 * second, 104 * second, 101 * second}) {
            times.add(t); // out of order, as worker threads record them
        }

        assertThat(times.windows(List.of(1, 1), 3)).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(4));
    }

    @Test
    void measuresNothingWhenTheAnswersDoNotAddUpToTheBatches() {
        AutoLabelingJob.AnswerTimes times = new AutoLabelingJob.AnswerTimes();
        times.add(1);

        assertThat(times.windows(List.of(1), 3)).isEmpty();
    }

    @Test
    void namesAnObjectByItsUriInAnImageTaskAndByItsTextInATextTask() {
        assertThat(AutoLabelingJob.objectKey(
                        Json.parse("{\"sourceRef\":\"s3://b/k.png\",\"taskObject\":\"https://x\"}")))
                .isEqualTo("s3://b/k.png");
        assertThat(AutoLabelingJob.objectKey(Json.parse("{\"taskObject\":\"Subject: hi\"}")))
                .isEqualTo("Subject: hi");
        assertThat(AutoLabelingJob.objectKey(Json.parse("{\"source\":\"Subject: hi\",\"spam\":1}")))
                .isEqualTo("Subject: hi");
    }
}
