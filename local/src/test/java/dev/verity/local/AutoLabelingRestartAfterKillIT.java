package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code kill -9} of {@code verity up} in the middle of an automated-labeling loop: the moment the first human batch
 * has its last answer, the workflow is measuring workers, consolidating, training or inferring; after a restart on
 * the same state directory the loop resumes and the job completes, every object labeled once, by humans or the model.
 */
class AutoLabelingRestartAfterKillIT {

    private static final String JOB = "auto-survives-kill";
    private static final int OBJECTS = 1_250;
    /** The first human batch: 20% validation and a training batch of 250. */
    private static final int FIRST_BATCH = 250 + 250;

    private final List<RuntimeProcess> runtimes = new ArrayList<>();

    @AfterEach
    void stopRuntimes() throws InterruptedException {
        for (RuntimeProcess runtime : runtimes) {
            runtime.close();
        }
    }

    @Test
    void aKilledRuntimeResumesTheLoopAndLabelsEveryObjectOnce(@TempDir Path stateDir) throws Exception {
        int port = RuntimeProcess.freePort();
        JsonNode info = start(stateDir, port).awaitReady();
        DemoTask<String> task = ClassificationDemo.image();
        List<DemoTask.DemoObject<String>> objects = task.generate(OBJECTS, new SplittableRandom(5));
        List<JsonNode> input = Demo.stage(
                RuntimeProcess.s3(info), VerityRuntime.BUCKET, task, JOB, "kill/" + JOB + "/", objects, 1, 250);
        Map<String, String> truth = new HashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            truth.put(input.get(i).get("source-ref").asText(), objects.get(i).truth());
        }
        URI api = URI.create(info.get("apiUrl").asText());
        ApiClient requester = LocalJobs.signIn(stateDir, api, "rita", "requesters");
        assertThat(LocalJobs.waitForStatus(requester, JOB, "InProgress", 60_000)
                        .path("LabelingJobStatus")
                        .asText())
                .isEqualTo("InProgress");

        // One expert answers the whole first batch; the kill comes right after the last answer.
        ApiClient expert = LocalJobs.signIn(stateDir, api, "expert", "workers");
        for (int i = 0; i < FIRST_BATCH; i++) {
            JsonNode next = LocalJobs.take(expert, JOB, 60_000);
            assertThat(next).as("task %d of the first batch", i).isNotNull();
            expert.expect(
                    expert.post(
                            "/worker/assignments/" + next.get("assignmentId").asText(),
                            LocalJobs.answerBody(
                                    truth.get(next.at("/taskInput/sourceRef").asText()))),
                    "submit");
        }
        runtimes.get(0).kill();
        Files.deleteIfExists(stateDir.resolve("runtime.json"));
        start(stateDir, port).awaitReady();

        // After the restart the expert answers whatever batches the loop sends next, until the job ends.
        new SimulatedWorkers(
                        JOB,
                        (worker, t) -> LocalJobs.answerBody(
                                        truth.get(t.at("/taskInput/sourceRef").asText()))
                                .get("answerContent"),
                        Duration.ofMinutes(5))
                .run(Map.of("expert", LocalJobs.signIn(stateDir, api, "expert", "workers")), answers -> {});
        JsonNode done = LocalJobs.waitForStatus(requester, JOB, "Completed", 120_000);
        assertThat(done.path("LabelingJobStatus").asText()).as(done.toString()).isEqualTo("Completed");
        JsonNode counters = done.get("LabelCounters");
        assertThat(counters.get("MachineLabeled").asInt()).isPositive();
        assertThat(counters.get("TotalLabeled").asInt()).isEqualTo(OBJECTS);

        S3Client s3 = RuntimeProcess.s3(RuntimeInfo.read(stateDir));
        String root = "demo-output/" + JOB + "/";
        List<JsonNode> output = s3.getObjectAsBytes(
                        b -> b.bucket(VerityRuntime.BUCKET).key(root + "manifests/output/output.manifest"))
                .asUtf8String()
                .lines()
                .map(Json::parse)
                .toList();
        assertThat(output)
                .extracting(l -> l.get("source-ref").asText())
                .containsExactlyElementsOf(
                        input.stream().map(l -> l.get("source-ref").asText()).toList());
        long machine = output.stream()
                .filter(l -> l.at("/category-metadata/human-annotated").asText().equals("no"))
                .count();
        assertThat(machine).isEqualTo(counters.get("MachineLabeled").asLong());
        // Each object a human labeled was answered once: no retried step sent it out, or took its answer, twice (an
        // object's worker-response file holds every answer it got in its batch).
        Map<String, Integer> responses = new HashMap<>();
        for (S3Object file : s3.listObjectsV2Paginator(
                        b -> b.bucket(VerityRuntime.BUCKET).prefix(root + "annotations/worker-response/"))
                .contents()) {
            int answers = Json.parse(s3.getObjectAsBytes(
                                    b -> b.bucket(VerityRuntime.BUCKET).key(file.key()))
                            .asUtf8String())
                    .get("answers")
                    .size();
            responses.merge(file.key().split("/")[5], answers, Integer::sum);
        }
        assertThat(responses.values()).allMatch(count -> count == 1);
        assertThat(responses).hasSize(counters.get("HumanLabeled").asInt());
    }

    private RuntimeProcess start(Path stateDir, int port) throws IOException {
        RuntimeProcess runtime = RuntimeProcess.start(stateDir, port);
        runtimes.add(runtime);
        return runtime;
    }
}
