package dev.verity.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import dev.verity.store.DynamoJobStore;
import dev.verity.store.JobStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MaxConcurrentTaskCount bounds the objects open to workers at once, as Ground Truth does; tasks lost between
 * counting them sent and sending them are sent again. Through the real handlers and embedded services.
 */
@ExtendWith(EmulatorsExtension.class)
class TaskWindowTest {

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;
    private static JobStore store;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
        store = new DynamoJobStore(clients.dynamoDb(), System.getProperty(Catalog.ENV_TABLE));
        put("window/categories.json", "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},"
                + "{\"label\":\"dog\"}]}");
    }

    @Test
    void onlyMaxConcurrentTaskCountObjectsAreOpenAndEachCompletedOneLetsTheNextIn(Emulators emulators)
            throws Exception {
        JobDriver job = job("window-of-two", 5, 2).dispatch(emulators, sfn);

        JsonNode first = ApiEvents.body(job.next("w1"));
        JsonNode second = ApiEvents.body(job.next("w2"));
        assertThat(List.of(first.get("datasetObjectId").asText(), second.get("datasetObjectId").asText()))
                .containsExactlyInAnyOrder("0", "1");
        assertThat(ApiEvents.status(job.next("w3"))).as("two objects are open, both taken").isEqualTo(204);

        submit(job, first, "w1");
        JsonNode third = ApiEvents.body(job.next("w3"));
        assertThat(third.get("datasetObjectId").asText()).isEqualTo("2");

        List<String> answered = new ArrayList<>(List.of("0"));
        submit(job, second, "w2");
        submit(job, third, "w3");
        answered.addAll(List.of("1", "2"));
        for (JsonNode next = job.next("w1"); ApiEvents.status(next) == 200; next = job.next("w1")) {
            submit(job, ApiEvents.body(next), "w1");
            answered.add(ApiEvents.body(next).get("datasetObjectId").asText());
        }
        assertThat(answered).containsExactly("0", "1", "2", "3", "4");
        if (emulators.isEmbedded()) {
            assertThat(emulators.states().taskResults()).filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }
    }

    @Test
    void tasksLostBetweenCountingThemSentAndSendingThemAreSentAgainWhenTheQueueRunsDry(Emulators emulators)
            throws Exception {
        JobDriver job = job("window-lost-send", 3, 1).dispatch(emulators, sfn);
        // A sender counted object 1 sent and died before sending it.
        assertThat(store.advanceSent(job.job, 1, 1, 2)).isTrue();

        JsonNode first = ApiEvents.body(job.next("w1"));
        assertThat(first.get("datasetObjectId").asText()).isEqualTo("0");
        submit(job, first, "w1");

        // The lost object holds the one open slot and nothing is in the queue: the worker who finds nothing makes
        // the job send its task again, and the next call gets it; answering it lets the last object in.
        assertThat(ApiEvents.status(job.next("w2"))).isEqualTo(204);
        JsonNode lost = ApiEvents.body(job.next("w2"));
        assertThat(lost.get("datasetObjectId").asText()).isEqualTo("1");
        submit(job, lost, "w2");
        JsonNode last = ApiEvents.body(job.next("w1"));
        assertThat(last.get("datasetObjectId").asText()).isEqualTo("2");
        submit(job, last, "w1");
        if (emulators.isEmbedded()) {
            assertThat(emulators.states().taskResults()).filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }
    }

    private static JobDriver job(String name, int objects, int window) throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/window/").append(name).append('-').append(i)
                    .append(".jpg\"}\n");
        }
        put("window/" + name + ".manifest", manifest.toString());
        ObjectNode request = JobDriver.request(name, "animal", "window/" + name + ".manifest",
                "window/categories.json", "ImageMultiClass", "private-crowd/workers", 1);
        request.with("HumanTaskConfig").put("MaxConcurrentTaskCount", window);
        return new JobDriver(services, name).createAndSelect(request);
    }

    private static void submit(JobDriver job, JsonNode task, String worker) throws Exception {
        ObjectNode body = Json.object();
        body.putObject("answerContent").putObject("crowd-image-classifier").put("label", "cat");
        JsonNode response = job.worker("POST /worker/assignments/{id}", Map.of("id",
                task.get("assignmentId").asText()), body, worker);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }
}
