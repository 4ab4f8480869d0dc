package dev.verity.it;

import static dev.verity.it.JobDriver.classifierAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import dev.verity.store.DynamoJobStore;
import dev.verity.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * MaxConcurrentTaskCount bounds the objects open to workers at once, as Ground Truth does; tasks lost between
 * counting them sent and sending them are sent again. Through the real handlers and embedded services.
 */
@ExtendWith(EmulatorsExtension.class)
class TaskWindowIT {

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
    }

    @Test
    void onlyMaxConcurrentTaskCountObjectsAreOpenAndEachCompletedOneLetsTheNextIn(Emulators emulators)
            throws Exception {
        JobDriver job = JobDriver.imageJob(
                        services,
                        s3,
                        "window",
                        "window-of-two",
                        5,
                        1,
                        r -> r.with("HumanTaskConfig").put("MaxConcurrentTaskCount", 2))
                .dispatch(emulators, sfn);

        JsonNode first = ApiEvents.body(job.next("w1"));
        JsonNode second = ApiEvents.body(job.next("w2"));
        assertThat(List.of(
                        first.get("datasetObjectId").asText(),
                        second.get("datasetObjectId").asText()))
                .containsExactlyInAnyOrder("0", "1");
        assertThat(ApiEvents.status(job.next("w3")))
                .as("two objects are open, both taken")
                .isEqualTo(204);

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
            assertThat(emulators.states().taskResults())
                    .filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }
    }

    @Test
    void tasksLostBetweenCountingThemSentAndSendingThemAreSentAgainWhenTheQueueRunsDry(Emulators emulators)
            throws Exception {
        JobDriver job = JobDriver.imageJob(
                        services,
                        s3,
                        "window",
                        "window-lost-send",
                        3,
                        1,
                        r -> r.with("HumanTaskConfig").put("MaxConcurrentTaskCount", 1))
                .dispatch(emulators, sfn);
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
            assertThat(emulators.states().taskResults())
                    .filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }
    }

    private static void submit(JobDriver job, JsonNode task, String worker) throws Exception {
        JsonNode response = job.worker(
                "POST /worker/assignments/{id}",
                Map.of("id", task.get("assignmentId").asText()),
                classifierAnswer("cat"),
                worker);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
    }
}
