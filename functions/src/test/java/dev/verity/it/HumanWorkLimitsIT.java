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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Where human work stops: an answer after its task's time limit, claims and answers once consolidation has begun, and
 * a batch whose last completion was cut in half by a crash. Through the real handlers and embedded services.
 */
@ExtendWith(EmulatorsExtension.class)
class HumanWorkLimitsIT {

    private static final MovableClock CLOCK = new MovableClock();
    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current(), CLOCK);
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
        dynamo = clients.dynamoDb();
    }

    @Test
    void anAnswerAfterTheTaskTimeLimitIsRefusedWithTheReasonAndNotCounted(Emulators emulators) throws Exception {
        JobDriver job = JobDriver.imageJob(services, s3, "limits", "late-answer", 1, 1, r -> {})
                .dispatch(emulators, sfn);
        JsonNode task = ApiEvents.body(job.next("w1"));
        String assignment = task.get("assignmentId").asText();

        CLOCK.advance(Duration.ofSeconds(301)); // the request's TaskTimeLimitInSeconds is 300
        try {
            JsonNode late = job.worker(
                    "POST /worker/assignments/{id}", Map.of("id", assignment), classifierAnswer("cat"), "w1");
            assertThat(ApiEvents.status(late)).as(late.toString()).isEqualTo(409);
            assertThat(ApiEvents.body(late).get("message").asText())
                    .contains("time limit for this task (300 s)")
                    .contains("not recorded");
        } finally {
            CLOCK.advance(Duration.ofSeconds(-301));
        }
        assertThat(openJobs(job)).anySatisfy(open -> {
            assertThat(open.get("jobName").asText()).isEqualTo(job.job);
            assertThat(open.get("objectsRemaining").asInt()).isEqualTo(1);
        });
        JsonNode answers = ApiEvents.body(job.requester(
                "GET /jobs/{name}/objects/{id}/answers",
                Map.of("name", job.job, "id", task.get("datasetObjectId").asText()),
                (JsonNode) null));
        assertThat(answers.get("answers")).isEmpty();
    }

    @Test
    void onceConsolidationBeginsNoTaskIsHandedOutAndALateAnswerIsRefusedWithTheReason(Emulators emulators)
            throws Exception {
        JobDriver job = JobDriver.imageJob(services, s3, "limits", "after-human-work", 2, 1, r -> {})
                .dispatch(emulators, sfn);
        JsonNode held = ApiEvents.body(job.next("w1"));

        // The task lifetime ran out: the workflow moves on to consolidation with one object unanswered.
        job.estimateWorkers();

        JsonNode late = job.worker(
                "POST /worker/assignments/{id}",
                Map.of("id", held.get("assignmentId").asText()),
                classifierAnswer("dog"),
                "w1");
        assertThat(ApiEvents.status(late)).as(late.toString()).isEqualTo(409);
        assertThat(ApiEvents.body(late).get("message").asText())
                .contains("human work on this task ended")
                .contains("not recorded");
        assertThat(ApiEvents.status(job.next("w2"))).isEqualTo(204);
        assertThat(openJobs(job))
                .filteredOn(open -> open.get("jobName").asText().equals(job.job))
                .singleElement()
                .satisfies(
                        open -> assertThat(open.get("objectsRemaining").asInt()).isZero());
    }

    @Test
    void aBatchWhoseLastCompletionWasCutShortByACrashStillResumesTheWorkflow(Emulators emulators) throws Exception {
        JobDriver job = JobDriver.imageJob(services, s3, "limits", "crash-between-writes", 2, 1, r -> {})
                .dispatch(emulators, sfn);
        // Completing an object is two writes: the object's mark, then the job's count. Object 1's last answer
        // crashed between them: marked, never counted, and nobody retried it.
        dynamo.updateItem(b -> b.tableName(System.getProperty(Catalog.ENV_TABLE))
                .key(Map.of(
                        "pk", AttributeValue.fromS("JOB#" + job.job), "sk", AttributeValue.fromS("OBJ#000000000001")))
                .updateExpression("SET counted = :yes, countedBatch = :batch")
                .expressionAttributeValues(
                        Map.of(":yes", AttributeValue.fromBool(true), ":batch", AttributeValue.fromN("1"))));

        // The other object is answered as usual; its task is the only one handed out.
        JsonNode task = ApiEvents.body(job.next("w1"));
        assertThat(task.get("datasetObjectId").asText()).isEqualTo("0");
        assertThat(ApiEvents.status(job.worker(
                        "POST /worker/assignments/{id}",
                        Map.of("id", task.get("assignmentId").asText()),
                        classifierAnswer("cat"),
                        "w1")))
                .isEqualTo(200);

        // The job's count is one short, so no answer resumed the workflow; a worker finding nothing to do makes the
        // job recount its objects, and the workflow moves on.
        assertThat(ApiEvents.status(job.next("w2"))).isEqualTo(204);
        if (emulators.isEmbedded()) {
            assertThat(emulators.states().taskResults())
                    .filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }
        // A second worker finding nothing within the interval does not recount again.
        assertThat(ApiEvents.status(job.next("w3"))).isEqualTo(204);
        if (emulators.isEmbedded()) {
            assertThat(emulators.states().taskResults())
                    .filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }
    }

    @Test
    void aWorkerHoldsOneTaskOfAJobAtATimeAndAsksForItAgainAfterAReload(Emulators emulators) throws Exception {
        JobDriver job = JobDriver.imageJob(services, s3, "limits", "one-at-a-time", 3, 1, r -> {})
                .dispatch(emulators, sfn);
        JsonNode held = ApiEvents.body(job.next("w1"));

        // Asking again (a reloaded page) gives the same task, not a second one hidden from the others.
        JsonNode again = ApiEvents.body(job.next("w1"));
        assertThat(again.get("assignmentId").asText())
                .isEqualTo(held.get("assignmentId").asText());
        JsonNode other = ApiEvents.body(job.next("w2"));
        assertThat(other.get("datasetObjectId").asText())
                .isNotEqualTo(held.get("datasetObjectId").asText());

        // Once it is answered (or released, or declined), the worker takes the next.
        assertThat(ApiEvents.status(job.worker(
                        "POST /worker/assignments/{id}",
                        Map.of("id", held.get("assignmentId").asText()),
                        classifierAnswer("cat"),
                        "w1")))
                .isEqualTo(200);
        JsonNode next = ApiEvents.body(job.next("w1"));
        assertThat(next.get("datasetObjectId").asText())
                .isNotIn(
                        held.get("datasetObjectId").asText(),
                        other.get("datasetObjectId").asText());
        assertThat(ApiEvents.status(job.worker(
                        "POST /worker/assignments/{id}/release",
                        Map.of("id", next.get("assignmentId").asText()),
                        null,
                        "w1")))
                .isEqualTo(200);
        assertThat(ApiEvents.body(job.next("w1")).get("datasetObjectId").asText())
                .isEqualTo(next.get("datasetObjectId").asText());
    }

    /** The worker portal's list of jobs with work. */
    private static JsonNode openJobs(JobDriver job) throws Exception {
        return ApiEvents.body(job.worker("GET /worker/jobs", Map.of(), null, "w9"))
                .get("jobs");
    }

    /** The system clock, moved on by a test to see what a deadline does. */
    private static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
