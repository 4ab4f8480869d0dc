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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Polling for tasks, however often, never loses one. */
@ExtendWith(EmulatorsExtension.class)
class TaskPollingIT {

    @Test
    void aTaskReceivedAndGivenBackHundredsOfTimesIsStillHandedToTheNextWorker(Emulators emulators) throws Exception {
        Services services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        S3Client s3 = clients.s3();
        SfnClient sfn = clients.sfn();
        JobDriver job = JobDriver.imageJob(services, s3, "polling", "polled-often", 1, 2, r -> {})
                .dispatch(emulators, sfn);

        // w1 answers one of the object's two tasks; each poll after that receives the other, which w1 may not take,
        // and gives it back: well over the 100 receives after which a redrive policy would have moved it to a
        // dead-letter queue.
        JsonNode first = ApiEvents.body(job.next("w1"));
        assertThat(ApiEvents.status(job.worker(
                        "POST /worker/assignments/{id}",
                        Map.of("id", first.get("assignmentId").asText()),
                        classifierAnswer("cat"),
                        "w1")))
                .isEqualTo(200);
        for (int poll = 0; poll < 80; poll++) {
            assertThat(ApiEvents.status(job.next("w1"))).isEqualTo(204);
        }

        JsonNode other = job.next("w2");
        assertThat(ApiEvents.status(other)).as(other.toString()).isEqualTo(200);
        assertThat(ApiEvents.body(other).get("datasetObjectId").asText())
                .isEqualTo(first.get("datasetObjectId").asText());
        assertThat(ApiEvents.status(job.worker(
                        "POST /worker/assignments/{id}",
                        Map.of("id", ApiEvents.body(other).get("assignmentId").asText()),
                        classifierAnswer("cat"),
                        "w2")))
                .isEqualTo(200);
        if (emulators.isEmbedded()) {
            assertThat(emulators.states().taskResults())
                    .filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }
    }

    @Test
    void aWorkerAskingBeforeTheJobsQueueExistsIsToldThereIsNoTaskYet(Emulators emulators) throws Exception {
        Services services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        JobDriver job = JobDriver.imageJob(services, clients.s3(), "polling", "queue-not-there", 2, 1, r -> {})
                .dispatch(emulators, clients.sfn());
        // As between dispatch recording its task token and creating the queue: the job waits for workers, no queue.
        SqsClient sqs = clients.sqs();
        sqs.deleteQueue(b -> b.queueUrl(
                sqs.getQueueUrl(q -> q.queueName(System.getProperty(Catalog.ENV_TASK_QUEUE_PREFIX) + "queue-not-there"))
                        .queueUrl()));

        JsonNode next = job.next("w1");

        assertThat(ApiEvents.status(next)).as(next.toString()).isEqualTo(204);
    }
}
