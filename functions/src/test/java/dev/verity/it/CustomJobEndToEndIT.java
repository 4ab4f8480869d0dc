package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.emulators.lambda.LambdaEmulator;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.handler.ConsolidateChunkHandler;
import dev.verity.handler.DispatchTasksHandler;
import dev.verity.handler.PrepareDatasetHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.SelectObjectsHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.handler.WriteOutputHandler;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Custom task type jobs end to end through the handlers, against the embedded AWS services, with the requester's
 * pre- and post-annotation Lambdas served by the emulators' Lambda Invoke API and reached through the SDK.
 */
@ExtendWith(EmulatorsExtension.class)
class CustomJobEndToEndIT {

    private static final String BUCKET = CatalogResources.BUCKET;
    private static final String FUNCTIONS = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final String TEMPLATE = "s3://verity-data/templates/sentiment.liquid.html";

    private static final List<JsonNode> preRequests = new CopyOnWriteArrayList<>();
    private static final List<JsonNode> postRequests = new CopyOnWriteArrayList<>();
    private static LambdaEmulator lambda;
    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        lambda = LambdaEmulator.start(CustomJobEndToEndIT::invoke, Emulators.DEFAULT_REGION);
        Map<String, String> env = new HashMap<>(Environment.current().values());
        env.put(Emulators.ENV_LAMBDA, lambda.endpoint().toString());
        services = new Services(new Environment(env));
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
    }

    @AfterAll
    static void tearDown() {
        lambda.close();
    }

    /** The requester's functions: a pre-annotation Lambda and a consolidation Lambda taking the most common answer. */
    private static String invoke(String function, String payload) {
        JsonNode event = Json.parse(payload);
        switch (function) {
            case "verity-custom-sentiment-pre" -> {
                preRequests.add(event);
                JsonNode object = event.get("dataObject");
                if (object.has("boom")) {
                    throw new LambdaFunctionException("ValueError", "cannot prepare " + object, null);
                }
                if (object.has("skip")) {
                    return "{\"taskInput\":{},\"isHumanAnnotationRequired\":\"false\"}";
                }
                ObjectNode response = Json.object();
                response.putObject("taskInput")
                        .put(
                                "text",
                                object.path("source")
                                        .asText(object.path("source-ref").asText()))
                        .put("hint", "be kind");
                return Json.write(response.put("humanAnnotationRequired", true));
            }
            case "verity-custom-sentiment-post" -> {
                postRequests.add(event);
                String uri = event.at("/payload/s3Uri").asText();
                String key = uri.substring(("s3://" + BUCKET + "/").length());
                JsonNode batch = Json.parse(
                        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String());
                ArrayNode response = Json.array();
                for (JsonNode object : batch) {
                    Map<String, Integer> votes = new HashMap<>();
                    for (JsonNode annotation : object.get("annotations")) {
                        JsonNode answer = Json.parse(
                                annotation.at("/annotationData/content").asText());
                        votes.merge(answer.at("/sentiment/label").asText(), 1, Integer::sum);
                    }
                    String top = votes.entrySet().stream()
                            .max(Map.Entry.comparingByValue())
                            .orElseThrow()
                            .getKey();
                    ObjectNode entry = response.addObject()
                            .put(
                                    "datasetObjectId",
                                    object.get("datasetObjectId").asText());
                    entry.putObject("consolidatedAnnotation")
                            .putObject("content")
                            .putObject(event.get("labelAttributeName").asText())
                            .put("sentiment", top)
                            .put("votes", votes.get(top));
                }
                return Json.write(response);
            }
            default -> throw new LambdaFunctionException("ResourceNotFoundException", function, null);
        }
    }

    @Test
    void runsTheRequestersLambdasAroundTheWorkers(Emulators emulators) throws Exception {
        String job = "sentiment-custom";
        put("custom/img.jpg", "jpeg");
        put("custom/sentiment.manifest", """
                {"source":"I love it"}
                {"source-ref":"s3://verity-data/custom/img.jpg","note":"a photo"}
                {"source":"nothing to ask","skip":true}
                {"source":"breaks the Lambda","boom":true}
                """);
        String arn = create(emulators, job, "verity-custom-sentiment-pre", "verity-custom-sentiment-post", 2);

        // The pre-annotation Lambda got Ground Truth's request for each object.
        assertThat(preRequests)
                .filteredOn(r -> r.get("labelingJobArn").asText().equals(arn))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.get("version").asText()).isEqualTo("2018-10-16"))
                .anySatisfy(r -> assertThat(r.get("dataObject"))
                        .isEqualTo(Json.parse(
                                "{\"source-ref\":\"s3://verity-data/custom/img.jpg\",\"note\":\"a photo\"}")));
        // The Lambda's failure is kept; the job goes on.
        JsonNode failure = read(job + "/manifests/intermediate/pre-annotation-failures/3.json");
        assertThat(failure.get("errorType").asText()).isEqualTo("ValueError");

        // Workers see the Lambda's taskInput and the requester's template; only objects 0 and 1 have tasks.
        ApiContract.CheckedHandler workerApi = ApiContract.checked(new WorkerApiHandler(services));
        List<String> offered = new ArrayList<>();
        for (String worker : List.of("worker-a", "worker-b")) {
            for (JsonNode task = next(workerApi, job, worker); task != null; task = next(workerApi, job, worker)) {
                String objectId = task.get("datasetObjectId").asText();
                offered.add(objectId);
                JsonNode ui = task.get("ui");
                assertThat(ui.get("element").asText()).isEqualTo("custom");
                assertThat(ui.get("template").asText()).isEqualTo(TEMPLATE);
                // the browser fetches the template, and grant_read_access finds a URL for each s3:// in the input
                assertThat(ui.get("templateUrl").asText())
                        .startsWith("http")
                        .contains("templates/sentiment.liquid.html");
                if (objectId.equals("1")) {
                    assertThat(ui.get("readAccess")
                                    .get("s3://verity-data/custom/img.jpg")
                                    .asText())
                            .startsWith("http")
                            .contains("custom/img.jpg");
                } else {
                    assertThat(ui.get("readAccess")).isEmpty();
                }
                assertThat(task.get("taskInput"))
                        .isEqualTo(Json.parse(
                                objectId.equals("0")
                                        ? "{\"text\":\"I love it\",\"hint\":\"be kind\"}"
                                        : "{\"text\":\"s3://verity-data/custom/img.jpg\",\"hint\":\"be kind\"}"));
                String label = worker.equals("worker-a") || objectId.equals("0") ? "happy" : "sad";
                ObjectNode body = Json.object();
                body.putObject("answerContent").putObject("sentiment").put("label", label);
                JsonNode submitted = workerApi.handle(
                        ApiEvents.request(
                                "POST /worker/assignments/{id}",
                                Map.of("id", task.get("assignmentId").asText()),
                                body,
                                worker),
                        null);
                assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
            }
        }
        assertThat(offered).containsExactlyInAnyOrder("0", "1", "0", "1");

        writeOutput(job);

        // Ground Truth's consolidation request, its batch file and the Lambda's response, at Ground Truth's paths.
        String requestFile = "s3://verity-data/jobs-output/" + job
                + "/annotations/consolidated-annotation/consolidation-request/iteration-1/chunk-00000.json";
        assertThat(postRequests)
                .filteredOn(r -> r.get("labelingJobArn").asText().equals(arn))
                .singleElement()
                .isEqualTo(Json.parse("""
                        {"version":"2018-10-16","labelingJobArn":"%s","labelCategories":null,
                         "labelAttributeName":"sentiment","roleArn":"arn:aws:iam::000000000000:role/verity-labeling",
                         "payload":{"s3Uri":"%s"}}""".formatted(arn, requestFile)));
        JsonNode batch = read(
                job + "/annotations/consolidated-annotation/consolidation-request/iteration-1/" + "chunk-00000.json");
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).get("datasetObjectId").asText()).isEqualTo("0");
        assertThat(batch.get(0).get("dataObject")).isEqualTo(Json.parse("{\"content\":\"I love it\"}"));
        assertThat(batch.get(1).get("dataObject"))
                .isEqualTo(Json.parse("{\"s3Uri\":\"s3://verity-data/custom/img.jpg\"}"));
        assertThat(batch.get(0).get("annotations")).hasSize(2).allSatisfy(annotation -> {
            assertThat(annotation.get("workerId").asText()).startsWith("worker-");
            assertThat(annotation.at("/annotationData/content").isTextual()).isTrue();
            assertThat(Json.parse(annotation.at("/annotationData/content").asText()))
                    .isEqualTo(Json.parse("{\"sentiment\":{\"label\":\"happy\"}}"));
        });
        assertThat(read(job + "/annotations/consolidated-annotation/consolidation-response/iteration-1/"
                        + "chunk-00000.json"))
                .hasSize(2);

        // The output: the Lambda's label under the attribute, Ground Truth's custom metadata; the others unchanged.
        List<JsonNode> output = lines(job + "/manifests/output/output.manifest");
        assertThat(output).hasSize(4);
        assertThat(output.get(0).get("sentiment")).isEqualTo(Json.parse("{\"sentiment\":\"happy\",\"votes\":2}"));
        JsonNode metadata = output.get(0).get("sentiment-metadata");
        assertThat(metadata.fieldNames())
                .toIterable()
                .containsExactly("job_name", "type", "human-annotated", "creation_date");
        assertThat(metadata.get("job_name").asText()).isEqualTo(job);
        assertThat(metadata.get("type").asText()).isEqualTo("groundTruth/custom");
        assertThat(metadata.get("human-annotated").asText()).isEqualTo("yes");
        assertThat(metadata.get("creation_date").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(output.get(1).get("note").asText()).isEqualTo("a photo");
        assertThat(output.get(1).get("sentiment").get("votes").asInt()).isEqualTo(1);
        assertThat(output.get(2)).isEqualTo(Json.parse("{\"source\":\"nothing to ask\",\"skip\":true}"));
        assertThat(output.get(3)).isEqualTo(Json.parse("{\"source\":\"breaks the Lambda\",\"boom\":true}"));
        JsonNode described = describe(job);
        assertThat(described.get("LabelingJobStatus").asText()).isEqualTo("Completed");
        assertThat(described.at("/LabelCounters/TotalLabeled").asInt()).isEqualTo(2);
    }

    @Test
    void withoutAConsolidationLambdaTheLabelPointsAtTheWorkerResponse(Emulators emulators) throws Exception {
        String job = "sentiment-custom-raw";
        put("custom/raw.manifest", "{\"source\":\"fine\"}\n{\"source\":\"nothing to ask\",\"skip\":true}\n");
        create(emulators, job, "verity-custom-sentiment-pre", null, 1);
        ApiContract.CheckedHandler workerApi = ApiContract.checked(new WorkerApiHandler(services));
        JsonNode task = next(workerApi, job, "worker-a");
        ObjectNode body = Json.object();
        body.putObject("answerContent").put("free", "text");
        workerApi.handle(
                ApiEvents.request(
                        "POST /worker/assignments/{id}",
                        Map.of("id", task.get("assignmentId").asText()),
                        body,
                        "worker-a"),
                null);
        assertThat(next(workerApi, job, "worker-a")).isNull();

        writeOutput(job);

        List<JsonNode> output = lines(job + "/manifests/output/output.manifest");
        assertThat(output.get(0).get("sentiment")).isEqualTo(Json.object());
        String ref = output.get(0).at("/sentiment-metadata/worker-response-ref").asText();
        assertThat(ref)
                .startsWith("s3://verity-data/jobs-output/" + job + "/annotations/worker-response/iteration-1/0/")
                .endsWith(".json");
        JsonNode response = read(ref.substring(("s3://" + BUCKET + "/jobs-output/").length()));
        assertThat(response.at("/answers/0/answerContent")).isEqualTo(Json.parse("{\"free\":\"text\"}"));
        assertThat(output.get(0).at("/sentiment-metadata/type").asText()).isEqualTo("groundTruth/custom");
        assertThat(output.get(1).has("sentiment")).isFalse();
        assertThat(describe(job).get("LabelingJobStatus").asText()).isEqualTo("Completed");
    }

    /** Creates the job and runs it up to the workers: prepare, select, dispatch (pre-annotation). Returns its ARN. */
    private static String create(Emulators emulators, String job, String pre, String post, int workers)
            throws Exception {
        ObjectNode request = (ObjectNode) Json.parse("""
                {
                  "LabelingJobName": "%s",
                  "LabelAttributeName": "sentiment",
                  "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://verity-data/custom/%s"}}},
                  "OutputConfig": {"S3OutputPath": "s3://verity-data/jobs-output/"},
                  "RoleArn": "arn:aws:iam::000000000000:role/verity-labeling",
                  "HumanTaskConfig": {
                    "WorkteamArn": "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce",
                    "UiConfig": {"UiTemplateS3Uri": "%s"},
                    "PreHumanTaskLambdaArn": "%s",
                    "TaskTitle": "How does it feel?",
                    "TaskDescription": "Tell the sentiment",
                    "NumberOfHumanWorkersPerDataObject": %d,
                    "TaskTimeLimitInSeconds": 300
                  }
                }
                """.formatted(
                        job, post == null ? "raw.manifest" : "sentiment.manifest", TEMPLATE, FUNCTIONS + pre, workers));
        if (post != null) {
            ((ObjectNode) request.get("HumanTaskConfig"))
                    .putObject("AnnotationConsolidationConfig")
                    .put("AnnotationConsolidationLambdaArn", FUNCTIONS + post);
        }
        JsonNode created = new RequesterApiHandler(services)
                .handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        ObjectNode input = Json.object().put("jobName", job);
        new PrepareDatasetHandler(services).handle(input, null);
        new SelectObjectsHandler(services).handle(input, null);
        String stateMachineArn = System.getProperty(Catalog.ENV_STATE_MACHINE_ARN);
        String execution = sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions().stream()
                .filter(e -> e.name().equals(job))
                .findFirst()
                .orElseThrow()
                .executionArn();
        String token = emulators.isEmbedded() ? emulators.states().issueTaskToken(execution) : "no-token";
        new DispatchTasksHandler(services).handle(input.deepCopy().put("taskToken", token), null);
        return ApiEvents.body(created).get("LabelingJobArn").asText();
    }

    private static void writeOutput(String job) throws Exception {
        JsonNode result = new ConsolidateChunkHandler(services)
                .handle(Json.object().put("jobName", job).put("chunk", 0), null);
        ObjectNode writeInput = Json.object().put("jobName", job);
        writeInput.putArray("results").add(result);
        assertThat(new WriteOutputHandler(services)
                        .handle(writeInput, null)
                        .get("status")
                        .asText())
                .isEqualTo("Completed");
    }

    /** The worker's next task, or null when none is left for them. */
    private static JsonNode next(ApiContract.CheckedHandler workerApi, String job, String worker) throws Exception {
        JsonNode response = workerApi.handle(
                ApiEvents.request("POST /worker/jobs/{name}/tasks/next", Map.of("name", job), null, worker), null);
        return ApiEvents.status(response) == 204 ? null : ApiEvents.body(response);
    }

    private static JsonNode describe(String job) throws Exception {
        return ApiEvents.body(new RequesterApiHandler(services)
                .handle(ApiEvents.request("GET /jobs/{name}", Map.of("name", job), null, "requester-1"), null));
    }

    private static void put(String key, String text) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text));
    }

    private static JsonNode read(String jobOutputKey) {
        return Json.parse(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("jobs-output/" + jobOutputKey))
                .asUtf8String());
    }

    private static List<JsonNode> lines(String jobOutputKey) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("jobs-output/" + jobOutputKey))
                .asUtf8String()
                .lines()
                .map(Json::parse)
                .toList();
    }
}
