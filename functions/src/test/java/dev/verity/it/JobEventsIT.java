package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.emulators.events.RecordedEvent;
import dev.verity.handler.ConsolidateChunkHandler;
import dev.verity.handler.DispatchTasksHandler;
import dev.verity.handler.EstimateWorkersHandler;
import dev.verity.handler.GatherAnswersHandler;
import dev.verity.handler.JsonHandler;
import dev.verity.handler.MarkJobFailedHandler;
import dev.verity.handler.PrepareDatasetHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.SelectObjectsHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.handler.WriteOutputHandler;
import dev.verity.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Jobs run through the functions' Lambda entry points over the embedded services: each status change is one event on
 * the (recording) EventBridge's default bus, and the workers' tasks are embedded-metric-format lines in the logs.
 */
@ExtendWith(EmulatorsExtension.class)
class JobEventsIT {

    private static final String TEAM = "private-crowd/Everyone-in-private-workforce";

    private static Services services;
    private static S3Client s3;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        s3 = new AwsClients(Environment.current()).s3();
    }

    @Test
    void aCompletedJobPutsOneEventPerStatusChangeAndItsTasksAreMetricsInTheLogs(Emulators emulators) throws Exception {
        String job = "events-completed";
        JsonNode selected = create(job, 2);
        dispatch(emulators, job);
        List<JsonNode> emf = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            emf.addAll(emfLinesOf(() -> {
                JsonNode task = ApiEvents.body(worker(ApiEvents.request(
                        "POST /worker/jobs/{name}/tasks/next", Map.of("name", job), null, "worker-1")));
                JsonNode submitted = worker(ApiEvents.request(
                        "POST /worker/assignments/{id}",
                        Map.of("id", task.get("assignmentId").asText()),
                        JobDriver.classifierAnswer("cat"),
                        "worker-1"));
                assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
            }));
        }
        List<JsonNode> endLines = emfLinesOf(() -> finish(job, selected));

        List<RecordedEvent> events = eventsOf(emulators, job);
        assertThat(events)
                .extracting(e -> e.detail().get("LabelingJobStatus").asText())
                .containsExactly("Initializing", "InProgress", "Completed");
        String arn = "arn:aws:sagemaker:us-east-1:000000000000:labeling-job/" + job;
        for (RecordedEvent event : events) {
            assertThat(event.source()).isEqualTo("verity");
            assertThat(event.detailType()).isEqualTo("Verity Labeling Job State Change");
            assertThat(event.eventBusName()).isEqualTo("default");
            assertThat(event.resources()).containsExactly(arn);
            assertThat(event.detail().get("LabelingJobName").asText()).isEqualTo(job);
            assertThat(event.detail().get("LabelingJobArn").asText()).isEqualTo(arn);
        }
        JsonNode counters = events.get(2).detail().get("LabelCounters");
        assertThat(counters.get("TotalLabeled").asInt()).isEqualTo(2);
        assertThat(counters.get("HumanLabeled").asInt()).isEqualTo(2);
        assertThat(counters.get("MachineLabeled").asInt()).isZero();
        assertThat(counters.get("Unlabeled").asInt()).isZero();
        assertThat(events.get(0)
                        .detail()
                        .get("LabelCounters")
                        .get("TotalLabeled")
                        .asInt())
                .isZero();

        // Each worker invocation flushed its own line: one for next (accepted), one for the submission.
        List<JsonNode> jobLines = emf.stream()
                .filter(line -> line.path("LabelingJobName").asText().equals(job))
                .toList();
        assertThat(jobLines).hasSize(4);
        for (JsonNode line : jobLines) {
            JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
            assertThat(directive.get("Namespace").asText()).isEqualTo("Verity");
            assertThat(directive.get("Dimensions").get(0).toString()).isEqualTo("[\"LabelingJobName\",\"Workteam\"]");
            assertThat(line.get("Workteam").asText()).isEqualTo("Everyone-in-private-workforce");
        }
        assertThat(sum(jobLines, "TasksAccepted")).isEqualTo(2);
        assertThat(sum(jobLines, "TasksSubmitted")).isEqualTo(2);
        assertThat(jobLines.stream().filter(l -> l.has("TimeSpent"))).hasSize(2);
        assertThat(metricNames(jobLines)).contains("TasksAccepted", "TasksSubmitted", "TimeSpent");
        List<JsonNode> ended = endLines.stream()
                .filter(line -> line.path("LabelingJobName").asText().equals(job))
                .toList();
        assertThat(sum(ended, "JobsSucceeded")).isEqualTo(1);
        assertThat(sum(ended, "DatasetObjectsHumanAnnotated")).isEqualTo(2);
        assertThat(sum(ended, "JobsFailed")).isZero();
    }

    @Test
    void aStoppedAndAFailedJobPutTheirStatusChangesOnceEach(Emulators emulators) throws Exception {
        String stopped = "events-stopped";
        JsonNode selected = create(stopped, 1);
        dispatch(emulators, stopped);
        for (int i = 0; i < 2; i++) { // stopping twice is one change
            JsonNode reply = LambdaEntry.invoke(
                    new RequesterApiHandler(services),
                    Catalog.REQUESTER_API,
                    ApiEvents.request("POST /jobs/{name}/stop", Map.of("name", stopped), null, "requester-1"));
            assertThat(ApiEvents.status(reply)).as(reply.toString()).isEqualTo(200);
        }
        finish(stopped, selected);
        String failed = "events-failed";
        create(failed, 1);
        List<JsonNode> failedLines = emfLinesOf(() -> {
            for (int i = 0; i < 2; i++) { // a retried MarkFailed changes nothing more
                ObjectNode input = Json.object().put("jobName", failed);
                input.putObject("error").put("Error", "States.TaskFailed").put("Cause", "the disk is full");
                LambdaEntry.invoke(new MarkJobFailedHandler(services), Catalog.MARK_FAILED, input);
            }
        });

        assertThat(eventsOf(emulators, stopped))
                .extracting(e -> e.detail().get("LabelingJobStatus").asText())
                .containsExactly("Initializing", "InProgress", "Stopping", "Stopped");
        List<RecordedEvent> failures = eventsOf(emulators, failed);
        assertThat(failures)
                .extracting(e -> e.detail().get("LabelingJobStatus").asText())
                .containsExactly("Initializing", "InProgress", "Failed");
        assertThat(failures.get(2).detail().get("FailureReason").asText())
                .isEqualTo("TaskFailed: the disk is full"); // MarkJobFailed drops the States. prefix
        assertThat(sum(
                        failedLines.stream()
                                .filter(l -> l.path("LabelingJobName").asText().equals(failed))
                                .toList(),
                        "JobsFailed"))
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- driving the job

    /** Uploads {@code objects} images' manifest, POST /jobs, PrepareDataset, SelectObjects; answers SelectObjects'. */
    private static JsonNode create(String job, int objects) throws Exception {
        put(
                job + "/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"}," + "{\"label\":\"dog\"}]}");
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/")
                    .append(job)
                    .append('/')
                    .append(i)
                    .append(".jpg\"}\n");
        }
        put(job + "/input.manifest", manifest.toString());
        JsonNode created = LambdaEntry.invoke(
                new RequesterApiHandler(services),
                Catalog.REQUESTER_API,
                ApiEvents.request(
                        "POST /jobs",
                        Map.of(),
                        JobDriver.request(
                                job,
                                "animal",
                                job + "/input.manifest",
                                job + "/categories.json",
                                "ImageMultiClass",
                                TEAM,
                                1),
                        "requester-1"));
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        step(new PrepareDatasetHandler(services), Catalog.PREPARE_DATASET, job, Json.object());
        return step(new SelectObjectsHandler(services), Catalog.SELECT_OBJECTS, job, Json.object());
    }

    private static void dispatch(Emulators emulators, String job) throws Exception {
        String executionArn =
                System.getProperty(Catalog.ENV_STATE_MACHINE_ARN).replace(":stateMachine:", ":execution:") + ":" + job;
        step(
                new DispatchTasksHandler(services),
                Catalog.DISPATCH_TASKS,
                job,
                Json.object().put("taskToken", emulators.states().issueTaskToken(executionArn)));
    }

    /** GatherAnswers, EstimateWorkers, Consolidate, WriteOutput, as the workflow runs them after the human work. */
    private static void finish(String job, JsonNode selected) throws Exception {
        for (JsonNode chunk : selected.get("chunks")) {
            step(
                    new GatherAnswersHandler(services),
                    Catalog.GATHER_ANSWERS,
                    job,
                    Json.object().put("chunk", chunk.asInt()));
        }
        step(new EstimateWorkersHandler(services), Catalog.ESTIMATE_WORKERS, job, Json.object());
        var results = Json.array();
        for (JsonNode chunk : selected.get("chunks")) {
            results.add(step(
                    new ConsolidateChunkHandler(services),
                    Catalog.CONSOLIDATE,
                    job,
                    Json.object().put("chunk", chunk.asInt())));
        }
        ObjectNode write = Json.object();
        write.set("results", results);
        step(new WriteOutputHandler(services), Catalog.WRITE_OUTPUT, job, write);
    }

    private static JsonNode step(JsonHandler handler, String function, String job, ObjectNode input) throws Exception {
        return LambdaEntry.invoke(handler, function, input.put("jobName", job));
    }

    private static JsonNode worker(JsonNode event) throws Exception {
        return LambdaEntry.invoke(new WorkerApiHandler(services), Catalog.WORKER_API, event);
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(System.getProperty(Catalog.ENV_BUCKET)).key(key), RequestBody.fromString(content));
    }

    // ---------------------------------------------------------------- what came out

    /** The job's events on the recording bus, in the order they were put. */
    private static List<RecordedEvent> eventsOf(Emulators emulators, String job) {
        return emulators.eventBridge().events().stream()
                .filter(e -> job.equals(e.detail().path("LabelingJobName").asText()))
                .toList();
    }

    private interface Invocations {
        void run() throws Exception;
    }

    /** The EMF lines (JSON with an {@code _aws.CloudWatchMetrics} directive) written to stdout while {@code run} ran. */
    private static List<JsonNode> emfLinesOf(Invocations run) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(stdout);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                JsonNode node = Json.parse(line);
                if (node.path("_aws").has("CloudWatchMetrics")) {
                    lines.add(node);
                }
            }
        }
        stdout.print(captured.toString(StandardCharsets.UTF_8)); // still in the test's log
        return lines;
    }

    private static double sum(List<JsonNode> lines, String metric) {
        return lines.stream().mapToDouble(l -> l.path(metric).asDouble(0)).sum();
    }

    private static List<String> metricNames(List<JsonNode> lines) {
        List<String> names = new ArrayList<>();
        for (JsonNode line : lines) {
            line.at("/_aws/CloudWatchMetrics/0/Metrics")
                    .forEach(m -> names.add(m.get("Name").asText()));
        }
        return names;
    }
}
