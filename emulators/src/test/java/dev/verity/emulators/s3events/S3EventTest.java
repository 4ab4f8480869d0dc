package dev.verity.emulators.s3events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keysAreFormEncodedExceptForSlashes() {
        assertThat(S3Event.encodeKey("red flower.jpg")).isEqualTo("red+flower.jpg");
        assertThat(S3Event.encodeKey("jobs/job-1/manifest.json")).isEqualTo("jobs/job-1/manifest.json");
        assertThat(S3Event.encodeKey("this im + age.txt")).isEqualTo("this+im+%2B+age.txt");
        assertThat(S3Event.encodeKey("dt=2018-05-04/10:47:07.log")).isEqualTo("dt%3D2018-05-04/10%3A47%3A07.log");
        assertThat(S3Event.encodeKey("bilder/grüße ü.png")).isEqualTo("bilder/gr%C3%BC%C3%9Fe+%C3%BC.png");
        assertThat(S3Event.encodeKey("日本.txt")).isEqualTo("%E6%97%A5%E6%9C%AC.txt");
    }

    @Test
    void eventTimeAlwaysHasMilliseconds() throws Exception {
        S3Event event = new S3Event(
                "eu-west-1",
                "ObjectCreated:Put",
                Instant.parse("2024-01-02T03:04:05Z"),
                "b",
                "k",
                3L,
                "abc",
                "00000000000000000A",
                "REQ",
                "HOST");
        JsonNode record = JSON.readTree(event.toJson("cfg")).path("Records").path(0);
        assertThat(record.path("eventTime").asText()).isEqualTo("2024-01-02T03:04:05.000Z");
        assertThat(record.path("awsRegion").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void removalsCarryNeitherSizeNorETag() throws Exception {
        S3Event event = new S3Event(
                "us-east-1",
                "ObjectRemoved:Delete",
                Instant.now(),
                "b",
                "a b",
                null,
                null,
                "00000000000000000B",
                "REQ",
                "HOST");
        JsonNode object = JSON.readTree(event.toJson("cfg"))
                .path("Records")
                .path(0)
                .path("s3")
                .path("object");
        assertThat(object.fieldNames()).toIterable().containsExactly("key", "sequencer");
        assertThat(object.path("key").asText()).isEqualTo("a+b");
    }

    @Test
    void testEventHasS3sShape() throws Exception {
        JsonNode event =
                JSON.readTree(S3Event.testEventJson("bkt", Instant.parse("2014-10-13T15:57:02.089Z"), "R", "H"));
        assertThat(event.fieldNames())
                .toIterable()
                .containsExactly("Service", "Event", "Time", "Bucket", "RequestId", "HostId");
        assertThat(event.path("Service").asText()).isEqualTo("Amazon S3");
        assertThat(event.path("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(event.path("Time").asText()).isEqualTo("2014-10-13T15:57:02.089Z");
        assertThat(event.path("Bucket").asText()).isEqualTo("bkt");
    }
}
