package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Declining tasks, team gating and the requester group, through the real handlers and embedded services. */
@ExtendWith(EmulatorsExtension.class)
class WorkerApiDeclineIT {

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
                "decline/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"}," + "{\"label\":\"dog\"}]}");
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static JobDriver job(String name, String workteam, int objects, int workersPerObject) throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/decline/")
                    .append(name)
                    .append('-')
                    .append(i)
                    .append(".jpg\"}\n");
        }
        put("decline/" + name + ".manifest", manifest.toString());
        return new JobDriver(services, name)
                .createAndSelect(JobDriver.request(
                        name,
                        "animal",
                        "decline/" + name + ".manifest",
                        "decline/categories.json",
                        "ImageMultiClass",
                        workteam,
                        workersPerObject));
    }

    private static ObjectNode answer(String label) {
        ObjectNode body = Json.object();
        body.putObject("answerContent").putObject("crowd-image-classifier").put("label", label);
        return body;
    }

    @Test
    void anObjectEveryWorkerDeclinedIsCompleteWithoutAnswersAndTheJobFinishes(Emulators emulators) throws Exception {
        JobDriver job = job("decline-all", "private-crowd/Everyone-in-private-workforce", 2, 2)
                .dispatch(emulators, sfn);

        JsonNode first = ApiEvents.body(job.next("w1"));
        String declinedObject = first.get("datasetObjectId").asText();
        String declined = first.get("assignmentId").asText();
        JsonNode decline = job.worker("POST /worker/assignments/{id}/decline", Map.of("id", declined), null, "w1");
        assertThat(ApiEvents.status(decline)).as(decline.toString()).isEqualTo(200);
        assertThat(ApiEvents.body(decline).get("declines").asInt()).isEqualTo(1);
        assertThat(ApiEvents.body(decline).get("objectComplete").asBoolean()).isFalse();
        // Declining again changes nothing.
        JsonNode again = job.worker("POST /worker/assignments/{id}/decline", Map.of("id", declined), null, "w1");
        assertThat(ApiEvents.status(again)).isEqualTo(200);
        assertThat(ApiEvents.body(again).get("declines").asInt()).isEqualTo(1);
        // A declined task takes no answer, and is not someone else's to decline.
        JsonNode late = job.worker("POST /worker/assignments/{id}", Map.of("id", declined), answer("cat"), "w1");
        assertThat(ApiEvents.status(late)).isEqualTo(409);
        assertThat(ApiEvents.body(late).get("message").asText()).contains("declined");
        assertThat(ApiEvents.status(
                        job.worker("POST /worker/assignments/{id}/decline", Map.of("id", declined), null, "w2")))
                .isEqualTo(403);

        // The worker never gets the declined object again: their next task is the other one, which they answer.
        JsonNode second = ApiEvents.body(job.next("w1"));
        assertThat(second.get("datasetObjectId").asText()).isNotEqualTo(declinedObject);
        String answered = second.get("assignmentId").asText();
        assertThat(ApiEvents.status(
                        job.worker("POST /worker/assignments/{id}", Map.of("id", answered), answer("dog"), "w1")))
                .isEqualTo(200);
        assertThat(ApiEvents.status(job.next("w1"))).isEqualTo(204);
        // A submitted task cannot be declined.
        JsonNode refused = job.worker("POST /worker/assignments/{id}/decline", Map.of("id", answered), null, "w1");
        assertThat(ApiEvents.status(refused)).isEqualTo(409);
        assertThat(ApiEvents.body(refused).get("message").asText()).contains("submitted");

        // The second worker declines the same object (its last slot) and answers the other.
        Set<String> seen = new HashSet<>();
        for (JsonNode next = job.next("w2"); ApiEvents.status(next) == 200; next = job.next("w2")) {
            JsonNode task = ApiEvents.body(next);
            String object = task.get("datasetObjectId").asText();
            assertThat(seen.add(object)).isTrue();
            if (object.equals(declinedObject)) {
                JsonNode last = job.worker(
                        "POST /worker/assignments/{id}/decline",
                        Map.of("id", task.get("assignmentId").asText()),
                        null,
                        "w2");
                assertThat(ApiEvents.body(last).get("declines").asInt()).isEqualTo(2);
                assertThat(ApiEvents.body(last).get("objectComplete").asBoolean())
                        .isTrue();
            } else {
                assertThat(ApiEvents.status(job.worker(
                                "POST /worker/assignments/{id}",
                                Map.of("id", task.get("assignmentId").asText()),
                                answer("dog"),
                                "w2")))
                        .isEqualTo(200);
            }
        }
        assertThat(seen).hasSize(2);
        // Nothing is left for anyone: the declined object's other message is dropped, not handed out.
        assertThat(ApiEvents.status(job.next("w3"))).isEqualTo(204);
        JsonNode progress = ApiEvents.body(job.requester("GET /jobs/{name}", Map.of("name", job.job), (JsonNode) null));
        // Ground Truth's counting: the object every worker declined is not labeled, and cannot be in this job
        assertThat(progress.at("/LabelCounters/HumanLabeled").asInt()).isEqualTo(1);
        assertThat(progress.at("/LabelCounters/FailedNonRetryableError").asInt())
                .isEqualTo(1);
        assertThat(progress.at("/LabelCounters/Unlabeled").asInt()).isZero();
        if (emulators.isEmbedded()) {
            assertThat(emulators.states().taskResults())
                    .filteredOn(r -> r.taskToken().equals(job.taskToken))
                    .hasSize(1);
        }

        // The output: the declined object unlabeled, the other labeled "dog" by both workers.
        assertThat(job.finish().get("status").asText()).isEqualTo("Completed");
        JsonNode page = ApiEvents.body(
                job.requester("GET /jobs/{name}/objects", Map.of("name", job.job), Map.of("annotatedBy", "human")));
        assertThat(page.get("objects")).hasSize(1);
        assertThat(page.get("objects").get(0).get("datasetObjectId").asText()).isNotEqualTo(declinedObject);
        assertThat(page.get("objects").get(0).at("/metadata/class-name").asText())
                .isEqualTo("dog");
        JsonNode none = ApiEvents.body(job.requester(
                "GET /jobs/{name}/objects/{id}/answers", Map.of("name", job.job, "id", declinedObject), (JsonNode)
                        null));
        assertThat(none.get("answers")).isEmpty();
    }

    @Test
    void privateTeamJobsAreOpenOnlyToTheTeamsMembers(Emulators emulators) throws Exception {
        JobDriver.ensureTeam(services, "annotators", "annotators");
        JobDriver team = job("team-only", "private-crowd/annotators", 1, 1).dispatch(emulators, sfn);
        JobDriver open = job("open-to-all", "private-crowd/Everyone-in-private-workforce", 1, 1)
                .dispatch(emulators, sfn);

        JsonNode outsiderJobs = ApiEvents.body(team.workers.handle(
                ApiEvents.request("GET /worker/jobs", Map.of(), null, "outsider", "[workers]"), null));
        assertThat(outsiderJobs.get("jobs").findValuesAsText("jobName"))
                .contains("open-to-all")
                .doesNotContain("team-only");
        JsonNode refused = team.workers.handle(
                ApiEvents.request(
                        "POST /worker/jobs/{name}/tasks/next",
                        Map.of("name", "team-only"),
                        null,
                        "outsider",
                        "[workers]"),
                null);
        assertThat(ApiEvents.status(refused)).isEqualTo(403);
        assertThat(ApiEvents.body(refused).get("message").asText()).contains("team-only", "'annotators'", "workers");

        JsonNode memberJobs = ApiEvents.body(team.workers.handle(
                ApiEvents.request("GET /worker/jobs", Map.of(), null, "member", "[workers annotators]"), null));
        JsonNode listed = null;
        for (JsonNode j : memberJobs.get("jobs")) {
            if (j.get("jobName").asText().equals("team-only")) {
                listed = j;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("taskType").asText()).isEqualTo("ImageMultiClass");
        assertThat(listed.get("taskTimeLimitInSeconds").asInt()).isEqualTo(300);
        assertThat(listed.get("workersPerObject").asInt()).isEqualTo(1);
        assertThat(listed.get("objectsRemaining").asInt()).isEqualTo(1);
        assertThat(ApiEvents.status(team.workers.handle(
                        ApiEvents.request(
                                "POST /worker/jobs/{name}/tasks/next",
                                Map.of("name", "team-only"),
                                null,
                                "member",
                                "[workers annotators]"),
                        null)))
                .isEqualTo(200);
        // The default team's job is open to every worker of the private workforce, whatever their other groups.
        assertThat(ApiEvents.status(open.workers.handle(
                        ApiEvents.request(
                                "POST /worker/jobs/{name}/tasks/next",
                                Map.of("name", "open-to-all"),
                                null,
                                "anyone",
                                "[workers]"),
                        null)))
                .isEqualTo(200);
    }

    @Test
    void aWorkersTokenCannotUseTheRequesterRoutes() throws Exception {
        JobDriver driver = new JobDriver(services, "never-created");
        ObjectNode request = JobDriver.request(
                "never-created",
                "animal",
                "decline/none.manifest",
                "decline/categories.json",
                "ImageMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                1);
        for (String route : new String[] {"POST /jobs", "GET /jobs", "POST /uploads", "POST /datasets/manifest"}) {
            JsonNode refused =
                    driver.requester.handle(ApiEvents.request(route, Map.of(), request, "w1", "[workers]"), null);
            assertThat(ApiEvents.status(refused)).as(route).isEqualTo(403);
            assertThat(ApiEvents.body(refused).get("error").asText()).isEqualTo("Forbidden");
            assertThat(ApiEvents.body(refused).get("message").asText()).contains("'requesters'", route);
        }
        JsonNode stop = driver.requester.handle(
                ApiEvents.request("POST /jobs/{name}/stop", Map.of("name", "never-created"), null, "w1", null), null);
        assertThat(ApiEvents.status(stop)).isEqualTo(403);
    }
}
