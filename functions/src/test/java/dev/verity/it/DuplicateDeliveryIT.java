package dev.verity.it;

import static dev.verity.it.JobDriver.classifierAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import dev.verity.handler.StartJobFromS3Handler;
import dev.verity.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * At-least-once delivery, everywhere at once: the job request's S3 event, every workflow step (as Step Functions
 * retries it), every task message and every worker's submit come twice. The job's output is the one it has when
 * each comes once.
 */
@ExtendWith(EmulatorsExtension.class)
class DuplicateDeliveryIT {

    private static final int OBJECTS = 12;
    private static final int WORKERS_PER_OBJECT = 2;
    private static final List<String> WORKERS = List.of("w1", "w2", "w3");

    private final Services services = new Services(Environment.current());
    private final AwsClients clients = new AwsClients(Environment.current());
    private final S3Client s3 = clients.s3();

    @Test
    void everyEventMessageStepAndSubmitDeliveredTwiceGivesTheOutputOfOneDelivery(Emulators emulators) throws Exception {
        JobDriver once = JobDriver.imageJob(
                        services, s3, "deliveries", "delivered-once", OBJECTS, WORKERS_PER_OBJECT, r -> {})
                .dispatch(emulators, clients.sfn());
        answerEverything(once, false);
        once.finish();

        JobDriver twice = uploadedTwice("delivered-twice");
        twice.prepareAndSelect().prepareAndSelect();
        twice.dispatch(emulators, clients.sfn(), 0);
        twice.dispatch(emulators, clients.sfn(), 0);
        duplicateEveryTaskMessage("delivered-twice");
        answerEverything(twice, true);
        twice.finish();
        twice.finish();

        assertThat(output("delivered-twice")).isEqualTo(output("delivered-once"));
        JsonNode counters = ApiEvents.body(
                        twice.requester("GET /jobs/{name}", Map.of("name", "delivered-twice"), (JsonNode) null))
                .get("LabelCounters");
        assertThat(counters.get("TotalLabeled").asInt()).isEqualTo(OBJECTS);
        assertThat(counters.get("HumanLabeled").asInt()).isEqualTo(OBJECTS);
    }

    /** The once-delivered job's twin (its own images' names), uploaded to jobs/ and its S3 event handled twice. */
    private JobDriver uploadedTwice(String job) throws IOException {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < OBJECTS; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/deliveries/")
                    .append(job)
                    .append('-')
                    .append(i)
                    .append(".jpg\"}\n");
        }
        put("deliveries/" + job + ".manifest", manifest.toString());
        ObjectNode request = JobDriver.request(
                job,
                "animal",
                "deliveries/" + job + ".manifest",
                "deliveries/categories.json",
                "ImageMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                WORKERS_PER_OBJECT);
        request.remove("LabelingJobName"); // taken from the file name
        put("jobs/" + job + ".json", Json.write(request));
        JsonNode event = SampleEvents.load("sqs-s3-job-request.json");
        ((ObjectNode) event.get("Records").get(0))
                .put(
                        "body",
                        event.at("/Records/0/body")
                                .asText()
                                .replace("jobs/uploaded-job.json", "jobs/" + job + ".json"));
        StartJobFromS3Handler intake = new StartJobFromS3Handler(services);
        assertThat(intake.handle(event, null).get("batchItemFailures")).isEmpty();
        assertThat(intake.handle(event, null).get("batchItemFailures")).isEmpty();
        return new JobDriver(services, job);
    }

    private void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    /** Sends a copy of every task message in the job's queue, as SQS may deliver one twice. */
    private void duplicateEveryTaskMessage(String job) {
        SqsClient sqs = clients.sqs();
        String url = sqs.getQueueUrl(b -> b.queueName(System.getProperty(Catalog.ENV_TASK_QUEUE_PREFIX) + job))
                .queueUrl();
        Map<String, String> bodies = new LinkedHashMap<>();
        for (int round = 0; round < 50 && bodies.size() < OBJECTS * WORKERS_PER_OBJECT; round++) {
            for (Message m : sqs.receiveMessage(
                            b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages()) {
                bodies.put(m.messageId(), m.body());
            }
        }
        assertThat(bodies).hasSize(OBJECTS * WORKERS_PER_OBJECT);
        bodies.values().forEach(body -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)));
    }

    /**
     * The first two workers each answer every object (one slot each), so both jobs get the same answers whatever
     * order SQS hands the tasks out in; a worker's label depends on the object and the worker only. A poll may find no
     * task for the worker while slots of objects they answered are what the queue returns, so each polls on (bounded)
     * until they answered every object. The third worker then finds nothing. With {@code twice}, every submit is sent
     * again.
     */
    private static void answerEverything(JobDriver job, boolean twice) throws IOException {
        for (String worker : WORKERS.subList(0, WORKERS_PER_OBJECT)) {
            int answered = 0;
            for (int poll = 0; poll < OBJECTS * 20 && answered < OBJECTS; poll++) {
                JsonNode next = job.next(worker);
                if (ApiEvents.status(next) == 204) {
                    continue;
                }
                JsonNode task = ApiEvents.body(next);
                int object = Integer.parseInt(task.get("datasetObjectId").asText());
                String label = (object + WORKERS.indexOf(worker)) % 3 == 0 ? "dog" : "cat";
                Map<String, String> id = Map.of("id", task.get("assignmentId").asText());
                assertThat(ApiEvents.status(
                                job.worker("POST /worker/assignments/{id}", id, classifierAnswer(label), worker)))
                        .isEqualTo(200);
                if (twice) {
                    assertThat(ApiEvents.status(
                                    job.worker("POST /worker/assignments/{id}", id, classifierAnswer(label), worker)))
                            .isEqualTo(200);
                }
                answered++;
            }
            assertThat(answered).as(worker + " answered every object").isEqualTo(OBJECTS);
        }
        assertThat(ApiEvents.status(job.next(WORKERS.get(WORKERS_PER_OBJECT)))).isEqualTo(204);
    }

    /** The output manifest's lines without what names the job or the time (the two jobs differ only there). */
    private List<String> output(String job) {
        String manifest = s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET)
                        .key("jobs-output/" + job + "/manifests/output/output.manifest"))
                .asUtf8String();
        List<String> lines = new ArrayList<>();
        for (String line : manifest.lines().toList()) {
            lines.add(line.replace(job, "JOB").replaceAll("\"creation-date\":\"[^\"]*\"", "\"creation-date\":\"\""));
        }
        return lines;
    }
}
