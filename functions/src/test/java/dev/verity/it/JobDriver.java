package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Runs one job through the real handlers in the order the state machine calls them, so a test can stop anywhere in
 * between and look at it through the HTTP API.
 */
final class JobDriver {

    final Services services;
    final String job;
    final RequesterApiHandler requester;
    final WorkerApiHandler workers;
    private JsonNode selected;
    String taskToken;

    JobDriver(Services services, String job) {
        this.services = services;
        this.job = job;
        this.requester = new RequesterApiHandler(services);
        this.workers = new WorkerApiHandler(services);
    }

    /** POST /jobs, PrepareDataset, SelectObjects. */
    JobDriver createAndSelect(ObjectNode request) throws IOException {
        ObjectNode event = ApiEvents.request("POST /jobs", Map.of(), request, "requester-1");
        JsonNode created = ApiContract.conforming(event, requester.handle(event, null));
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        return prepareAndSelect();
    }

    /** PrepareDataset, SelectObjects of a job created already. */
    JobDriver prepareAndSelect() throws IOException {
        new PrepareDatasetHandler(services).handle(Json.object().put("jobName", job), null);
        selected = new SelectObjectsHandler(services).handle(Json.object().put("jobName", job), null);
        return this;
    }

    /** DispatchTasks with a task token of the job's execution, as the .waitForTaskToken integration would have. */
    JobDriver dispatch(Emulators emulators, SfnClient sfn) throws IOException {
        return dispatch(emulators, sfn, 0);
    }

    /** DispatchTasks of one human batch (0: a human-only job's one batch of every selected object). */
    JobDriver dispatch(Emulators emulators, SfnClient sfn, int batch) throws IOException {
        String executionArn = sfn
                .listExecutions(b -> b.stateMachineArn(System.getProperty(Catalog.ENV_STATE_MACHINE_ARN)))
                .executions()
                .stream()
                .filter(e -> e.name().equals(job))
                .findFirst()
                .orElseThrow()
                .executionArn();
        taskToken = emulators.isEmbedded()
                ? emulators.states().issueTaskToken(executionArn)
                : "no-token-outside-the-embedded-endpoint";
        new DispatchTasksHandler(services)
                .handle(
                        Json.object()
                                .put("jobName", job)
                                .put("taskToken", taskToken)
                                .put("batch", batch),
                        null);
        return this;
    }

    /** GatherAnswers for every chunk, EstimateWorkers; as the workflow measures the workers after human work. */
    JobDriver estimateWorkers() throws IOException {
        for (JsonNode chunk : selected.get("chunks")) {
            new GatherAnswersHandler(services)
                    .handle(Json.object().put("jobName", job).put("chunk", chunk.asInt()), null);
        }
        new EstimateWorkersHandler(services).handle(Json.object().put("jobName", job), null);
        return this;
    }

    /** GatherAnswers and EstimateWorkers, Consolidate for every chunk, WriteOutput; returns WriteOutput's result. */
    JsonNode finish() throws IOException {
        estimateWorkers();
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode chunk : selected.get("chunks")) {
            results.add(new ConsolidateChunkHandler(services)
                    .handle(Json.object().put("jobName", job).put("chunk", chunk.asInt()), null));
        }
        ObjectNode writeInput = Json.object().put("jobName", job);
        writeInput.putArray("results").addAll(results);
        return new WriteOutputHandler(services).handle(writeInput, null);
    }

    JsonNode requester(String routeKey, Map<String, String> path, JsonNode body) throws IOException {
        ObjectNode event = ApiEvents.request(routeKey, path, body, "requester-1");
        return ApiContract.conforming(event, requester.handle(event, null));
    }

    JsonNode requester(String routeKey, Map<String, String> path, Map<String, String> query) throws IOException {
        ObjectNode event = ApiEvents.withQuery(ApiEvents.request(routeKey, path, null, "requester-1"), query);
        return ApiContract.conforming(event, requester.handle(event, null));
    }

    JsonNode worker(String routeKey, Map<String, String> path, JsonNode body, String worker) throws IOException {
        ObjectNode event = ApiEvents.request(routeKey, path, body, worker);
        return ApiContract.conforming(event, workers.handle(event, null));
    }

    JsonNode next(String worker) throws IOException {
        return worker("POST /worker/jobs/{name}/tasks/next", Map.of("name", job), null, worker);
    }

    /**
     * An image-classification job (labels cat and dog, the default private team) of {@code objects} images listed
     * under {@code folder}/ of the data bucket, created and selected; {@code adjust} may change the request first.
     */
    static JobDriver imageJob(
            Services services,
            S3Client s3,
            String folder,
            String name,
            int objects,
            int workersPerObject,
            Consumer<ObjectNode> adjust)
            throws IOException {
        put(
                s3,
                folder + "/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"}]}");
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/")
                    .append(folder)
                    .append('/')
                    .append(name)
                    .append('-')
                    .append(i)
                    .append(".jpg\"}\n");
        }
        put(s3, folder + "/" + name + ".manifest", manifest.toString());
        ObjectNode request = request(
                name,
                "animal",
                folder + "/" + name + ".manifest",
                folder + "/categories.json",
                "ImageMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                workersPerObject);
        adjust.accept(request);
        return new JobDriver(services, name).createAndSelect(request);
    }

    /** A worker's answer body for an image-classification task: {"answerContent": {"crowd-image-classifier": …}}. */
    static ObjectNode classifierAnswer(String label) {
        ObjectNode body = Json.object();
        body.putObject("answerContent").putObject("crowd-image-classifier").put("label", label);
        return body;
    }

    private static void put(S3Client s3, String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    /**
     * Creates the private work team {@code team} whose members are the Cognito group {@code userGroup}, through the
     * requester API; a team of that name made earlier in this run is kept (the emulators' table is shared).
     */
    static void ensureTeam(Services services, String team, String userGroup) {
        ObjectNode body = (ObjectNode) Json.parse("""
                {"WorkteamName": "%s", "Description": "test team",
                 "MemberDefinitions": [{"CognitoMemberDefinition":
                   {"UserPool": "us-east-1_test", "UserGroup": "%s", "ClientId": "verity"}}]}
                """.formatted(team, userGroup));
        JsonNode created = new RequesterApiHandler(services)
                .handle(ApiEvents.request("POST /workteams", Map.of(), body, "requester-1"), null);
        int status = ApiEvents.status(created);
        if (status != 200 && status != 409) {
            throw new AssertionError("creating work team " + team + ": " + created);
        }
    }

    /** A CreateLabelingJob request with the test defaults; {@code preLambda} names the task type. */
    static ObjectNode request(
            String job,
            String attribute,
            String manifestKey,
            String categoriesKey,
            String preLambda,
            String workteam,
            int workersPerObject) {
        return (ObjectNode) Json.parse("""
                {
                  "LabelingJobName": "%s",
                  "LabelAttributeName": "%s",
                  "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://verity-data/%s"}}},
                  "OutputConfig": {"S3OutputPath": "s3://verity-data/jobs-output/"},
                  "RoleArn": "arn:aws:iam::000000000000:role/verity-labeling",
                  "LabelCategoryConfigS3Uri": "s3://verity-data/%s",
                  "HumanTaskConfig": {
                    "WorkteamArn": "%s",
                    "UiConfig": {"UiTemplateS3Uri": "s3://verity-data/templates/t.liquid.html"},
                    "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-%s",
                    "TaskTitle": "Label it",
                    "TaskDescription": "Choose the right label",
                    "NumberOfHumanWorkersPerDataObject": %d,
                    "TaskTimeLimitInSeconds": 300,
                    "TaskAvailabilityLifetimeInSeconds": 86400,
                    "AnnotationConsolidationConfig": {
                      "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-%s"
                    }
                  }
                }
                """.formatted(
                        job,
                        attribute,
                        manifestKey,
                        categoriesKey,
                        workteamArn(workteam),
                        preLambda,
                        workersPerObject,
                        preLambda));
    }

    /** The ARN of {@code workteam} (e.g. private-crowd/x): the public crowd's is Ground Truth's, in every account. */
    static String workteamArn(String workteam) {
        String account = workteam.startsWith("public-crowd/") ? "394669845002" : "000000000000";
        return "arn:aws:sagemaker:us-east-1:" + account + ":workteam/" + workteam;
    }
}
