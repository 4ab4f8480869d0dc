package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.catalog.Catalog;
import dev.verity.json.Json;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A job through the running local runtime, by public interfaces only: the request is an S3 upload, workers use the
 * HTTP API, progress is read through the Step Functions and jobs APIs. The workflow is the ASL file the stack deploys.
 */
class LocalRuntimeEndToEndIT {

    @Test
    void aJobUploadedToS3RunsThroughTheStateMachineToItsOutput() throws Exception {
        String job = "local-e2e";
        int objects = 12;
        VerityRuntime runtime = SharedRuntime.get();
        S3Client s3 = runtime.s3();
        SfnClient sfn = runtime.clients().sfn();
        Map<String, String> truth = LocalJobs.uploadDataset(s3, runtime.bucket(), job, objects);
        LocalJobs.uploadJobRequest(s3, runtime.bucket(), job, 3);

        ApiClient requester = LocalJobs.signIn(SharedRuntime.stateDir(), runtime.apiUrl(), "alice", "requesters");
        JsonNode started = LocalJobs.waitForStatus(requester, job, "InProgress", 60_000);
        assertThat(started.path("LabelingJobStatus").asText())
                .as(started.toString())
                .isEqualTo("InProgress");
        String executionArn = executionArn(job);
        assertThat(sfn.describeExecution(b -> b.executionArn(executionArn)).status())
                .isEqualTo(ExecutionStatus.RUNNING);

        List<String> workers = List.of("w1", "w2", "w3");
        int answers = 0;
        for (String worker : workers) {
            ApiClient client = LocalJobs.signIn(SharedRuntime.stateDir(), runtime.apiUrl(), worker, "workers");
            Set<String> seen = new HashSet<>();
            // Tasks appear once the workflow has dispatched them; each worker answers every object once.
            while (seen.size() < objects) {
                JsonNode task = LocalJobs.take(client, job, 60_000);
                assertThat(task)
                        .as("%s's task after %d of %d", worker, seen.size(), objects)
                        .isNotNull();
                String objectId = task.get("datasetObjectId").asText();
                assertThat(seen.add(objectId))
                        .as("%s got %s twice", worker, objectId)
                        .isTrue();
                String label = LocalJobs.answer(
                        worker,
                        objectId,
                        truth.get(task.at("/taskInput/sourceRef").asText()));
                client.expect(
                        client.post(
                                "/worker/assignments/"
                                        + task.get("assignmentId").asText(),
                                LocalJobs.answerBody(label)),
                        "submit");
                answers++;
            }
            assertThat(seen).hasSize(objects);
        }
        assertThat(answers).isEqualTo(objects * 3);

        DescribeExecutionResponse execution = waitForExecution(sfn, executionArn);
        assertThat(execution.status()).as(execution.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode done = LocalJobs.waitForStatus(requester, job, "Completed", 30_000);
        assertThat(done.path("LabelingJobStatus").asText()).isEqualTo("Completed");
        assertThat(done.at("/LabelCounters/TotalLabeled").asInt()).isEqualTo(objects);
        // A human-only job takes the state machine's human-only path: no model, no machine labels, no rounds.
        assertThat(done.at("/LabelCounters/MachineLabeled").asInt()).isZero();
        assertThat(done.has("LabelingJobAlgorithmsConfig")).isFalse();
        assertThat(done.at("/LabelingJobOutput/FinalActiveLearningModelArn").isMissingNode())
                .isTrue();
        JsonNode rounds = requester.expect(requester.get("/jobs/" + job + "/rounds"), "rounds");
        assertThat(rounds.get("autoLabeling").asBoolean()).isFalse();
        assertThat(rounds.get("rounds")).isEmpty();

        String output = s3.getObjectAsBytes(
                        b -> b.bucket(runtime.bucket()).key("it-output/" + job + "/manifests/output/output.manifest"))
                .asUtf8String();
        List<JsonNode> lines = output.lines().map(Json::parse).toList();
        assertThat(lines).extracting(l -> l.get("source-ref").asText()).containsExactlyElementsOf(truth.keySet());
        for (JsonNode line : lines) {
            assertThat(line.at("/colour-metadata/class-name").asText())
                    .isEqualTo(truth.get(line.get("source-ref").asText()));
            assertThat(line.at("/colour-metadata/job-name").asText()).isEqualTo("labeling-job/" + job);
        }
    }

    @Test
    void aRefusedUploadGetsItsReasonsWrittenToJobsErrors() throws Exception {
        String job = "local-refused";
        VerityRuntime runtime = SharedRuntime.get();
        S3Client s3 = runtime.s3();
        // A custom task type whose Lambda lacks the custom-Lambda prefix: refused, with nobody to answer but S3.
        String request = LocalJobs.jobRequest(runtime.bucket(), job, 3)
                .replace("432418664414:function:PRE-ImageMultiClass", "000000000000:function:sagemaker-pre")
                .replace("432418664414:function:ACS-ImageMultiClass", "000000000000:function:sagemaker-post");
        s3.putObject(b -> b.bucket(runtime.bucket()).key("jobs/" + job + ".json"), RequestBody.fromString(request));

        String key = "jobs/errors/" + job + ".txt";
        String report = await(key)
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .ignoreException(NoSuchKeyException.class)
                .until(
                        () -> s3.getObjectAsBytes(
                                        b -> b.bucket(runtime.bucket()).key(key))
                                .asUtf8String(),
                        Objects::nonNull);
        assertThat(report)
                .as(key)
                .isNotNull()
                .contains("HumanTaskConfig.PreHumanTaskLambdaArn", "verity-custom-", "\"sagemaker-pre\"");
    }

    private static String executionArn(String job) {
        String stateMachineArn = System.getProperty(Catalog.ENV_STATE_MACHINE_ARN);
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + job;
    }

    private static DescribeExecutionResponse waitForExecution(SfnClient sfn, String arn) {
        return await("execution " + arn + " to end")
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> sfn.describeExecution(b -> b.executionArn(arn)),
                        response -> response.status() != ExecutionStatus.RUNNING);
    }
}
