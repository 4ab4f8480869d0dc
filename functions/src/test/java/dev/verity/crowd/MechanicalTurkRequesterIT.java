package dev.verity.crowd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.mturk.MechanicalTurkStandIn;
import dev.verity.emulators.mturk.RecordedRequest;
import dev.verity.emulators.mturk.StandInAssignment;
import dev.verity.json.Json;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The Mechanical Turk adapter against the local stand-in, through the SDK's HTTP client: the requests it sends are
 * what botocore's model of the requester API says they must be, signed for {@code mturk-requester}; and it reads the
 * service's answers and refusals as the service gives them.
 */
class MechanicalTurkRequesterIT {

    private static MechanicalTurkStandIn standIn;
    private static MechanicalTurkRequester requester;

    @BeforeAll
    static void start() {
        standIn = MechanicalTurkStandIn.start();
        requester = new MechanicalTurkRequester(
                UrlConnectionHttpClient.create(),
                standIn.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    private static NewHit hit(String token) {
        return new NewHit(
                "Label the animal",
                "Choose cat or dog",
                "animals,image classification",
                "0.12",
                3,
                300,
                21_600,
                ExternalQuestion.of(URI.create("https://verity.example/mturk.html?job=animals&object=7")),
                token,
                "verity:animals/7");
    }

    private static RecordedRequest last(String operation) {
        var calls = standIn.requests(operation);
        assertThat(calls).as("%s calls", operation).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    @Test
    void createHitSendsTheHitAsBotocoresModelDescribesItSignedForMechanicalTurk() {
        Hit created = requester.createHit(hit("token-create-1"));

        RecordedRequest call = last("CreateHIT");
        assertThat(call.body()).isEqualTo(Json.parse("""
                        {"MaxAssignments": 3, "LifetimeInSeconds": 21600, "AssignmentDurationInSeconds": 300,
                         "Reward": "0.12", "Title": "Label the animal", "Description": "Choose cat or dog",
                         "Question": "<ExternalQuestion xmlns=\\"http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd\\"><ExternalURL>https://verity.example/mturk.html?job=animals&amp;object=7</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>",
                         "UniqueRequestToken": "token-create-1", "Keywords": "animals,image classification",
                         "RequesterAnnotation": "verity:animals/7"}
                        """));
        assertThat(BotocoreModel.inputProblems("CreateHIT", call.body())).isEmpty();
        assertThat(call.signedForMechanicalTurk()).as(call.authorization()).isTrue();
        assertThat(call.contentType()).isEqualTo("application/x-amz-json-" + BotocoreModel.jsonVersion());
        assertThat(MechanicalTurkRequester.TARGET_PREFIX).isEqualTo(BotocoreModel.targetPrefix() + ".");
        assertThat(MechanicalTurkRequester.SIGNING_NAME).isEqualTo(BotocoreModel.signingName());
        assertThat(created.hitId()).matches("[A-Z0-9]{30}");
        assertThat(created.maxAssignments()).isEqualTo(3);
        assertThat(created.status()).isEqualTo("Assignable");
    }

    @Test
    void aRetriedCreateHitWithTheSameTokenAnswersTheFirstHitAndCreatesNoSecond() {
        Hit first = requester.createHit(hit("token-retry-1"));
        int hits = standIn.hits().size();

        Hit again = requester.createHit(hit("token-retry-1"));

        assertThat(again.hitId()).isEqualTo(first.hitId());
        assertThat(standIn.hits()).hasSize(hits);
        assertThat(last("GetHIT").body()).isEqualTo(Json.object().put("HITId", first.hitId()));
        assertThat(BotocoreModel.inputProblems("GetHIT", last("GetHIT").body())).isEmpty();
    }

    @Test
    void anAssignmentIsUnseenWhileItsWorkerWorksAndSeenWithTheAnswerOnceSubmitted() {
        Hit hit = requester.createHit(hit("token-assignment-1"));
        StandInAssignment accepted = standIn.accept(hit.hitId(), "A1WORKERONE");

        assertThat(requester.assignment(accepted.assignmentId())).isEmpty();
        assertThat(requester.assignment("3NOSUCHASSIGNMENT")).isEmpty();
        assertThat(BotocoreModel.inputProblems(
                        "GetAssignment", last("GetAssignment").body()))
                .isEmpty();

        Map<String, String> form = new LinkedHashMap<>();
        form.put("assignmentId", accepted.assignmentId());
        form.put("answer", "{\"label\":\"cat\"}");
        standIn.submit(accepted.assignmentId(), form);

        CrowdAssignment submitted =
                requester.assignment(accepted.assignmentId()).orElseThrow();
        assertThat(submitted.hitId()).isEqualTo(hit.hitId());
        assertThat(submitted.workerId()).isEqualTo("A1WORKERONE");
        assertThat(submitted.status()).isEqualTo("Submitted");
        assertThat(submitted.answer())
                .contains("<QuestionIdentifier>answer</QuestionIdentifier>")
                .contains("<FreeText>{&quot;label&quot;:&quot;cat&quot;}</FreeText>");
    }

    @Test
    void approvingPaysASubmittedAssignmentOnceAndARepeatIsNoError() {
        Hit hit = requester.createHit(hit("token-approve-1"));
        StandInAssignment accepted = standIn.accept(hit.hitId(), "A2WORKERTWO");
        standIn.submit(accepted.assignmentId(), Map.of("answer", "{}"));

        assertThat(requester.approve(accepted.assignmentId(), "Thank you")).isTrue();
        assertThat(requester.approve(accepted.assignmentId(), "Thank you")).isFalse();

        assertThat(standIn.assignment(accepted.assignmentId()).orElseThrow().status())
                .isEqualTo("Approved");
        JsonNode approval = standIn.requests("ApproveAssignment").stream()
                .filter(r -> r.body().path("AssignmentId").asText().equals(accepted.assignmentId()))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(approval)
                .isEqualTo(Json.object()
                        .put("AssignmentId", accepted.assignmentId())
                        .put("RequesterFeedback", "Thank you"));
        assertThat(BotocoreModel.inputProblems("ApproveAssignment", approval)).isEmpty();
    }

    @Test
    void approvingAnAssignmentNoWorkerSubmittedIsRefusedWithTheServicesReason() {
        Hit hit = requester.createHit(hit("token-approve-2"));
        StandInAssignment accepted = standIn.accept(hit.hitId(), "A3WORKERTHREE");

        assertThatThrownBy(() -> requester.approve(accepted.assignmentId(), null))
                .isInstanceOf(CrowdMarketplaceException.class)
                .hasMessageContaining("ApproveAssignment failed (HTTP 400, RequestError)")
                .hasMessageContaining("can be called with a status of: Submitted");
        assertThatThrownBy(() -> requester.approve("3NOSUCHASSIGNMENT", null))
                .isInstanceOf(CrowdMarketplaceException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void expiringAHitEndsItsAvailabilityAtOnce() {
        Hit hit = requester.createHit(hit("token-expire-1"));

        requester.expire(hit.hitId());

        JsonNode update = last("UpdateExpirationForHIT").body();
        assertThat(update.path("HITId").asText()).isEqualTo(hit.hitId());
        assertThat(BotocoreModel.inputProblems("UpdateExpirationForHIT", update))
                .isEmpty();
        assertThatThrownBy(() -> standIn.accept(hit.hitId(), "A4WORKERFOUR"))
                .hasMessageContaining("cannot be accepted now (Reviewable)");
    }

    @Test
    void theAccountBalanceIsReadWithAnEmptySignedRequest() {
        assertThat(requester.availableBalance()).isEqualTo("10000.00");
        assertThat(last("GetAccountBalance").body()).isEqualTo(Json.object());
        assertThat(last("GetAccountBalance").signedForMechanicalTurk()).isTrue();
    }

    @Test
    void theModelCheckNamesWhatBotocoreWouldRefuse() {
        JsonNode bad = Json.parse("""
                {"Reward": "0.012", "Title": "t", "Description": "d", "LifetimeInSeconds": 60,
                 "AssignmentDurationInSeconds": "300", "UniqueRequestToken": "%s", "Colour": "red"}
                """.formatted("x".repeat(65)));

        assertThat(BotocoreModel.inputProblems("CreateHIT", bad))
                .containsExactlyInAnyOrder(
                        "CreateHIT.Reward = \"0.012\" does not match ^[0-9]+(\\.)?[0-9]{0,2}$",
                        "CreateHIT.AssignmentDurationInSeconds must be a whole number (Long), got \"300\"",
                        "CreateHIT.UniqueRequestToken is 65 characters long, above the maximum 64",
                        "CreateHIT.Colour is not a member of CreateHITRequest");
    }
}
