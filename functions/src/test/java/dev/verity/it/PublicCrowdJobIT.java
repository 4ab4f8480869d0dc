package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.crowd.BotocoreModel;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.emulators.mturk.MechanicalTurkStandIn;
import dev.verity.emulators.mturk.RecordedRequest;
import dev.verity.emulators.mturk.StandInAssignment;
import dev.verity.handler.CrowdApiHandler;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A public-crowd job through the real handlers, the embedded AWS services and the Mechanical Turk stand-in (reached
 * through the adapter's HTTP client, as the real service would be): its objects become HITs, workers who accepted
 * them answer through the task page's routes, each answer is recorded once, and after consolidation their assignments
 * are approved. And the refusals: a request Ground Truth's public-crowd rules refuse, a forged HIT, worker or
 * assignment.
 */
@ExtendWith(EmulatorsExtension.class)
class PublicCrowdJobIT {

    private static final String WEB = "https://verity.test/";
    private static final List<String> SETTINGS =
            List.of(Catalog.ENV_MTURK_ENDPOINT, Catalog.ENV_MTURK_WORKER_URL, Catalog.ENV_WEB_URL);

    private static MechanicalTurkStandIn standIn;
    private static Services services;
    private static CrowdApiHandler crowd;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        standIn = MechanicalTurkStandIn.start();
        System.setProperty(Catalog.ENV_MTURK_ENDPOINT, standIn.endpoint().toString());
        System.setProperty(Catalog.ENV_MTURK_WORKER_URL, standIn.endpoint().toString());
        System.setProperty(Catalog.ENV_WEB_URL, WEB);
        services = new Services(Environment.current());
        crowd = new CrowdApiHandler(services);
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
    }

    @AfterAll
    static void tearDown() {
        SETTINGS.forEach(System::clearProperty);
        standIn.close();
    }

    /** The request of {@link JobDriver#imageJob} sent to the public crowd at 0.12 USD a task, for an hour. */
    private static Consumer<ObjectNode> publicCrowd(Consumer<ObjectNode> more) {
        return request -> {
            ObjectNode human = request.with("HumanTaskConfig");
            human.put("WorkteamArn", JobDriver.workteamArn("public-crowd/default"));
            human.put("TaskAvailabilityLifetimeInSeconds", 3600);
            human.putArray("TaskKeywords").add("animals").add("image classification");
            human.putObject("PublicWorkforceTaskPrice").putObject("AmountInUsd").put("Cents", 12);
            request.with("InputConfig")
                    .putObject("DataAttributes")
                    .putArray("ContentClassifiers")
                    .add("FreeOfPersonallyIdentifiableInformation");
            more.accept(request);
        };
    }

    private static JobDriver publicJob(Emulators emulators, String name, int objects, int workers) throws Exception {
        return JobDriver.imageJob(services, s3, "crowd", name, objects, workers, publicCrowd(r -> {}))
                .dispatch(emulators, sfn);
    }

    private static JsonNode hitOf(String job, int object) {
        return standIn.hits().stream()
                .filter(h -> h.path("Question").asText().contains("job=" + job + "&amp;object=" + object + "<"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no HIT for object " + object + " of " + job));
    }

    /** The query Mechanical Turk gives the task page it frames for the assignment. */
    private static Map<String, String> frameQuery(StandInAssignment assignment) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair :
                standIn.taskUrl(assignment.assignmentId()).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** A call of the page's public route, as API Gateway passes one without an authorizer. */
    private static JsonNode page(String routeKey, Map<String, String> query, JsonNode body) {
        Map<String, String> path = Map.of("name", query.get("job"), "id", query.get("object"));
        ObjectNode event = ApiEvents.request(routeKey, path, body, "unused");
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        Map<String, String> params = new LinkedHashMap<>(query);
        params.remove("job");
        params.remove("object");
        ObjectNode request = params.isEmpty() ? event : ApiEvents.withQuery(event, params);
        return ApiContract.conforming(request, crowd.handle(request, null));
    }

    private static JsonNode task(Map<String, String> frame) {
        return page("GET /mturk/jobs/{name}/objects/{id}/task", frame, null);
    }

    /** What the task page posts to Verity before posting to Mechanical Turk. */
    private static JsonNode answer(Map<String, String> frame, String label) {
        ObjectNode body = Json.object()
                .put("hitId", frame.get("hitId"))
                .put("assignmentId", frame.get("assignmentId"))
                .put("workerId", frame.get("workerId"));
        body.set("answerContent", JobDriver.classifierAnswer(label).get("answerContent"));
        return page("POST /mturk/jobs/{name}/objects/{id}/answers", frame, body);
    }

    /** The worker accepts the object's HIT, the page shows the task, takes the answer, and posts it to the site. */
    private static StandInAssignment work(String job, int object, String workerId, String label) {
        StandInAssignment accepted =
                standIn.accept(hitOf(job, object).path("HITId").asText(), workerId);
        Map<String, String> frame = frameQuery(accepted);
        JsonNode shown = task(frame);
        assertThat(ApiEvents.status(shown)).as(shown.toString()).isEqualTo(200);
        JsonNode recorded = answer(frame, label);
        assertThat(ApiEvents.status(recorded)).as(recorded.toString()).isEqualTo(200);
        URI submitTo = URI.create(ApiEvents.body(recorded).get("submitUrl").asText());
        assertThat(submitTo).isEqualTo(standIn.endpoint().resolve("/mturk/externalSubmit"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("assignmentId", frame.get("assignmentId"));
        form.put("answer", Json.write(JobDriver.classifierAnswer(label).get("answerContent")));
        return standIn.submit(accepted.assignmentId(), form);
    }

    @Test
    void aPublicCrowdJobsHitsAreAnsweredOnceThroughTheTaskPageAndApprovedAfterConsolidation(Emulators emulators)
            throws Exception {
        JobDriver job = publicJob(emulators, "crowd-paid", 2, 2);

        List<RecordedRequest> created = standIn.requests("CreateHIT").stream()
                .filter(r -> r.body().path("RequesterAnnotation").asText().startsWith("verity:crowd-paid/"))
                .toList();
        assertThat(created).hasSize(2);
        for (int object = 0; object < 2; object++) {
            JsonNode hit = hitOf(job.job, object);
            RecordedRequest call = created.stream()
                    .filter(c -> c.body()
                            .path("Question")
                            .asText()
                            .equals(hit.path("Question").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(call.signedForMechanicalTurk()).isTrue();
            assertThat(BotocoreModel.inputProblems("CreateHIT", call.body())).isEmpty();
            ObjectNode expected = (ObjectNode) Json.parse("""
                    {"MaxAssignments": 2, "LifetimeInSeconds": 3600, "AssignmentDurationInSeconds": 300,
                     "Reward": "0.12", "Title": "Label it", "Description": "Choose the right label",
                     "Keywords": "animals,image classification", "RequesterAnnotation": "verity:crowd-paid/%d"}
                    """.formatted(object));
            expected.put(
                    "Question",
                    "<ExternalQuestion xmlns=\"http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/"
                            + "2006-07-14/ExternalQuestion.xsd\"><ExternalURL>" + WEB
                            + "mturk.html?job=crowd-paid&amp;object=" + object
                            + "</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>");
            expected.put(
                    "UniqueRequestToken", call.body().path("UniqueRequestToken").asText());
            assertThat(call.body()).isEqualTo(expected);
            assertThat(call.body().path("UniqueRequestToken").asText()).matches("verity-[0-9a-f]{56}");
        }

        StandInAssignment alice0 = work(job.job, 0, "A1ALICE", "cat");
        // The page posts again (a double click, a retry): nothing more is recorded.
        JsonNode again = answer(frameQuery(alice0), "dog");
        assertThat(ApiEvents.status(again)).isEqualTo(200);
        StandInAssignment bob0 = work(job.job, 0, "A2BOB", "cat");
        StandInAssignment alice1 = work(job.job, 1, "A1ALICE", "dog");
        StandInAssignment bob1 = work(job.job, 1, "A2BOB", "dog");

        JsonNode answers = ApiEvents.body(job.requester(
                "GET /jobs/{name}/objects/{id}/answers", Map.of("name", job.job, "id", "0"), (JsonNode) null));
        assertThat(answers.get("answers")).hasSize(2);
        assertThat(answers.get("answers").findValuesAsText("workerId")).containsExactlyInAnyOrder("A1ALICE", "A2BOB");
        assertThat(Json.write(answers)).doesNotContain("\"dog\"");
        assertThat(standIn.requests("ApproveAssignment")).isEmpty();

        JsonNode written = job.finish();

        assertThat(written.get("status").asText()).isEqualTo("Completed");
        List<String> approvedIds = standIn.requests("ApproveAssignment").stream()
                .map(r -> r.body().path("AssignmentId").asText())
                .toList();
        assertThat(approvedIds)
                .containsExactlyInAnyOrder(
                        alice0.assignmentId(), bob0.assignmentId(), alice1.assignmentId(), bob1.assignmentId());
        for (StandInAssignment a : List.of(alice0, bob0, alice1, bob1)) {
            assertThat(standIn.assignment(a.assignmentId()).orElseThrow().status())
                    .isEqualTo("Approved");
        }
        standIn.requests("ApproveAssignment")
                .forEach(r -> assertThat(BotocoreModel.inputProblems("ApproveAssignment", r.body()))
                        .isEmpty());
        JsonNode described =
                ApiEvents.body(job.requester("GET /jobs/{name}", Map.of("name", job.job), (JsonNode) null));
        assertThat(described.at("/LabelCounters/HumanLabeled").asInt()).isEqualTo(2);
    }

    @Test
    void aPublicCrowdRequestWithoutAPriceOrThePersonalInformationClassifierIsRefusedNamingTheField() throws Exception {
        ObjectNode noPrice = JobDriver.request(
                "crowd-no-price",
                "animal",
                "crowd/none.manifest",
                "crowd/categories.json",
                "ImageMultiClass",
                "public-crowd/default",
                1);
        publicCrowd(r -> r.with("HumanTaskConfig").remove("PublicWorkforceTaskPrice"))
                .accept(noPrice);
        ObjectNode noClassifier = noPrice.deepCopy();
        publicCrowd(r -> r.with("InputConfig").remove("DataAttributes")).accept(noClassifier);

        JsonNode refusedPrice = new JobDriver(services, "crowd-no-price").requester("POST /jobs", Map.of(), noPrice);
        JsonNode refusedClassifier =
                new JobDriver(services, "crowd-no-price").requester("POST /jobs", Map.of(), noClassifier);

        assertThat(ApiEvents.status(refusedPrice)).isEqualTo(400);
        assertThat(ApiEvents.body(refusedPrice).get("message").asText())
                .contains("HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd", "is required for the public crowd");
        assertThat(ApiEvents.status(refusedClassifier)).isEqualTo(400);
        assertThat(ApiEvents.body(refusedClassifier).get("message").asText())
                .contains("InputConfig.DataAttributes.ContentClassifiers", "FreeOfPersonallyIdentifiableInformation");
        assertThat(standIn.requests("CreateHIT").stream()
                        .filter(r -> r.body().toString().contains("crowd-no-price")))
                .isEmpty();
    }

    @Test
    void forgedHitsWorkersAndAssignmentsGetAClearRefusalAndRecordNothing(Emulators emulators) throws Exception {
        JobDriver job = publicJob(emulators, "crowd-forged", 2, 2);
        StandInAssignment alice = standIn.accept(hitOf(job.job, 0).path("HITId").asText(), "A1ALICE");
        Map<String, String> frame = frameQuery(alice);

        // Another object's HIT.
        Map<String, String> otherHit = new LinkedHashMap<>(frame);
        otherHit.put("hitId", hitOf(job.job, 1).path("HITId").asText());
        JsonNode wrongHit = answer(otherHit, "cat");
        assertThat(ApiEvents.status(wrongHit)).isEqualTo(403);
        assertThat(ApiEvents.body(wrongHit).get("message").asText()).contains("is not the HIT of object 0");

        // Alice submitted on Mechanical Turk; someone posts her assignment as theirs.
        standIn.submit(alice.assignmentId(), Map.of("answer", "{}"));
        Map<String, String> forged = new LinkedHashMap<>(frame);
        forged.put("workerId", "A9MALLORY");
        JsonNode forgedWorker = answer(forged, "dog");
        assertThat(ApiEvents.status(forgedWorker)).isEqualTo(403);
        assertThat(ApiEvents.body(forgedWorker).get("message").asText())
                .isEqualTo("assignment " + alice.assignmentId() + " is worker A1ALICE's, not worker A9MALLORY's");
        assertThat(ApiEvents.status(task(forged))).isEqualTo(403);

        // An assignment answered for one worker, posted again for another (before Mechanical Turk shows it).
        StandInAssignment bob = standIn.accept(hitOf(job.job, 1).path("HITId").asText(), "A2BOB");
        Map<String, String> bobFrame = frameQuery(bob);
        assertThat(ApiEvents.status(answer(bobFrame, "cat"))).isEqualTo(200);
        Map<String, String> stolen = new LinkedHashMap<>(bobFrame);
        stolen.put("workerId", "A9MALLORY");
        JsonNode stolenAssignment = answer(stolen, "dog");
        assertThat(ApiEvents.status(stolenAssignment)).isEqualTo(403);
        assertThat(ApiEvents.body(stolenAssignment).get("message").asText())
                .contains("was answered by worker A2BOB for object 1, not by worker A9MALLORY");

        // Not ids at all, and a submit site that is not Mechanical Turk's.
        Map<String, String> garbage = new LinkedHashMap<>(frame);
        garbage.put("hitId", "<script>");
        garbage.put("workerId", "mallory");
        garbage.put("turkSubmitTo", "https://evil.example");
        JsonNode malformed = task(garbage);
        assertThat(ApiEvents.status(malformed)).isEqualTo(400);
        assertThat(ApiEvents.body(malformed).get("message").asText()).contains("hitId", "workerId", "turkSubmitTo");

        assertThat(new JobDriverAnswers(job).count("0")).isZero();
        assertThat(new JobDriverAnswers(job).count("1")).isEqualTo(1);
    }

    @Test
    void theSampleEventOfTheAnswerRouteReachesTheCrowdApiWhichNamesItsPlaceholderIds() {
        JsonNode refused = crowd.handle(SampleEvents.load("api-crowd-answer.json"), null);

        assertThat(ApiEvents.status(refused)).isEqualTo(400);
        assertThat(ApiEvents.body(refused).get("message").asText())
                .contains("hitId: must be a Mechanical Turk HIT id, got \"REPLACE-WITH-HIT-ID\"")
                .contains("assignmentId: must be a Mechanical Turk assignment id");
    }

    /** How many answers the requester sees for an object of the job. */
    private record JobDriverAnswers(JobDriver job) {
        int count(String objectId) throws Exception {
            return ApiEvents.body(job.requester(
                            "GET /jobs/{name}/objects/{id}/answers", Map.of("name", job.job, "id", objectId), (JsonNode)
                                    null))
                    .get("answers")
                    .size();
        }
    }
}
