package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.MarkJobFailedHandler;
import dev.verity.handler.PrepareDatasetHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.SelectObjectsHandler;
import dev.verity.handler.Services;
import dev.verity.handler.StartJobFromS3Handler;
import dev.verity.json.Json;
import dev.verity.labeling.DatasetRejectedException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Jobs started by uploading {@code jobs/<name>.json} (S3 event → SQS → Lambda), and the workflow's failure path. */
@ExtendWith(EmulatorsExtension.class)
class JobIntakeIT {

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
        put(
                "intake/objects.manifest",
                "{\"source-ref\":\"s3://verity-data/intake/a.jpg\"}\n"
                        + "{\"source-ref\":\"s3://verity-data/intake/b.jpg\"}\n");
        put(
                "intake/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"yes\"},{\"label\":\"no\"}]}");
    }

    @Test
    void anUploadedJobRequestStartsTheJobOnceEvenIfTheEventComesTwice() {
        ObjectNode request = request(3);
        request.remove("LabelingJobName"); // taken from the file name
        put("jobs/uploaded-job.json", Json.write(request));
        JsonNode event = SampleEvents.load("sqs-s3-job-request.json");

        StartJobFromS3Handler handler = new StartJobFromS3Handler(services);
        assertThat(handler.handle(event, null).get("batchItemFailures")).isEmpty();
        assertThat(handler.handle(event, null).get("batchItemFailures")).isEmpty();

        JsonNode described = describe("uploaded-job");
        assertThat(described.get("LabelingJobName").asText()).isEqualTo("uploaded-job");
        assertThat(described.get("LabelingJobStatus").asText()).isEqualTo("Initializing");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(System.getProperty(Catalog.ENV_STATE_MACHINE_ARN)))
                        .executions())
                .filteredOn(e -> e.name().equals("uploaded-job"))
                .hasSize(1);
    }

    @Test
    void aRefusedUploadGetsItsReasonsWrittenBesideIt() {
        put("jobs/bad-job.json", Json.write(request(12).put("LabelingJobName", "bad-job")));
        JsonNode event = SampleEvents.load("sqs-s3-job-request.json");
        String body = event.at("/Records/0/body").asText().replace("jobs/uploaded-job.json", "jobs/bad-job.json");
        ((ObjectNode) event.get("Records").get(0)).put("body", body);

        assertThat(new StartJobFromS3Handler(services).handle(event, null).get("batchItemFailures"))
                .isEmpty();

        String report = s3.getObjectAsBytes(
                        b -> b.bucket(CatalogResources.BUCKET).key("jobs/errors/bad-job.txt"))
                .asUtf8String();
        assertThat(report).contains("HumanTaskConfig.NumberOfHumanWorkersPerDataObject");
        ApiContract.CheckedHandler requester = ApiContract.checked(new RequesterApiHandler(services));
        JsonNode missing = requester.handle(
                ApiEvents.request("GET /jobs/{name}", Map.of("name", "bad-job"), null, "requester-1"), null);
        assertThat(ApiEvents.status(missing)).isEqualTo(404);
        assertThat(ApiEvents.body(missing).get("error").asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    void theCatchAllMarksTheJobFailedWithTheLambdaErrorMessage() {
        ApiContract.CheckedHandler requester = ApiContract.checked(new RequesterApiHandler(services));
        JsonNode created = requester.handle(
                ApiEvents.request(
                        "POST /jobs", Map.of(), request(1).put("LabelingJobName", "failing-job"), "requester-1"),
                null);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);

        ObjectNode event = (ObjectNode) SampleEvents.load("sfn-mark-failed.json");
        event.put("jobName", "failing-job");
        new MarkJobFailedHandler(services).handle(event, null);

        JsonNode described = describe("failing-job");
        assertThat(described.get("LabelingJobStatus").asText()).isEqualTo("Failed");
        assertThat(described.get("FailureReason").asText())
                .startsWith("DatasetRejectedException: the input manifest has no valid line");
        JsonNode stop = requester.handle(
                ApiEvents.request("POST /jobs/{name}/stop", Map.of("name", "failing-job"), null, "requester-1"), null);
        assertThat(ApiEvents.status(stop)).isEqualTo(409);
    }

    @Test
    void anInvalidCreateRequestIsRefusedNamingEveryProblem() {
        ApiContract.CheckedHandler requester = ApiContract.checked(new RequesterApiHandler(services));
        ObjectNode request = request(0).put("LabelingJobName", "bad_name!").put("LabelAttributeName", "x-ref");
        JsonNode response = requester.handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null);
        assertThat(ApiEvents.status(response)).isEqualTo(400);
        JsonNode body = ApiEvents.body(response);
        assertThat(body.get("error").asText()).isEqualTo("ValidationException");
        assertThat(body.get("message").asText()).contains("LabelingJobName", "NumberOfHumanWorkersPerDataObject");
    }

    @Test
    void aSegmentationJobOverGroundTruthsQuotaFailsAtSelectionNamingTheLimit() throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i <= 20_000; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/quota/img-")
                    .append(i)
                    .append(".png\"}\n");
        }
        put("quota/objects.manifest", manifest.toString());
        ObjectNode request = segmentationRequest("too-many-masks", "s3://verity-data/quota/objects.manifest");
        JsonNode created = new RequesterApiHandler(services)
                .handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);

        ObjectNode input = Json.object().put("jobName", "too-many-masks");
        assertThat(new PrepareDatasetHandler(services)
                        .handle(input, null)
                        .get("datasetObjects")
                        .asLong())
                .isEqualTo(20_001);
        assertThatThrownBy(() -> new SelectObjectsHandler(services).handle(input, null))
                .isInstanceOf(DatasetRejectedException.class)
                .hasMessageContaining("20001 objects were selected")
                .hasMessageContaining("SemanticSegmentation job may label at most 20000");
    }

    @Test
    void segmentationJobsAreConsolidatedInSmallChunksBecauseMasksAreLarge() throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/small-chunks/img-")
                    .append(i)
                    .append(".png\"}\n");
        }
        put("small-chunks/objects.manifest", manifest.toString());
        ObjectNode request = segmentationRequest("small-chunks", "s3://verity-data/small-chunks/objects.manifest");
        assertThat(ApiEvents.status(new RequesterApiHandler(services)
                        .handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null)))
                .isEqualTo(200);

        ObjectNode input = Json.object().put("jobName", "small-chunks");
        new PrepareDatasetHandler(services).handle(input, null);
        JsonNode selected = new SelectObjectsHandler(services).handle(input, null);
        assertThat(selected.get("selectedObjects").asLong()).isEqualTo(150);
        assertThat(selected.get("chunks")).hasSize(2);
    }

    private static ObjectNode segmentationRequest(String job, String manifest) {
        ObjectNode request = request(1).put("LabelingJobName", job).put("LabelAttributeName", "mask-ref");
        ((ObjectNode) request.at("/InputConfig/DataSource/S3DataSource")).put("ManifestS3Uri", manifest);
        ((ObjectNode) request.get("HumanTaskConfig"))
                .put(
                        "PreHumanTaskLambdaArn",
                        "arn:aws:lambda:us-east-1:432418664414:function:PRE-SemanticSegmentation");
        ((ObjectNode) request.at("/HumanTaskConfig/AnnotationConsolidationConfig"))
                .put(
                        "AnnotationConsolidationLambdaArn",
                        "arn:aws:lambda:us-east-1:432418664414:function:ACS-SemanticSegmentation");
        return request;
    }

    @Test
    void aCustomJobMayOnlyNameLambdasUnderTheCustomLambdaPrefix() {
        ObjectNode request = request(1).put("LabelingJobName", "custom-unnamed");
        ((ObjectNode) request.get("HumanTaskConfig"))
                .put("PreHumanTaskLambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:sagemaker-pre");
        ((ObjectNode) request.get("HumanTaskConfig")).remove("AnnotationConsolidationConfig");
        JsonNode response = new RequesterApiHandler(services)
                .handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null);
        assertThat(ApiEvents.status(response)).isEqualTo(400);
        assertThat(ApiEvents.body(response).get("message").asText())
                .contains(
                        "HumanTaskConfig.PreHumanTaskLambdaArn",
                        "starts with \"verity-custom-\"",
                        "\"sagemaker-pre\" does not");
    }

    @Test
    void aCustomJobMayNotNameOneOfVerityOwnFunctions() {
        ObjectNode request = request(1).put("LabelingJobName", "custom-own");
        ((ObjectNode) request.get("HumanTaskConfig"))
                .put("PreHumanTaskLambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:verity-custom-pre");
        ((ObjectNode) request.at("/HumanTaskConfig/AnnotationConsolidationConfig"))
                .put(
                        "AnnotationConsolidationLambdaArn",
                        "arn:aws:lambda:us-east-1:000000000000:function:verity-mark-failed");
        JsonNode response = new RequesterApiHandler(services)
                .handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null);
        assertThat(ApiEvents.status(response)).isEqualTo(400);
        assertThat(ApiEvents.body(response).get("message").asText())
                .contains(
                        "HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn",
                        "names Verity's own function \"verity-mark-failed\"");
    }

    private static JsonNode describe(String name) {
        JsonNode response = new RequesterApiHandler(services)
                .handle(ApiEvents.request("GET /jobs/{name}", Map.of("name", name), null, "requester-1"), null);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        return ApiEvents.body(response);
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static ObjectNode request(int workers) {
        return (ObjectNode) Json.parse("""
                {
                  "LabelingJobName": "placeholder",
                  "LabelAttributeName": "answer",
                  "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://verity-data/intake/objects.manifest"}}},
                  "OutputConfig": {"S3OutputPath": "s3://verity-data/intake-output"},
                  "RoleArn": "arn:aws:iam::000000000000:role/verity-labeling",
                  "LabelCategoryConfigS3Uri": "s3://verity-data/intake/categories.json",
                  "HumanTaskConfig": {
                    "WorkteamArn": "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce",
                    "UiConfig": {"UiTemplateS3Uri": "s3://verity-data/templates/t.liquid.html"},
                    "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
                    "TaskTitle": "Is it there?",
                    "TaskDescription": "Answer yes or no",
                    "NumberOfHumanWorkersPerDataObject": %d,
                    "TaskTimeLimitInSeconds": 300,
                    "AnnotationConsolidationConfig": {
                      "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"
                    }
                  }
                }
                """.formatted(workers));
    }
}
