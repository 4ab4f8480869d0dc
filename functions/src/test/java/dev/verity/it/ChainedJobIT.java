package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Chaining and LabelCounters as Ground Truth has them, through the real handlers and embedded services: a first job
 * labels two of three objects (every worker declines the third); a job chained on its output with the same label
 * attribute sends only the third, one with a new attribute sends all three.
 */
@ExtendWith(EmulatorsExtension.class)
class ChainedJobIT {

    private static final String TEAM = "private-crowd/Everyone-in-private-workforce";

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
    }

    private static JsonNode describe(JobDriver job) throws Exception {
        return ApiEvents.body(job.requester("GET /jobs/{name}", Map.of("name", job.job), (JsonNode) null));
    }

    /** Every task the job hands out, each taken by its own worker, as (worker, task) pairs. */
    private static List<Map.Entry<String, JsonNode>> takeAll(JobDriver job, String prefix) throws Exception {
        List<Map.Entry<String, JsonNode>> tasks = new ArrayList<>();
        for (int i = 0; ; i++) {
            String worker = prefix + i;
            JsonNode next = job.next(worker);
            if (ApiEvents.status(next) != 200) {
                return tasks;
            }
            tasks.add(Map.entry(worker, ApiEvents.body(next)));
        }
    }

    private static String sourceRef(JsonNode task) {
        return task.path("taskInput").path("sourceRef").asText(task.toString());
    }

    private static List<ObjectNode> output(JsonNode described) {
        S3Uri uri = S3Uri.parse(
                described.at("/LabelingJobOutput/OutputDatasetS3Uri").asText());
        String text =
                s3.getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.key())).asUtf8String();
        return text.lines()
                .filter(l -> !l.isBlank())
                .map(l -> (ObjectNode) Json.parse(l))
                .toList();
    }

    private static ObjectNode chainedRequest(String name, String attribute, String outputManifest) {
        ObjectNode request =
                JobDriver.request(name, attribute, "unused", "chain/categories.json", "ImageMultiClass", TEAM, 1);
        request.with("InputConfig").with("DataSource").with("S3DataSource").put("ManifestS3Uri", outputManifest);
        return request;
    }

    @Test
    void aChainedJobSendsOnlyTheUnlabeledObjectsUnlessItNamesANewAttribute(Emulators emulators) throws Exception {
        JobDriver first = JobDriver.imageJob(services, s3, "chain", "chain-first", 3, 1, r -> {})
                .dispatch(emulators, sfn);
        for (var task : takeAll(first, "first-w")) {
            String assignment = task.getValue().get("assignmentId").asText();
            if (task.getValue().get("datasetObjectId").asText().equals("2")) {
                first.worker("POST /worker/assignments/{id}/decline", Map.of("id", assignment), null, task.getKey());
            } else {
                JsonNode answered = first.worker(
                        "POST /worker/assignments/{id}",
                        Map.of("id", assignment),
                        JobDriver.classifierAnswer("cat"),
                        task.getKey());
                assertThat(ApiEvents.status(answered)).as(answered.toString()).isEqualTo(200);
            }
        }
        JsonNode live = describe(first).get("LabelCounters");
        assertThat(live.get("HumanLabeled").asInt()).isEqualTo(2);
        assertThat(live.get("FailedNonRetryableError").asInt()).isEqualTo(1);
        first.finish();
        JsonNode firstDone = describe(first);
        assertThat(firstDone.get("LabelCounters").get("TotalLabeled").asInt()).isEqualTo(2);
        assertThat(firstDone.get("LabelCounters").get("FailedNonRetryableError").asInt())
                .isEqualTo(1);
        assertThat(firstDone.get("LabelCounters").get("Unlabeled").asInt()).isZero();
        String firstOutput =
                firstDone.at("/LabelingJobOutput/OutputDatasetS3Uri").asText();

        JobDriver same = new JobDriver(services, "chain-same")
                .createAndSelect(chainedRequest("chain-same", "animal", firstOutput))
                .dispatch(emulators, sfn);
        List<Map.Entry<String, JsonNode>> sameTasks = takeAll(same, "same-w");
        assertThat(sameTasks)
                .extracting(t -> sourceRef(t.getValue()))
                .containsExactly("s3://verity-data/chain/chain-first-2.jpg");
        same.worker(
                "POST /worker/assignments/{id}",
                Map.of("id", sameTasks.get(0).getValue().get("assignmentId").asText()),
                JobDriver.classifierAnswer("dog"),
                sameTasks.get(0).getKey());
        same.finish();
        JsonNode sameDone = describe(same);
        assertThat(sameDone.get("LabelCounters").get("TotalLabeled").asInt()).isEqualTo(1);
        List<ObjectNode> lines = output(sameDone);
        assertThat(lines)
                .extracting(l -> l.get("source-ref").asText())
                .containsExactly(
                        "s3://verity-data/chain/chain-first-0.jpg",
                        "s3://verity-data/chain/chain-first-1.jpg",
                        "s3://verity-data/chain/chain-first-2.jpg");
        assertThat(lines)
                .extracting(l -> l.at("/animal-metadata/job-name").asText())
                .containsExactly("labeling-job/chain-first", "labeling-job/chain-first", "labeling-job/chain-same");

        JobDriver fresh = new JobDriver(services, "chain-new")
                .createAndSelect(chainedRequest("chain-new", "animal-again", firstOutput))
                .dispatch(emulators, sfn);
        assertThat(takeAll(fresh, "new-w")).hasSize(3);
    }
}
