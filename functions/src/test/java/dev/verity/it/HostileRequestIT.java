package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.json.Json;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile requester input (issue 10): CreateLabelingJob requests with unknown fields, wrong types, numbers out of
 * range, bad names and ARNs, object selections and filters that are too deep, too long or malformed, a name that is
 * taken, and job and object ids that name nothing. Each is refused with its status and a reason naming the field,
 * no job is created, and a job accepted before is unchanged.
 */
@ExtendWith(EmulatorsExtension.class)
class HostileRequestIT {

    private static final String FOLDER = "hostile-requests";
    /** The job created before every hostile request, whose name the duplicates take. */
    private static final String EXISTING = "hostile-existing-job";

    private static final String CANDIDATE = "hostile-candidate-job";

    private static Services services;
    private static String existingBefore;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        S3Client s3 = new AwsClients(Environment.current()).s3();
        s3.putObject(
                b -> b.bucket(CatalogResources.BUCKET).key(FOLDER + "/objects.manifest"),
                RequestBody.fromString("{\"source-ref\":\"s3://verity-data/hostile-requests/a.jpg\"}\n"));
        s3.putObject(
                b -> b.bucket(CatalogResources.BUCKET).key(FOLDER + "/categories.json"),
                RequestBody.fromString(
                        "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"}]}"));
        s3.putObject(
                b -> b.bucket(CatalogResources.BUCKET).key(FOLDER + "/broken-categories.json"),
                RequestBody.fromString("{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":"));
        JsonNode created = requester("POST /jobs", Map.of(), Json.write(request(EXISTING)));
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        existingBefore = Json.write(describe(EXISTING));
    }

    /** A request, the status and reason it must get, and the job name that must not exist afterwards. */
    record Case(
            String name,
            String route,
            Map<String, String> path,
            Map<String, String> query,
            String body,
            int status,
            String reason,
            String absentJob) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> hostileRequests() {
        return Stream.of(
                // The body
                create("a body that is not JSON", "{\"LabelingJobName\": ", "the body is not valid JSON"),
                create("an empty body", "", "the request needs a JSON body"),
                create("a body that is a JSON array", "[]", "a CreateLabelingJob request must be a JSON object"),
                // Fields
                create(
                        "an unknown top-level field",
                        r -> r.put("LabelingJobType", "fast"),
                        "LabelingJobType: unknown field; expected one of"),
                create(
                        "an unknown field deep inside",
                        r -> r.with("HumanTaskConfig").put("Priority", 1),
                        "HumanTaskConfig.Priority: unknown field"),
                create(
                        "a job name that is a number",
                        r -> r.put("LabelingJobName", 42),
                        "LabelingJobName: must be a string, got number"),
                create("a required field missing", r -> r.remove("RoleArn"), "RoleArn: is required"),
                create(
                        "HumanTaskConfig that is a string",
                        r -> r.put("HumanTaskConfig", "all of it"),
                        "HumanTaskConfig: must be an object, got string"),
                // Numbers
                create(
                        "a negative number of workers per object",
                        r -> r.with("HumanTaskConfig").put("NumberOfHumanWorkersPerDataObject", -1),
                        "HumanTaskConfig.NumberOfHumanWorkersPerDataObject: must be between 1 and 9, got -1"),
                create(
                        "a fractional number of workers per object",
                        r -> r.with("HumanTaskConfig").put("NumberOfHumanWorkersPerDataObject", 2.5),
                        "HumanTaskConfig.NumberOfHumanWorkersPerDataObject: must be an integer, got number 2.5"),
                create(
                        "a task time limit beyond any integer",
                        r -> r.with("HumanTaskConfig").put("TaskTimeLimitInSeconds", 99_999_999_999_999L),
                        "HumanTaskConfig.TaskTimeLimitInSeconds: must be an integer, got number 99999999999999"),
                create(
                        "a task lifetime of a year",
                        r -> r.with("HumanTaskConfig").put("TaskAvailabilityLifetimeInSeconds", 31_536_000),
                        "HumanTaskConfig.TaskAvailabilityLifetimeInSeconds: must be between 60 and 2592000"),
                create(
                        "a labeled-object limit of zero",
                        r -> r.putObject("StoppingConditions").put("MaxHumanLabeledObjectCount", 0),
                        "StoppingConditions.MaxHumanLabeledObjectCount: must be at least 1, got 0"),
                // Names
                createAbsent(
                        "a job name with characters outside letters, digits and hyphens",
                        "bad_name!;drop",
                        "LabelingJobName: must be letters, digits and inner hyphens"),
                createAbsent(
                        "a job name of 64 characters",
                        "j".repeat(64),
                        "LabelingJobName: must be between 1 and 63 characters long, got 64"),
                createAbsent(
                        "a job name with a path in it",
                        "a/../b",
                        "LabelingJobName: must be letters, digits and inner hyphens"),
                create(
                        "a label attribute ending in -metadata",
                        r -> r.put("LabelAttributeName", "animal-metadata"),
                        "LabelAttributeName: must not end in \"-metadata\""),
                create(
                        "a task title of 129 characters",
                        r -> r.with("HumanTaskConfig").put("TaskTitle", "t".repeat(129)),
                        "HumanTaskConfig.TaskTitle: must be between 1 and 128 characters long"),
                // ARNs and URIs
                create(
                        "a role ARN of another service",
                        r -> r.put("RoleArn", "arn:aws:s3:::000000000000:role/verity"),
                        "RoleArn: must be an IAM role ARN"),
                create(
                        "a work team ARN without an account",
                        r -> r.with("HumanTaskConfig")
                                .put(
                                        "WorkteamArn",
                                        "arn:aws:sagemaker:us-east-1::workteam/private-crowd/Everyone-in-private-workforce"),
                        "HumanTaskConfig.WorkteamArn: must be a SageMaker work team ARN"),
                create(
                        "Lambdas of a task type that does not exist",
                        r -> {
                            r.with("HumanTaskConfig")
                                    .put(
                                            "PreHumanTaskLambdaArn",
                                            "arn:aws:lambda:us-east-1:432418664414:function:PRE-Everything");
                            r.with("HumanTaskConfig")
                                    .with("AnnotationConsolidationConfig")
                                    .put(
                                            "AnnotationConsolidationLambdaArn",
                                            "arn:aws:lambda:us-east-1:432418664414:function:ACS-Everything");
                        },
                        "HumanTaskConfig.PreHumanTaskLambdaArn"),
                create(
                        "a manifest URI over http",
                        r -> r.with("InputConfig")
                                .with("DataSource")
                                .with("S3DataSource")
                                .put("ManifestS3Uri", "https://verity-data/x.manifest"),
                        "InputConfig.DataSource.S3DataSource.ManifestS3Uri"),
                create(
                        "a manifest URI of 1025 characters",
                        r -> r.with("InputConfig")
                                .with("DataSource")
                                .with("S3DataSource")
                                .put("ManifestS3Uri", "s3://verity-data/" + "k".repeat(1008)),
                        "ManifestS3Uri: must be between 1 and 1024 characters long, got 1025"),
                create(
                        "a label category file that is broken JSON",
                        r -> r.put(
                                "LabelCategoryConfigS3Uri", "s3://verity-data/" + FOLDER + "/broken-categories.json"),
                        "LabelCategoryConfigS3Uri"),
                // Object selection and filters
                create(
                        "a sample of zero objects",
                        r -> r.set("DataObjectSelection", Json.parse("{\"Mode\":\"RandomSample\",\"SampleSize\":0}")),
                        "DataObjectSelection.SampleSize is 0; it must be an integer >= 1"),
                create(
                        "a sample of 150 percent",
                        r -> r.set(
                                "DataObjectSelection",
                                Json.parse("{\"Mode\":\"RandomSample\",\"SamplePercentage\":150}")),
                        "DataObjectSelection.SamplePercentage is 150; it must be a number > 0 and <= 100"),
                create(
                        "a sample by size and by percentage at once",
                        r -> r.set(
                                "DataObjectSelection",
                                Json.parse("{\"Mode\":\"RandomSample\",\"SampleSize\":5,\"SamplePercentage\":5}")),
                        "needs exactly one of SampleSize"),
                create(
                        "a sample whose seed is text",
                        r -> r.set(
                                "DataObjectSelection",
                                Json.parse("{\"Mode\":\"RandomSample\",\"SampleSize\":5,\"Seed\":\"x\"}")),
                        "DataObjectSelection.Seed is \"x\"; it must be an integer"),
                create(
                        "a selection mode that does not exist",
                        r -> r.set("DataObjectSelection", Json.parse("{\"Mode\":\"Everything\"}")),
                        "DataObjectSelection.Mode is \"Everything\""),
                create(
                        "a filter nested 51 parentheses deep",
                        filter("(".repeat(51) + "s.a = 1" + ")".repeat(51)),
                        "the filter nests parentheses and NOT more than 50"),
                create(
                        "a filter of 1001 conditions",
                        filter("s.a = 1" + " OR s.a = 1".repeat(1000)),
                        "the filter has more than 1000 conditions"),
                create("a filter with an unterminated string", filter("s.a = 'cat"), "unterminated"),
                create(
                        "a filter that is not a SELECT",
                        r -> r.set(
                                "DataObjectSelection",
                                Json.parse("{\"Mode\":\"Filter\",\"FilterQuery\":\"DELETE FROM S3Object\"}")),
                        "DataObjectSelection.FilterQuery"),
                // A taken name: 409, and the job that has it is unchanged.
                new Case(
                        "a second job under a taken name",
                        "POST /jobs",
                        Map.of(),
                        Map.of(),
                        Json.write(request(EXISTING).put("LabelAttributeName", "other")),
                        409,
                        "a labeling job named '" + EXISTING + "' exists already",
                        null),
                new Case(
                        "a second job under a taken name in other letter case",
                        "POST /jobs",
                        Map.of(),
                        Map.of(),
                        Json.write(request(EXISTING.toUpperCase()).put("LabelAttributeName", "other")),
                        409,
                        "exists already (job names are unique, ignoring case)",
                        null),
                // Ids in paths and queries
                read(
                        "a job that does not exist",
                        "GET /jobs/{name}",
                        Map.of("name", "no-such-job"),
                        404,
                        "no labeling job named 'no-such-job'"),
                read(
                        "a job name of 3000 characters",
                        "GET /jobs/{name}",
                        Map.of("name", "n".repeat(3000)),
                        404,
                        "no labeling job named"),
                read(
                        "an object id of 20 digits",
                        "GET /jobs/{name}/objects/{id}/answers",
                        Map.of("name", EXISTING, "id", "12345678901234567890"),
                        404,
                        "has no data object '12345678901234567890'"),
                read(
                        "an object id that is a path",
                        "GET /jobs/{name}/objects/{id}/answers",
                        Map.of("name", EXISTING, "id", "../0"),
                        404,
                        "has no data object '../0'"),
                read(
                        "stopping a job that does not exist",
                        "POST /jobs/{name}/stop",
                        Map.of("name", "no-such-job"),
                        404,
                        "no labeling job named 'no-such-job'"),
                list(
                        "a page size that is not a number",
                        Map.of("maxResults", "ten"),
                        "query parameter maxResults must be a whole number, not 'ten'"),
                list(
                        "a page size of a million",
                        Map.of("maxResults", "1000000"),
                        "MaxResults: must be between 1 and 100"),
                list("a page token that was never given out", Map.of("nextToken", "Zm9yZ2Vk"), "NextToken"),
                list(
                        "a status that does not exist",
                        Map.of("statusEquals", "Hacked"),
                        "StatusEquals: 'Hacked' is not one of"),
                read(
                        "a task of a job that does not exist",
                        "POST /worker/jobs/{name}/tasks/next",
                        Map.of("name", "no-such-job"),
                        404,
                        "no labeling job named 'no-such-job'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void aHostileRequestIsRefusedWithItsReasonAndCreatesNothing(Case c) {
        JsonNode response = c.route().contains("/worker/")
                ? ApiContract.checked(new WorkerApiHandler(services)).handle(event(c, "worker-1"), null)
                : ApiContract.checked(new RequesterApiHandler(services)).handle(event(c, "requester-1"), null);

        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(c.status());
        assertThat(ApiEvents.body(response).path("message").asText())
                .as(response.toString())
                .contains(c.reason());
        if (c.absentJob() != null) {
            assertThat(ApiEvents.status(requester("GET /jobs/{name}", Map.of("name", c.absentJob()), null)))
                    .isEqualTo(404);
        }
        assertThat(Json.write(describe(EXISTING))).isEqualTo(existingBefore);
    }

    // ---- the cases' shapes

    private static Case create(String name, Consumer<ObjectNode> adjust, String reason) {
        ObjectNode request = request(CANDIDATE);
        adjust.accept(request);
        return new Case(name, "POST /jobs", Map.of(), Map.of(), Json.write(request), 400, reason, CANDIDATE);
    }

    private static Case create(String name, String body, String reason) {
        return new Case(name, "POST /jobs", Map.of(), Map.of(), body, 400, reason, CANDIDATE);
    }

    private static Case createAbsent(String name, String jobName, String reason) {
        return new Case(name, "POST /jobs", Map.of(), Map.of(), Json.write(request(jobName)), 400, reason, jobName);
    }

    private static Case read(String name, String route, Map<String, String> path, int status, String reason) {
        return new Case(name, route, path, Map.of(), null, status, reason, null);
    }

    private static Case list(String name, Map<String, String> query, String reason) {
        return new Case(name, "GET /jobs", Map.of(), query, null, 400, reason, null);
    }

    private static Consumer<ObjectNode> filter(String condition) {
        return r -> r.putObject("DataObjectSelection")
                .put("Mode", "Filter")
                .put("FilterQuery", "SELECT * FROM S3Object s WHERE " + condition);
    }

    // ---- requests

    private static ObjectNode request(String job) {
        return JobDriver.request(
                job,
                "animal",
                FOLDER + "/objects.manifest",
                FOLDER + "/categories.json",
                "ImageMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                1);
    }

    private static ObjectNode event(Case c, String caller) {
        ObjectNode event = ApiEvents.request(c.route(), c.path(), null, caller);
        if (!c.query().isEmpty()) {
            ApiEvents.withQuery(event, c.query());
        }
        if (c.body() != null) {
            event.put("body", c.body());
        }
        return event;
    }

    private static JsonNode requester(String route, Map<String, String> path, String body) {
        ObjectNode event = ApiEvents.request(route, path, null, "requester-1");
        if (body != null) {
            event.put("body", body);
        }
        return ApiContract.checked(new RequesterApiHandler(services)).handle(event, null);
    }

    private static JsonNode describe(String job) {
        JsonNode response = requester("GET /jobs/{name}", Map.of("name", job), null);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        return ApiEvents.body(response);
    }
}
