package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
class RestartAfterKillTest {

    private static final String JOB = "survives-kill";
    private static final int OBJECTS = 8;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopRuntimes() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledRuntimeResumesTheJobAndKeepsEveryAcceptedAnswerOnce(@TempDir Path stateDir) throws Exception {
        int port = freePort();
        Process first = startRuntime(stateDir, port);
        JsonNode info = waitForRuntime(stateDir, first);
        S3Client s3 = s3(info);
        Map<String, String> truth = LocalJobs.uploadDataset(s3, VerityRuntime.BUCKET, JOB, OBJECTS);
        LocalJobs.uploadJobRequest(s3, VerityRuntime.BUCKET, JOB, 2);
        URI api = URI.create(info.get("apiUrl").asText());
        ApiClient requester = LocalJobs.signIn(api, "rita", "requesters");
        assertThat(LocalJobs.waitForStatus(requester, JOB, "InProgress", 60_000).path("LabelingJobStatus").asText())
                .isEqualTo("InProgress");

        // Before the kill: w1 answers every object, w2 answers three and holds a fourth without answering it yet.
        ApiClient w1 = LocalJobs.signIn(api, "w1", "workers");
        ApiClient w2 = LocalJobs.signIn(api, "w2", "workers");
        Map<String, Set<String>> acceptedBeforeKill = new HashMap<>();
        answer(w1, "w1", truth, OBJECTS, acceptedBeforeKill);
        answer(w2, "w2", truth, 3, acceptedBeforeKill);
        JsonNode held = take(w2);
        assertThat(held).isNotNull();

        first.destroyForcibly().waitFor();
        Files.deleteIfExists(stateDir.resolve("runtime.json"));
        Process second = startRuntime(stateDir, port);
        waitForRuntime(stateDir, second);

        // After the restart: w2 submits the task it held, then answers the rest.
        w2.expect(w2.post("/worker/assignments/" + held.get("assignmentId").asText(), LocalJobs.answerBody(
                truth.get(held.at("/taskInput/sourceRef").asText()))), "submitting the held task after the restart");
        Map<String, Set<String>> afterRestart = new HashMap<>();
        answer(w2, "w2", truth, OBJECTS - 4, afterRestart);

        JsonNode done = LocalJobs.waitForStatus(requester, JOB, "Completed", 60_000);
        assertThat(done.path("LabelingJobStatus").asText()).as(done.toString()).isEqualTo("Completed");
        assertThat(done.at("/LabelCounters/TotalLabeled").asInt()).isEqualTo(OBJECTS);

        S3Client s3After = s3(RuntimeInfo.read(stateDir));
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

    /** The worker's next task, waiting up to 30 s for one to be dispatched; null if none comes. */
    private static JsonNode take(ApiClient worker) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            ApiClient.Response next = worker.post("/worker/jobs/" + JOB + "/tasks/next", null);
            if (next.status() != 204) {
                return worker.expect(next, "next task");
            }
            Thread.sleep(100);
        }
        return null;
    }

    private Process startRuntime(Path stateDir, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true", VerityCli.class.getName(), "up", "--state-dir", stateDir.toString(),
                "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(stateDir.toFile(), "runtime.log")))
                .start();
        processes.add(process);
        return process;
    }

    private static JsonNode waitForRuntime(Path stateDir, Process process) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the runtime exited: " + Files.readString(stateDir.resolve("runtime.log")));
            }
            if (Files.exists(stateDir.resolve("runtime.json"))) {
                return RuntimeInfo.read(stateDir);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the runtime did not start: " + Files.readString(stateDir.resolve("runtime.log")));
    }

    private static S3Client s3(JsonNode info) {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        info.at("/systemProperties/aws.accessKeyId").asText(),
                        info.at("/systemProperties/aws.secretAccessKey").asText())))
                .endpointOverride(URI.create(info.at("/environment/AWS_ENDPOINT_URL_S3").asText()))
                .forcePathStyle(true).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
