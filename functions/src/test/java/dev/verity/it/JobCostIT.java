package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import dev.verity.handler.HttpHandler;
import dev.verity.handler.JsonHandler;
import dev.verity.handler.PrepareDatasetHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.SelectObjectsHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.handler.WriteOutputHandler;
import dev.verity.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A 4-object, 2-worker job run through every handler's Lambda entry point (as Lambda invokes them, with each
 * function's memory) over the embedded services; its cost counts the requests its invocations made, and adds up.
 */
@ExtendWith(EmulatorsExtension.class)
class JobCostIT {

    private static final String JOB = "cost-animals";
    private static final int OBJECTS = 4;
    private static final int WORKERS = 2;

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
        dynamo = clients.dynamoDb();
    }

    @Test
    void theCostOfAJobCountsTheRequestsAndInvocationsItCausedAndAddsUp(Emulators emulators) throws Exception {
        RequesterApiHandler requester = new RequesterApiHandler(services);
        WorkerApiHandler workers = new WorkerApiHandler(services);
        put(
                "cost/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"}]}");
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < OBJECTS; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/cost/")
                    .append(i)
                    .append(".jpg\"}\n");
        }
        put("cost/animals.manifest", manifest.toString());
        Map<String, Integer> routes = new HashMap<>();

        JsonNode created = http(
                requester,
                Catalog.REQUESTER_API,
                ApiEvents.request(
                        "POST /jobs",
                        Map.of(),
                        JobDriver.request(
                                JOB,
                                "animal",
                                "cost/animals.manifest",
                                "cost/categories.json",
                                "ImageMultiClass",
                                "private-crowd/Everyone-in-private-workforce",
                                WORKERS),
                        "requester-1"),
                routes);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        step(new PrepareDatasetHandler(services), Catalog.PREPARE_DATASET, Json.object());
        JsonNode selected = step(new SelectObjectsHandler(services), Catalog.SELECT_OBJECTS, Json.object());
        String executionArn =
                System.getProperty(Catalog.ENV_STATE_MACHINE_ARN).replace(":stateMachine:", ":execution:") + ":" + JOB;
        String token = emulators.isEmbedded()
                ? emulators.states().issueTaskToken(executionArn)
                : "no-token-outside-the-embedded-endpoint";
        step(
                new DispatchTasksHandler(services),
                Catalog.DISPATCH_TASKS,
                Json.object().put("taskToken", token));
        for (int w = 0; w < WORKERS; w++) {
            for (int i = 0; i < OBJECTS; i++) {
                JsonNode task = ApiEvents.body(http(
                        workers,
                        Catalog.WORKER_API,
                        ApiEvents.request(
                                "POST /worker/jobs/{name}/tasks/next", Map.of("name", JOB), null, "worker-" + w),
                        routes));
                String assignment = task.get("assignmentId").asText();
                JsonNode submitted = http(
                        workers,
                        Catalog.WORKER_API,
                        ApiEvents.request(
                                "POST /worker/assignments/{id}",
                                Map.of("id", assignment),
                                JobDriver.classifierAnswer("cat"),
                                "worker-" + w),
                        routes);
                assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
            }
        }
        for (JsonNode chunk : selected.get("chunks")) {
            step(
                    new GatherAnswersHandler(services),
                    Catalog.GATHER_ANSWERS,
                    Json.object().put("chunk", chunk.asInt()));
        }
        step(new EstimateWorkersHandler(services), Catalog.ESTIMATE_WORKERS, Json.object());
        var results = Json.array();
        for (JsonNode chunk : selected.get("chunks")) {
            results.add(step(
                    new ConsolidateChunkHandler(services),
                    Catalog.CONSOLIDATE,
                    Json.object().put("chunk", chunk.asInt())));
        }
        var write = Json.object();
        write.set("results", results);
        step(new WriteOutputHandler(services), Catalog.WRITE_OUTPUT, write);

        JsonNode reply = LambdaEntry.invoke(
                requester,
                Catalog.REQUESTER_API,
                ApiEvents.request("GET /jobs/{name}/cost", Map.of("name", JOB), null, "requester-1"));
        ApiContract.conforming(
                ApiEvents.request("GET /jobs/{name}/cost", Map.of("name", JOB), null, "requester-1"), reply);
        assertThat(ApiEvents.status(reply)).as(reply.toString()).isEqualTo(200);
        JsonNode cost = ApiEvents.body(reply);

        // One API Gateway request per HTTP invocation, by route; one Lambda invocation per step and request.
        routes.forEach((route, calls) ->
                assertThat(count(cost, "ApiGateway", route)).as(route).isEqualTo(calls.longValue()));
        assertThat(routes).containsEntry("POST /worker/assignments/{id}", OBJECTS * WORKERS);
        assertThat(function(cost, "worker-api").get("invocations").asInt()).isEqualTo(2 * OBJECTS * WORKERS);
        assertThat(function(cost, "prepare-dataset").get("invocations").asInt()).isEqualTo(1);
        assertThat(function(cost, "write-output").get("invocations").asInt()).isEqualTo(1);
        for (JsonNode f : cost.get("functions")) {
            assertThat(f.get("gbSeconds").asDouble()).as(f.toString()).isPositive();
        }
        // The requests the handlers made: a message per required answer, each deleted when answered; each object's
        // answers written to S3 in one file; the table read and written, each invocation's own count stored with one
        // UpdateItem more.
        assertThat(count(cost, "Sqs", "SendMessageBatch") + count(cost, "Sqs", "SendMessage"))
                .isPositive();
        assertThat(count(cost, "Sqs", "ReceiveMessage")).isGreaterThanOrEqualTo(OBJECTS * WORKERS);
        assertThat(count(cost, "Sqs", "DeleteMessage")).isEqualTo(OBJECTS * WORKERS);
        assertThat(count(cost, "S3", "PutObject")).isGreaterThanOrEqualTo(OBJECTS);
        assertThat(count(cost, "DynamoDb", "GetItem")).isPositive();
        int invocations = 0;
        for (JsonNode f : cost.get("functions")) {
            invocations += f.get("invocations").asInt();
        }
        assertThat(count(cost, "DynamoDb", "UpdateItem")).isGreaterThan(invocations);
        assertThat(service(cost, "DynamoDB").get("units").asDouble()).isPositive();
        assertThat(service(cost, "S3").get("dollars").asDouble()).isPositive();
        // The state transitions are the execution's own history's (here no engine runs it: the test is the engine).
        long entered = sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events().stream()
                .filter(e -> e.typeAsString().endsWith("StateEntered"))
                .count();
        assertThat(cost.get("stateTransitions").asLong()).isEqualTo(entered);

        // The dollars add up: services to the total, functions to Lambda's, the total over the objects labeled.
        double services = 0;
        for (JsonNode s : cost.get("services")) {
            services += s.get("dollars").asDouble();
        }
        assertThat(cost.get("totalDollars").asDouble()).isPositive().isCloseTo(services, within(1e-15));
        double lambda = 0;
        for (JsonNode f : cost.get("functions")) {
            lambda += f.get("dollars").asDouble();
        }
        assertThat(service(cost, "Lambda").get("dollars").asDouble()).isCloseTo(lambda, within(1e-15));
        assertThat(cost.get("objects").asInt()).isEqualTo(OBJECTS);
        assertThat(cost.get("dollarsPerObject").asDouble())
                .isCloseTo(cost.get("totalDollars").asDouble() / OBJECTS, within(1e-15));
        assertThat(cost.at("/prices/checkedOn").asText()).isEqualTo("2026-12-07");

        // Each function's counts are one item under 1 KB: storing an invocation's is one write unit.
        var items = dynamo.query(b -> b.tableName(System.getProperty(Catalog.ENV_TABLE))
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :usage)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS("JOB#" + JOB), ":usage", AttributeValue.fromS("#USAGE#"))))
                .items();
        assertThat(items).hasSizeGreaterThanOrEqualTo(8);
        for (Map<String, AttributeValue> item : items) {
            int bytes = 0;
            for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                AttributeValue value = attribute.getValue();
                bytes += attribute.getKey().length()
                        + (value.s() != null ? value.s().length() : value.n().length());
            }
            assertThat(bytes).as(item.get("sk").s()).isLessThan(1024);
        }

        // Asking costs too: the reply just given is counted on the next.
        JsonNode again = ApiEvents.body(LambdaEntry.invoke(
                requester,
                Catalog.REQUESTER_API,
                ApiEvents.request("GET /jobs/{name}/cost", Map.of("name", JOB), null, "requester-1")));
        assertThat(count(again, "ApiGateway", "GET /jobs/{name}/cost")).isEqualTo(1);
    }

    @Test
    void theCostOfAJobThatDoesNotExistIsNotFoundAndChargesNoOne() throws Exception {
        RequesterApiHandler requester = new RequesterApiHandler(services);

        JsonNode reply = LambdaEntry.invoke(
                requester,
                Catalog.REQUESTER_API,
                ApiEvents.request("GET /jobs/{name}/cost", Map.of("name", "no-such-job"), null, "requester-1"));

        assertThat(ApiEvents.status(reply)).isEqualTo(404);
        assertThat(services.usage.get("no-such-job").requests()).isEmpty();
    }

    @Test
    void aWorkerMayNotReadAJobsCost() throws Exception {
        JsonNode reply = LambdaEntry.invoke(
                new RequesterApiHandler(services),
                Catalog.REQUESTER_API,
                ApiEvents.request(
                        "GET /jobs/{name}/cost", Map.of("name", "someone-elses"), null, "worker-1", "[workers]"));

        assertThat(ApiEvents.status(reply)).isEqualTo(403);
    }

    private static JsonNode http(HttpHandler handler, String function, JsonNode event, Map<String, Integer> routes)
            throws Exception {
        routes.merge(event.get("routeKey").asText(), 1, Integer::sum);
        return LambdaEntry.invoke(handler, function, event);
    }

    private static JsonNode step(JsonHandler handler, String function, ObjectNode input) throws Exception {
        return LambdaEntry.invoke(handler, function, input.put("jobName", JOB));
    }

    private static long count(JsonNode cost, String service, String operation) {
        return StreamSupport.stream(cost.get("requests").spliterator(), false)
                .filter(r -> r.get("service").asText().equals(service)
                        && r.get("operation").asText().equals(operation))
                .mapToLong(r -> r.get("count").asLong())
                .sum();
    }

    private static JsonNode function(JsonNode cost, String name) {
        return StreamSupport.stream(cost.get("functions").spliterator(), false)
                .filter(f -> f.get("function").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name + " in " + cost));
    }

    private static JsonNode service(JsonNode cost, String name) {
        return StreamSupport.stream(cost.get("services").spliterator(), false)
                .filter(s -> s.get("service").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name + " in " + cost));
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }
}
