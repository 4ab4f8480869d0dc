package dev.verity.emulators.mturk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in's two sides over HTTP, as a requester program and a worker's browser meet them. */
class MechanicalTurkStandInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SIGNED =
            "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/mturk-requester/aws4_request, "
                    + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc";

    private static MechanicalTurkStandIn standIn;

    @BeforeAll
    static void start() {
        standIn = MechanicalTurkStandIn.start();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    private static HttpResponse<String> call(String operation, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(standIn.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", MechanicalTurkStandIn.TARGET_PREFIX + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createHit(String token) throws Exception {
        String question = "<ExternalQuestion xmlns=\\\"http://mechanicalturk.amazonaws.com/AWSMechanicalTurkData"
                + "Schemas/2006-07-14/ExternalQuestion.xsd\\\"><ExternalURL>https://verity.test/mturk.html?job=j"
                + "&amp;object=3</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>";
        HttpResponse<String> created = call(
                "CreateHIT",
                "{\"MaxAssignments\":1,\"LifetimeInSeconds\":600,\"AssignmentDurationInSeconds\":60,\"Reward\":\"0.05\","
                        + "\"Title\":\"t\",\"Description\":\"d\",\"Question\":\"" + question
                        + "\",\"UniqueRequestToken\":\"" + token + "\"}",
                SIGNED);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return JSON.readTree(created.body()).at("/HIT/HITId").asText();
    }

    @Test
    void anUnsignedRequestIsRefusedAndRecordedAsSuch() throws Exception {
        HttpResponse<String> refused = call("GetAccountBalance", "{}", null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("MissingAuthenticationTokenException");
        RecordedRequest recorded = standIn.requests("GetAccountBalance").get(0);
        assertThat(recorded.signedForMechanicalTurk()).isFalse();
    }

    @Test
    void aRewardWithAFractionOfACentIsARequestError() throws Exception {
        HttpResponse<String> refused = call(
                "CreateHIT",
                "{\"LifetimeInSeconds\":60,\"AssignmentDurationInSeconds\":60,\"Reward\":\"0.012\",\"Title\":\"t\","
                        + "\"Description\":\"d\",\"Question\":\"<ExternalQuestion/>\"}",
                SIGNED);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.get("__type").asText()).endsWith("#RequestError");
        assertThat(error.get("Message").asText()).contains("Reward 0.012");
    }

    @Test
    void acceptingFramesTheTaskPageWithMechanicalTurksParametersAndTheFormSubmitsTheAssignment() throws Exception {
        String hitId = createHit("stand-in-accept");

        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(standIn.acceptPage(hitId, "A1WORKER")).build(),
                HttpResponse.BodyHandlers.ofString());

        Matcher frame = Pattern.compile("<iframe id=\"task\" name=\"task\" src=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(frame.find()).as(page.body()).isTrue();
        String src = frame.group(1).replace("&amp;", "&");
        StandInAssignment accepted = standIn.assignments().stream()
                .filter(a -> a.hitId().equals(hitId))
                .findFirst()
                .orElseThrow();
        assertThat(src)
                .isEqualTo("https://verity.test/mturk.html?job=j&object=3&assignmentId=" + accepted.assignmentId()
                        + "&hitId=" + hitId + "&turkSubmitTo="
                        + java.net.URLEncoder.encode(standIn.endpoint().toString(), StandardCharsets.UTF_8)
                        + "&workerId=A1WORKER");
        assertThat(URLDecoder.decode(src, StandardCharsets.UTF_8)).contains("turkSubmitTo=" + standIn.endpoint());
        // Before the worker submits, the requester API does not show the assignment.
        assertThat(call("GetAssignment", "{\"AssignmentId\":\"" + accepted.assignmentId() + "\"}", SIGNED)
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<String> submitted = HTTP.send(
                HttpRequest.newBuilder(standIn.endpoint().resolve("/mturk/externalSubmit"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "assignmentId=" + accepted.assignmentId() + "&answer=%7B%22label%22%3A%22cat%22%7D"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = HTTP.send(
                HttpRequest.newBuilder(standIn.endpoint().resolve("/mturk/externalSubmit"))
                        .POST(HttpRequest.BodyPublishers.ofString("assignmentId=" + accepted.assignmentId()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).contains("id=\"submitted\"");
        assertThat(again.statusCode()).isEqualTo(400);
        JsonNode shown =
                JSON.readTree(call("GetAssignment", "{\"AssignmentId\":\"" + accepted.assignmentId() + "\"}", SIGNED)
                        .body());
        assertThat(shown.at("/Assignment/AssignmentStatus").asText()).isEqualTo("Submitted");
        assertThat(shown.at("/Assignment/WorkerId").asText()).isEqualTo("A1WORKER");
        assertThat(shown.at("/Assignment/Answer").asText())
                .contains("QuestionFormAnswers.xsd")
                .contains("<QuestionIdentifier>answer</QuestionIdentifier>")
                .doesNotContain("<QuestionIdentifier>assignmentId</QuestionIdentifier>");
        HttpResponse<String> dashboard = HTTP.send(
                HttpRequest.newBuilder(URI.create(standIn.endpoint() + "/worker/dashboard?workerId=A1WORKER"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.body()).contains(accepted.assignmentId(), "<td class=\"status\">Submitted</td>");
    }

    @Test
    void aWorkerTakesAHitOnceAndAFullHitTakesNoOne() throws Exception {
        String hitId = createHit("stand-in-full");
        StandInAssignment first = standIn.accept(hitId, "A1ONE");

        assertThat(standIn.accept(hitId, "A1ONE")).isEqualTo(first);
        HttpResponse<String> refused = HTTP.send(
                HttpRequest.newBuilder(standIn.acceptPage(hitId, "A2TWO")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("cannot be accepted now (Unassignable)");
    }
}
