package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.ConsolidateChunkHandler;
import dev.verity.handler.DispatchTasksHandler;
import dev.verity.handler.EstimateWorkersHandler;
import dev.verity.handler.GatherAnswersHandler;
import dev.verity.handler.PrepareDatasetHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.SelectObjectsHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.handler.WriteOutputHandler;
import dev.verity.json.Json;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * A 60-object image-classification job, end to end through every handler in the order the state machine calls
 * them, against the embedded S3, SQS, DynamoDB and Step Functions endpoints, through the real SDK.
 */
@ExtendWith(EmulatorsExtension.class)
class LabelingJobEndToEndIT {

    private static final String JOB = "animals-e2e";
    private static final List<String> LABELS = List.of("cat", "dog", "bird");
    private static final int OBJECTS = 60;
    private static final double WORKER_ACCURACY = 0.75;
    /** The first objects are gold questions. */
    private static final int GOLD_OBJECTS = 10;
    /** Physical line numbers (1-based) where the manifest has a bad line, and what is wrong with it. */
    private static final Map<Integer, String> BAD_LINES = Map.of(
            5, "{\"not-a-source\": \"x\"}",
            21, "{\"source-ref\": \"s3://verity-data/images/broken.jpg\"",
            40, "{\"source-ref\": \"http://example.com/a.jpg\"}");

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

    @Test
    void labelsSixtyObjectsEndToEnd(Emulators emulators) throws Exception {
        Map<String, String> truth = uploadDataset();
        ApiContract.CheckedHandler requester = ApiContract.checked(new RequesterApiHandler(services));
        ApiContract.CheckedHandler workerApi = ApiContract.checked(new WorkerApiHandler(services));

        // Create, twice: one job, one execution.
        JsonNode created =
                requester.handle(ApiEvents.request("POST /jobs", Map.of(), createRequest(), "requester-1"), null);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        String arn = ApiEvents.body(created).get("LabelingJobArn").asText();
        assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:000000000000:labeling-job/" + JOB);
        JsonNode again =
                requester.handle(ApiEvents.request("POST /jobs", Map.of(), createRequest(), "requester-1"), null);
        assertThat(ApiEvents.status(again)).isEqualTo(200);
        assertThat(ApiEvents.body(again).get("LabelingJobArn").asText()).isEqualTo(arn);
        String stateMachineArn = System.getProperty(Catalog.ENV_STATE_MACHINE_ARN);
        List<ExecutionListItem> executions =
                sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions().stream()
                        .filter(e -> e.name().equals(JOB))
                        .toList();
        assertThat(executions).hasSize(1);
        JsonNode listed =
                ApiEvents.body(requester.handle(ApiEvents.request("GET /jobs", Map.of(), null, "requester-1"), null));
        assertThat(listed.get("LabelingJobSummaryList").findValuesAsText("LabelingJobName"))
                .containsOnlyOnce(JOB);

        // PrepareDataset: 60 objects, the 3 bad lines reported with their line numbers.
        Map<String, Object> input = Map.of("jobName", JOB);
        JsonNode prepared = new PrepareDatasetHandler(services).handle(Json.MAPPER.valueToTree(input), null);
        assertThat(prepared.get("datasetObjects").asLong()).isEqualTo(OBJECTS);
        assertThat(prepared.get("rejectedLines").asLong()).isEqualTo(BAD_LINES.size());
        List<JsonNode> errors = readLines("jobs-output/" + JOB + "/manifests/intermediate/errors.jsonl");
        assertThat(errors)
                .extracting(e -> e.get("line").asInt())
                .containsExactlyElementsOf(BAD_LINES.keySet().stream().sorted().toList());
        assertThat(errors.get(0).get("error").asText()).contains("source-ref");
        assertThat(errors.get(2).get("error").asText()).contains("s3://");

        // SelectObjects: all of them, in one chunk.
        JsonNode selected = new SelectObjectsHandler(services).handle(Json.MAPPER.valueToTree(input), null);
        assertThat(selected.get("selectedObjects").asLong()).isEqualTo(OBJECTS);
        assertThat(selected.get("chunks")).hasSize(1);

        // DispatchTasks with a task token of the job's execution (the embedded Step Functions endpoint issues it,
        // as the .waitForTaskToken integration would; LocalStack runs the real execution, so no token is at hand).
        String token = emulators.isEmbedded()
                ? emulators.states().issueTaskToken(executions.get(0).executionArn())
                : "no-token-outside-the-embedded-endpoint";
        new DispatchTasksHandler(services)
                .handle(Json.object().put("jobName", JOB).put("taskToken", token), null);

        // An unknown label is refused, naming the allowed labels; the task stays with the worker.
        JsonNode task = ApiEvents.body(workerApi.handle(
                ApiEvents.request("POST /worker/jobs/{name}/tasks/next", Map.of("name", JOB), null, "worker-0"), null));
        String assignment = task.get("assignmentId").asText();
        assertThat(task.at("/taskInput/taskObject").asText()).startsWith("http");
        assertThat(task.at("/taskInput/labels")).hasSize(3);
        JsonNode refused = workerApi.handle(
                ApiEvents.request(
                        "POST /worker/assignments/{id}", Map.of("id", assignment), answer("zebra"), "worker-0"),
                null);
        assertThat(ApiEvents.status(refused)).isEqualTo(400);
        assertThat(ApiEvents.body(refused).get("error").asText()).isEqualTo("InvalidAnswer");
        assertThat(ApiEvents.body(refused).get("message").asText()).contains("zebra", "cat", "dog", "bird");
        // Another worker may not submit it; its owner releases it.
        JsonNode foreign = workerApi.handle(
                ApiEvents.request("POST /worker/assignments/{id}", Map.of("id", assignment), answer("cat"), "worker-1"),
                null);
        assertThat(ApiEvents.status(foreign)).isEqualTo(403);
        JsonNode released = workerApi.handle(
                ApiEvents.request("POST /worker/assignments/{id}/release", Map.of("id", assignment), null, "worker-0"),
                null);
        assertThat(ApiEvents.status(released)).isEqualTo(200);

        // Simulated workers of known accuracy answer until no task is left. Each worker's answer to an object is
        // fixed by (worker, object), so the outcome does not depend on the order the queue hands tasks out.
        int workers = 3;
        Map<String, Set<String>> answeredBy = new HashMap<>();
        int correct = 0;
        int answers = 0;
        Map<String, Integer> goldCorrect = new HashMap<>();
        for (int round = 0; round < 200; round++) {
            boolean anyTask = false;
            for (int w = 0; w < workers; w++) {
                String worker = "worker-" + w;
                JsonNode next = workerApi.handle(
                        ApiEvents.request("POST /worker/jobs/{name}/tasks/next", Map.of("name", JOB), null, worker),
                        null);
                if (ApiEvents.status(next) == 204) {
                    continue;
                }
                assertThat(ApiEvents.status(next)).as(next.toString()).isEqualTo(200);
                anyTask = true;
                JsonNode t = ApiEvents.body(next);
                String objectId = t.get("datasetObjectId").asText();
                assertThat(answeredBy
                                .computeIfAbsent(worker, k -> new HashSet<>())
                                .add(objectId))
                        .as("%s was offered object %s a second time", worker, objectId)
                        .isTrue();
                String trueLabel = truth.get(t.at("/taskInput/sourceRef").asText());
                SplittableRandom random = new SplittableRandom((worker + "/" + objectId).hashCode());
                String label = random.nextDouble() < WORKER_ACCURACY ? trueLabel : otherLabel(trueLabel, random);
                correct += label.equals(trueLabel) ? 1 : 0;
                answers++;
                if (Integer.parseInt(objectId) < GOLD_OBJECTS) {
                    goldCorrect.merge(worker, label.equals(trueLabel) ? 1 : 0, Integer::sum);
                }
                JsonNode submitted = workerApi.handle(
                        ApiEvents.request(
                                "POST /worker/assignments/{id}",
                                Map.of("id", t.get("assignmentId").asText()),
                                answer(label),
                                worker),
                        null);
                assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
            }
            if (!anyTask) {
                break;
            }
        }
        assertThat(answers).isEqualTo(OBJECTS * 3);
        double workerAccuracy = (double) correct / answers;

        JsonNode progress = ApiEvents.body(requester.handle(
                ApiEvents.request("GET /jobs/{name}", Map.of("name", JOB), null, "requester-1"), null));
        assertThat(progress.get("LabelingJobStatus").asText()).isEqualTo("InProgress");
        assertThat(progress.at("/LabelCounters/HumanLabeled").asInt()).isEqualTo(OBJECTS);
        // While the job runs, the worker figures are a live count from the job store.
        JsonNode live = ApiEvents.body(requester.handle(
                ApiEvents.request("GET /jobs/{name}/workers", Map.of("name", JOB), null, "requester-1"), null));
        assertThat(live.get("final").asBoolean()).isFalse();
        assertThat(live.get("workers"))
                .hasSize(workers)
                .allSatisfy(w -> assertThat(w.get("answers").asInt()).isEqualTo(OBJECTS));

        // The last answer resumed the waiting execution, once.
        if (emulators.isEmbedded()) {
            assertThat(emulators.states().taskResults())
                    .filteredOn(r -> r.taskToken().equals(token))
                    .hasSize(1);
        }

        // GatherAnswers (a Map over chunks) writes each chunk's answers as classes; EstimateWorkers measures every
        // worker over them, then Consolidate (the Map over chunks) uses the measure.
        for (JsonNode chunk : selected.get("chunks")) {
            JsonNode gathered = new GatherAnswersHandler(services)
                    .handle(Json.object().put("jobName", JOB).put("chunk", chunk.asInt()), null);
            assertThat(gathered.get("answers").asInt()).isEqualTo(OBJECTS);
        }
        JsonNode estimated =
                new EstimateWorkersHandler(services).handle(Json.object().put("jobName", JOB), null);
        assertThat(estimated.get("workerModel").asBoolean()).isTrue();
        JsonNode model = Json.parse(s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET)
                        .key("jobs-output/" + JOB + "/manifests/intermediate/worker-model.json"))
                .asUtf8String());
        assertThat(model.get("workers")).hasSize(3);

        // Consolidate (the Map over chunks), then WriteOutput.
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode chunk : selected.get("chunks")) {
            results.add(new ConsolidateChunkHandler(services)
                    .handle(Json.object().put("jobName", JOB).put("chunk", chunk.asInt()), null));
        }
        ObjectNode writeInput = Json.object().put("jobName", JOB);
        writeInput.putArray("results").addAll(results);
        JsonNode written = new WriteOutputHandler(services).handle(writeInput, null);
        assertThat(written.get("status").asText()).isEqualTo("Completed");

        // The output manifest: one line per selected input line, in input order, in Ground Truth's shape.
        List<JsonNode> output = readLines("jobs-output/" + JOB + "/manifests/output/output.manifest");
        assertThat(output).hasSize(OBJECTS);
        List<String> inputOrder = new ArrayList<>(truth.keySet());
        int consolidatedCorrect = 0;
        for (int i = 0; i < OBJECTS; i++) {
            JsonNode line = output.get(i);
            assertThat(line.get("source-ref").asText()).isEqualTo(inputOrder.get(i));
            assertThat(line.get("truth").asText()).isEqualTo(truth.get(inputOrder.get(i)));
            assertThat(line.get("animal").isInt()).isTrue();
            JsonNode meta = line.get("animal-metadata");
            assertThat(meta.get("class-name").asText())
                    .isEqualTo(LABELS.get(line.get("animal").asInt()));
            assertThat(meta.get("type").asText()).isEqualTo("groundtruth/image-classification");
            assertThat(meta.get("job-name").asText()).isEqualTo("labeling-job/" + JOB);
            assertThat(meta.get("human-annotated").asText()).isEqualTo("yes");
            assertThat(meta.get("creation-date").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
            assertThat(meta.get("confidence").asDouble()).isBetween(0.0, 1.0);
            consolidatedCorrect +=
                    meta.get("class-name").asText().equals(line.get("truth").asText()) ? 1 : 0;
        }
        double consolidatedAccuracy = (double) consolidatedCorrect / OBJECTS;
        System.out.printf(
                "end-to-end job: single-worker accuracy %.3f, consolidated accuracy %.3f%n",
                workerAccuracy, consolidatedAccuracy);
        assertThat(consolidatedAccuracy)
                .as("consolidated vs single-worker accuracy %.3f", workerAccuracy)
                .isGreaterThanOrEqualTo(workerAccuracy);

        JsonNode described = ApiEvents.body(requester.handle(
                ApiEvents.request("GET /jobs/{name}", Map.of("name", JOB), null, "requester-1"), null));
        assertThat(described.get("LabelingJobStatus").asText()).isEqualTo("Completed");
        assertThat(described.at("/LabelCounters/TotalLabeled").asInt()).isEqualTo(OBJECTS);
        assertThat(described.at("/LabelCounters/Unlabeled").asInt()).isZero();
        assertThat(described.at("/LabelingJobOutput/OutputDatasetS3Uri").asText())
                .isEqualTo("s3://verity-data/jobs-output/" + JOB + "/manifests/output/output.manifest");
        // Gold questions: every worker answered each of them once, scored against the known label.
        JsonNode report = ApiEvents.body(requester.handle(
                ApiEvents.request("GET /jobs/{name}/workers", Map.of("name", JOB), null, "requester-1"), null));
        assertThat(report.get("final").asBoolean()).isTrue();
        assertThat(report.get("workers")).hasSize(workers);
        for (JsonNode worker : report.get("workers")) {
            String name = worker.get("workerId").asText();
            assertThat(worker.get("answers").asInt()).isEqualTo(OBJECTS);
            assertThat(worker.get("goldAnswered").asInt()).isEqualTo(GOLD_OBJECTS);
            assertThat(worker.get("goldCorrect").asInt()).isEqualTo(goldCorrect.getOrDefault(name, 0));
            // Dawid-Skene's estimate of a worker who is right 75% of the time, over 60 answers.
            assertThat(worker.get("estimatedAccuracy").asDouble()).as(name).isBetween(0.5, 0.95);
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(CatalogResources.BUCKET)
                                .prefix("jobs-output/" + JOB + "/annotations/worker-response/iteration-1/"))
                        .keyCount())
                .as("one worker-response file per object, each holding the object's three answers")
                .isEqualTo(OBJECTS);
    }

    private static String otherLabel(String trueLabel, SplittableRandom random) {
        List<String> others = LABELS.stream().filter(l -> !l.equals(trueLabel)).toList();
        return others.get(random.nextInt(others.size()));
    }

    private static ObjectNode answer(String label) {
        ObjectNode body = Json.object();
        body.putObject("answerContent").putObject("crowd-image-classifier").put("label", label);
        return body;
    }

    /** Uploads the images, the manifest (with three bad lines) and the label categories; returns source-ref → truth. */
    private static Map<String, String> uploadDataset() {
        Map<String, String> truth = new java.util.LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder();
        int object = 0;
        for (int line = 1; object < OBJECTS || BAD_LINES.containsKey(line); line++) {
            if (BAD_LINES.containsKey(line)) {
                manifest.append(BAD_LINES.get(line)).append('\n');
                continue;
            }
            String key = String.format("images/img-%03d.jpg", object);
            String label = LABELS.get(object % LABELS.size());
            s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromBytes(new byte[] {1, 2, 3}));
            String sourceRef = "s3://" + CatalogResources.BUCKET + "/" + key;
            truth.put(sourceRef, label);
            ObjectNode entry = Json.object().put("source-ref", sourceRef).put("truth", label);
            if (object < GOLD_OBJECTS) {
                entry.put("gold", label); // a gold question: its true label is known to the job
            }
            manifest.append(Json.write(entry)).append('\n');
            object++;
        }
        s3.putObject(
                b -> b.bucket(CatalogResources.BUCKET).key("input/animals.manifest"),
                RequestBody.fromString(manifest.toString()));
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        s3.putObject(
                b -> b.bucket(CatalogResources.BUCKET).key("input/categories.json"),
                RequestBody.fromString(Json.write(categories)));
        return truth;
    }

    private static ObjectNode createRequest() {
        return (ObjectNode) Json.parse("""
                {
                  "LabelingJobName": "%s",
                  "LabelAttributeName": "animal",
                  "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://verity-data/input/animals.manifest"}}},
                  "OutputConfig": {"S3OutputPath": "s3://verity-data/jobs-output/"},
                  "RoleArn": "arn:aws:iam::000000000000:role/verity-labeling",
                  "LabelCategoryConfigS3Uri": "s3://verity-data/input/categories.json",
                  "GoldStandard": {"AttributeName": "gold"},
                  "HumanTaskConfig": {
                    "WorkteamArn": "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce",
                    "UiConfig": {"UiTemplateS3Uri": "s3://verity-data/templates/image-classification.liquid.html"},
                    "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
                    "TaskTitle": "What animal is this?",
                    "TaskDescription": "Choose the animal shown in the picture",
                    "NumberOfHumanWorkersPerDataObject": 3,
                    "TaskTimeLimitInSeconds": 300,
                    "TaskAvailabilityLifetimeInSeconds": 86400,
                    "AnnotationConsolidationConfig": {
                      "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"
                    }
                  }
                }
                """.formatted(JOB));
    }

    private static List<JsonNode> readLines(String key) throws Exception {
        String text = s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET).key(key))
                .asUtf8String();
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(Json.parse(line));
            }
        }
        return lines;
    }
}
