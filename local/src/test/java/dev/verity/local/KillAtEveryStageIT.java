package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code kill -9} of {@code verity up} five times in one 300-object job — during dispatch, twice while workers label
 * (once with a task held), during consolidation and during output — restarting it on the same state directory each
 * time: the job completes, and every answer a worker was told was accepted is in the output exactly once. The
 * labeling kill points are drawn at random (the seed is printed; {@code -Dverity.faultSeed} repeats a run).
 */
class KillAtEveryStageIT {

    private static final String JOB = "killed-five-times";
    private static final int OBJECTS = 300;
    private static final int WORKERS_PER_OBJECT = 2;
    private static final List<String> WORKERS = List.of("w1", "w2");

    private final List<RuntimeProcess> runtimes = new ArrayList<>();
    private final Set<String> accepted = new HashSet<>(); // "<worker> <objectId>"
    private final List<String> killedAt = new ArrayList<>();

    @AfterEach
    void stopRuntimes() throws InterruptedException {
        for (RuntimeProcess runtime : runtimes) {
            runtime.close();
        }
    }

    @Test
    void aJobKilledAtFiveStagesCompletesWithEveryAcceptedAnswerOnce(@TempDir Path stateDir) throws Exception {
        long seed = Long.getLong("verity.faultSeed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("KillAtEveryStageIT seed " + seed + " (-Dverity.faultSeed=" + seed + " repeats it)");
        int port = RuntimeProcess.freePort();
        RuntimeProcess runtime = start(stateDir, port);
        JsonNode info = runtime.awaitReady();
        S3Client s3 = RuntimeProcess.s3(info);
        Map<String, String> truth = LocalJobs.uploadDataset(s3, VerityRuntime.BUCKET, JOB, OBJECTS);
        LocalJobs.uploadJobRequest(s3, VerityRuntime.BUCKET, JOB, WORKERS_PER_OBJECT);
        URI api = URI.create(info.get("apiUrl").asText());
        String stateMachine = info.at("/environment/VERITY_STATE_MACHINE_ARN").asText();
        String execution = stateMachine.replace(":stateMachine:", ":execution:") + ":" + JOB;

        // 1. During dispatch: as soon as the workflow enters DispatchTasks.
        String seen = awaitState(RuntimeProcess.sfn(info), execution, Set.of("DispatchTasks"));
        runtime = kill(runtime, stateDir, port, "dispatch (" + seen + ")");

        ApiClient requester = LocalJobs.signIn(stateDir, api, "rita", "requesters");
        Map<String, ApiClient> workers = new HashMap<>();
        for (String worker : WORKERS) {
            workers.put(worker, LocalJobs.signIn(stateDir, api, worker, "workers"));
        }
        int total = OBJECTS * WORKERS_PER_OBJECT;
        int first = 60 + random.nextInt(total / 3);
        int second = first + 60 + random.nextInt(total / 3);

        // 2. Mid-labeling, after a random number of answers.
        answer(workers, truth, first);
        runtime = kill(runtime, stateDir, port, "labeling after " + accepted.size() + " answers");

        // 3. Mid-labeling again, while w2 holds a task it has not answered; it answers it after the restart.
        answer(workers, truth, second);
        JsonNode held = LocalJobs.take(workers.get("w2"), JOB, 30_000);
        assertThat(held).isNotNull();
        runtime = kill(runtime, stateDir, port, "labeling after " + accepted.size() + " answers, one task held");
        submit(workers.get("w2"), "w2", held, truth);

        // 4. During consolidation: as soon as the last answer moved the workflow on.
        answer(workers, truth, total);
        seen = awaitState(
                RuntimeProcess.sfn(RuntimeInfo.read(stateDir)),
                execution,
                Set.of("GatherAnswers", "EstimateWorkers", "Consolidate"));
        runtime = kill(runtime, stateDir, port, "consolidation (" + seen + ")");

        // 5. During output.
        seen = awaitState(RuntimeProcess.sfn(RuntimeInfo.read(stateDir)), execution, Set.of("WriteOutput"));
        kill(runtime, stateDir, port, "output (" + seen + ")");

        JsonNode done = LocalJobs.waitForStatus(requester, JOB, "Completed", 180_000);
        System.out.println("KillAtEveryStageIT killed at: " + String.join("; ", killedAt));
        assertThat(done.path("LabelingJobStatus").asText()).as(done.toString()).isEqualTo("Completed");
        assertThat(done.at("/LabelCounters/TotalLabeled").asInt()).isEqualTo(OBJECTS);
        assertThat(accepted).hasSize(total);

        S3Client s3After = RuntimeProcess.s3(RuntimeInfo.read(stateDir));
        String prefix = "it-output/" + JOB + "/annotations/worker-response/iteration-1/";
        // One worker-response file per object (a retried consolidation rewrote its own), holding each answer once.
        Map<String, List<String>> answerersByObject = new HashMap<>();
        for (S3Object object : s3After.listObjectsV2Paginator(
                        b -> b.bucket(VerityRuntime.BUCKET).prefix(prefix))
                .contents()) {
            JsonNode response = Json.parse(
                    s3After.getObjectAsBytes(b -> b.bucket(VerityRuntime.BUCKET).key(object.key()))
                            .asUtf8String());
            String objectId = object.key().substring(prefix.length()).split("/")[0];
            assertThat(answerersByObject)
                    .as("a second file for object " + objectId)
                    .doesNotContainKey(objectId);
            List<String> answerers = new ArrayList<>();
            response.get("answers")
                    .forEach(answer -> answerers.add(answer.path("workerId").asText()));
            answerersByObject.put(objectId, answerers);
        }
        assertThat(answerersByObject).hasSize(OBJECTS);
        answerersByObject
                .values()
                .forEach(workersOfObject ->
                        assertThat(workersOfObject).hasSize(WORKERS_PER_OBJECT).doesNotHaveDuplicates());
        for (String answer : accepted) {
            String[] workerAndObject = answer.split(" ");
            assertThat(answerersByObject.get(workerAndObject[1]))
                    .containsOnlyOnce(LocalTokenIssuer.subject(workerAndObject[0]));
        }
        List<String> output = s3After.getObjectAsBytes(b ->
                        b.bucket(VerityRuntime.BUCKET).key("it-output/" + JOB + "/manifests/output/output.manifest"))
                .asUtf8String()
                .lines()
                .map(line -> Json.parse(line).get("source-ref").asText())
                .toList();
        assertThat(output).containsExactlyInAnyOrderElementsOf(truth.keySet());
    }

    /** The workers take turns answering until {@code until} answers in all were accepted. */
    private void answer(Map<String, ApiClient> workers, Map<String, String> truth, int until) throws Exception {
        int idle = 0;
        while (accepted.size() < until && idle < WORKERS.size()) {
            idle = 0;
            for (String worker : WORKERS) {
                if (accepted.size() >= until) {
                    break;
                }
                JsonNode task = LocalJobs.take(workers.get(worker), JOB, 90_000);
                if (task == null) {
                    idle++;
                    continue;
                }
                submit(workers.get(worker), worker, task, truth);
            }
        }
        assertThat(accepted).as("answers accepted").hasSize(until);
    }

    private void submit(ApiClient client, String worker, JsonNode task, Map<String, String> truth) throws Exception {
        String objectId = task.get("datasetObjectId").asText();
        String label = LocalJobs.answer(
                worker, objectId, truth.get(task.at("/taskInput/sourceRef").asText()));
        client.expect(
                client.post("/worker/assignments/" + task.get("assignmentId").asText(), LocalJobs.answerBody(label)),
                "submit");
        assertThat(accepted.add(worker + " " + objectId))
                .as("%s answered %s twice", worker, objectId)
                .isTrue();
    }

    /** Waits (bounded) until the execution has entered one of {@code states} or ended; says which. */
    private static String awaitState(SfnClient sfn, String executionArn, Set<String> states) {
        return await("the execution to reach " + states)
                .atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .ignoreException(ExecutionDoesNotExistException.class) // not started yet
                .until(() -> stateOf(sfn, executionArn, states), Objects::nonNull);
    }

    /** Where the execution is, if it has entered one of {@code states} or ended; null otherwise. */
    private static String stateOf(SfnClient sfn, String executionArn, Set<String> states) {
        for (HistoryEvent event : sfn.getExecutionHistoryPaginator(
                        b -> b.executionArn(executionArn).reverseOrder(true))
                .events()) {
            if (event.stateEnteredEventDetails() != null
                    && states.contains(event.stateEnteredEventDetails().name())) {
                return "in " + event.stateEnteredEventDetails().name();
            }
            if (event.executionSucceededEventDetails() != null) {
                return "after the execution succeeded";
            }
        }
        return null;
    }

    /** {@code kill -9}, then a restart on the same state directory and port. */
    private RuntimeProcess kill(RuntimeProcess runtime, Path stateDir, int port, String stage)
            throws IOException, InterruptedException {
        runtime.kill();
        killedAt.add(stage);
        Files.deleteIfExists(stateDir.resolve("runtime.json"));
        RuntimeProcess restarted = start(stateDir, port);
        restarted.awaitReady();
        return restarted;
    }

    private RuntimeProcess start(Path stateDir, int port) throws IOException {
        RuntimeProcess runtime = RuntimeProcess.start(stateDir, port);
        runtimes.add(runtime);
        return runtime;
    }
}
