package dev.verity.emulators.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recording EventBridge answers PutEvents as EventBridge does and keeps what it accepted. */
class EventBridgeEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/events/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0";

    private final EventBridgeEmulator bus = EventBridgeEmulator.start("us-east-1");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void acceptedEntriesAreRecordedInOrderAndABadEntryFailsAlone() throws Exception {
        JsonNode answer = post("AWSEvents.PutEvents", SIGNED, """
                {"Entries": [
                  {"Source": "verity", "DetailType": "Verity Labeling Job State Change",
                   "Detail": "{\\"LabelingJobName\\": \\"a\\"}", "Resources": ["arn:x"]},
                  {"Source": "verity", "DetailType": "t", "Detail": "[1]"},
                  {"Source": "verity", "DetailType": "t", "Detail": "{}", "EventBusName": "elsewhere"},
                  {"DetailType": "t", "Detail": "{}"},
                  {"Source": "verity", "DetailType": "t", "Detail": "{\\"n\\": 2}",
                   "EventBusName": "arn:aws:events:us-east-1:000000000000:event-bus/default"}
                ]}
                """);

        assertThat(answer.get("FailedEntryCount").asInt()).isEqualTo(3);
        JsonNode entries = answer.get("Entries");
        assertThat(entries).hasSize(5);
        assertThat(entries.get(0).has("EventId")).isTrue();
        assertThat(entries.get(1).get("ErrorCode").asText()).isEqualTo("InvalidArgument");
        assertThat(entries.get(2).get("ErrorMessage").asText()).contains("elsewhere");
        assertThat(entries.get(3).get("ErrorMessage").asText()).contains("Source");
        assertThat(bus.events()).hasSize(2);
        RecordedEvent first = bus.events().get(0);
        assertThat(first.id()).isEqualTo(entries.get(0).get("EventId").asText());
        assertThat(first.source()).isEqualTo("verity");
        assertThat(first.detailType()).isEqualTo("Verity Labeling Job State Change");
        assertThat(first.detail().get("LabelingJobName").asText()).isEqualTo("a");
        assertThat(first.resources()).containsExactly("arn:x");
        assertThat(first.eventBusName()).isEqualTo("default");
        assertThat(bus.events().get(1).detail().get("n").asInt()).isEqualTo(2);
    }

    @Test
    void unsignedRequestsOtherOperationsAndEmptyCallsAreRefused() throws Exception {
        HttpResponse<String> unsigned = send("AWSEvents.PutEvents", null, "{\"Entries\": []}");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
        HttpResponse<String> other = send("AWSEvents.PutRule", SIGNED, "{}");
        assertThat(other.body()).contains("UnknownOperationException");
        HttpResponse<String> empty = send("AWSEvents.PutEvents", SIGNED, "{\"Entries\": []}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("ValidationException");
        assertThat(bus.events()).isEmpty();
    }

    private JsonNode post(String target, String authorization, String body) throws Exception {
        HttpResponse<String> response = send(target, authorization, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String target, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bus.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
