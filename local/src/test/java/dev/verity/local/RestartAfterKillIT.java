package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the runtime in the middle of a job: after a restart on the same state directory the job
 * finishes, and every answer accepted before the kill is in the output exactly once.
 */
class RestartAfterKillIT {

    private static final String JOB = "survives-kill";
    private static final int OBJECTS = 8;
    private final List<RuntimeProcess> runtimes = new ArrayList<>();

    @AfterEach
    void stopRuntimes() throws InterruptedException {
        for (RuntimeProcess runtime : runtimes) {
            runtime.close();
        }
    }

    @Test
    void aKilledRuntimeResumesTheJobAndKeepsEveryAcceptedAnswerOnce(@TempDir Path stateDir) throws Exception {
        int port = RuntimeProcess.freePort();
        RuntimeProcess first = start(stateDir, port);
        JsonNode info = first.awaitReady();
        S3Client s3 = RuntimeProcess.s3(info);
        Map<String, String> truth = LocalJobs.uploadDataset(s3, VerityRuntime.BUCKET, JOB, OBJECTS);
        LocalJobs.uploadJobRequest(s3, VerityRuntime.BUCKET, JOB, 2);
        URI api = URI.create(info.get("apiUrl").asText());
        ApiClient requester = LocalJobs.signIn(stateDir, api, "rita", "requesters");
        assertThat(LocalJobs.waitForStatus(requester, JOB, "InProgress", 60_000).path("LabelingJobStatus").asText())
                .isEqualTo("InProgress");

        // Before the kill: w1 answers every object, w2 answers three and holds a fourth without answering it yet.
        ApiClient w1 = LocalJobs.signIn(stateDir, api, "w1", "workers");
        ApiClient w2 = LocalJobs.signIn(stateDir, api, "w2", "workers");
        Map<String, Set<String>> acceptedBeforeKill = new HashMap<>();
        answer(w1, "w1", truth, OBJECTS, acceptedBeforeKill);
        answer(w2, "w2", truth, 3, acceptedBeforeKill);
        JsonNode held = take(w2);
        assertThat(held).isNotNull();

        first.kill();
        Files.deleteIfExists(stateDir.resolve("runtime.json"));
        start(stateDir, port).awaitReady();

        // After the restart: w2 submits the task it held, then answers the rest.
        w2.expect(w2.post("/worker/assignments/" + held.get("assignmentId").asText(), LocalJobs.answerBody(
                truth.get(held.at("/taskInput/sourceRef").asText()))), "submitting the held task after the restart");
        Map<String, Set<String>> afterRestart = new HashMap<>();
        answer(w2, "w2", truth, OBJECTS - 4, afterRestart);

        JsonNode done = LocalJobs.waitForStatus(requester, JOB, "Completed", 60_000);
        assertThat(done.path("LabelingJobStatus").asText()).as(done.toString()).isEqualTo("Completed");
        assertThat(done.at("/LabelCounters/TotalLabeled").asInt()).isEqualTo(OBJECTS);

        S3Client s3After = RuntimeProcess.s3(RuntimeInfo.read(stateDir));
        String prefix = "it-output/" + JOB + "/annotations/worker-response/iteration-1/";
        Map<String, List<String>> answerersByObject = new HashMap<>();
        for (S3Object object : s3After.listObjectsV2Paginator(b -> b.bucket(VerityRuntime.BUCKET).prefix(prefix)).contents()) {
            JsonNode response = Json.parse(s3After.getObjectAsBytes(b -> b.bucket(VerityRuntime.BUCKET).key(object.key()))
                    .asUtf8String());
            String objectId = object.key().substring(prefix.length()).split("/")[0];
            answerersByObject.computeIfAbsent(objectId, k -> new ArrayList<>())
                    .add(response.at("/answers/0/workerId").asText());
        }
        assertThat(answerersByObject).hasSize(OBJECTS);
        answerersByObject.values().forEach(workers -> assertThat(workers).hasSize(2).doesNotHaveDuplicates());
        acceptedBeforeKill.forEach((worker, objects) -> objects.forEach(objectId -> assertThat(
                answerersByObject.get(objectId)).containsOnlyOnce(LocalTokenIssuer.subject(worker))));

        List<JsonNode> output = s3After.getObjectAsBytes(b -> b.bucket(VerityRuntime.BUCKET)
                .key("it-output/" + JOB + "/manifests/output/output.manifest")).asUtf8String().lines()
                .map(Json::parse).toList();
        assertThat(output).extracting(l -> l.get("source-ref").asText()).containsExactlyElementsOf(truth.keySet());
    }

    /** Takes and answers {@code count} tasks, recording (worker → objects) for each accepted answer. */
    private static void answer(ApiClient worker, String name, Map<String, String> truth, int count,
                               Map<String, Set<String>> accepted) throws Exception {
        for (int i = 0; i < count; i++) {
            JsonNode task = take(worker);
            assertThat(task).as("%s found no task (%d of %d)", name, i, count).isNotNull();
            String objectId = task.get("datasetObjectId").asText();
            String label = LocalJobs.answer(name, objectId, truth.get(task.at("/taskInput/sourceRef").asText()));
            worker.expect(worker.post("/worker/assignments/" + task.get("assignmentId").asText(),
                    LocalJobs.answerBody(label)), "submit");
            accepted.computeIfAbsent(name, k -> new HashSet<>()).add(objectId);
        }
    }

    private static JsonNode take(ApiClient worker) throws Exception {
        return LocalJobs.take(worker, JOB, 30_000);
    }

    private RuntimeProcess start(Path stateDir, int port) throws IOException {
        RuntimeProcess runtime = RuntimeProcess.start(stateDir, port);
        runtimes.add(runtime);
        return runtime;
    }
}
