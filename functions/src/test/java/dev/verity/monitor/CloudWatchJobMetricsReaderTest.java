package dev.verity.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The CloudWatch adapter's GetMetricData requests and its reading of the answers, against a stand-in HTTP server that
 * records them and answers canned pages: no CloudWatch endpoint is reachable here, so this checks the request's shape
 * (botocore's {@code cloudwatch/2010-08-01} JSON protocol) and signing, not CloudWatch's reply to it.
 */
class CloudWatchJobMetricsReaderTest {

    private record Recorded(Map<String, List<String>> headers, JsonNode body) {}

    private HttpServer server;
    private final ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(Map.copyOf(exchange.getRequestHeaders()), Json.parse(body)));
            String answer = answers.poll();
            byte[] out =
                    (answer == null ? "{\"__type\":\"InternalFailure\"}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(answer == null ? 500 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CloudWatchJobMetricsReader reader() {
        return new CloudWatchJobMetricsReader(
                UrlConnectionHttpClient.create(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    }

    private static String header(Recorded r, String name) {
        return r.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    @Test
    void getMetricDataAsksForTheSumCountAndMaximumOfEveryMetricWithTheJobsTwoDimensionsSignedForMonitoring() {
        int accepted = JobMetric.TasksAccepted.ordinal();
        int spent = JobMetric.TimeSpent.ordinal();
        answers.add("""
                {"MetricDataResults": [
                  {"Id": "sm%1$d", "Timestamps": [1796650000, 1796736400], "Values": [5.0, 2.0], "StatusCode": "Complete"},
                  {"Id": "sc%1$d", "Timestamps": [1796650000, 1796736400], "Values": [3.0, 1.0], "StatusCode": "Complete"},
                  {"Id": "mx%1$d", "Timestamps": [1796650000, 1796736400], "Values": [2.0, 2.0], "StatusCode": "Complete"}],
                 "NextToken": "page-2"}
                """.formatted(accepted));
        answers.add("""
                {"MetricDataResults": [
                  {"Id": "sm%1$d", "Timestamps": [1796650000], "Values": [90.0], "StatusCode": "Complete"},
                  {"Id": "sc%1$d", "Timestamps": [1796650000], "Values": [4.0], "StatusCode": "Complete"},
                  {"Id": "mx%1$d", "Timestamps": [1796650000], "Values": [40.0], "StatusCode": "Complete"}]}
                """.formatted(spent));
        Instant from = Instant.parse("2026-12-07T10:00:00Z");
        Instant to = Instant.parse("2026-12-08T10:00:00Z");

        Map<JobMetric, MetricTotal> totals = reader().totals("cats", "labelers", from, to);

        List<Recorded> calls = new ArrayList<>(requests);
        assertThat(calls).hasSize(2);
        Recorded first = calls.get(0);
        assertThat(header(first, "X-Amz-Target")).isEqualTo("GraniteServiceVersion20100801.GetMetricData");
        assertThat(header(first, "Content-Type")).isEqualTo("application/x-amz-json-1.0");
        assertThat(header(first, "Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/monitoring/aws4_request");
        JsonNode body = first.body();
        assertThat(body.path("StartTime").asLong()).isEqualTo(from.getEpochSecond());
        assertThat(body.path("EndTime").asLong()).isEqualTo(to.getEpochSecond());
        assertThat(body.path("MetricDataQueries")).hasSize(3 * JobMetric.values().length);
        assertThat(body.path("MetricDataQueries").get(3 * accepted)).isEqualTo(Json.parse("""
                {"Id": "sm%d", "ReturnData": true, "MetricStat": {
                  "Metric": {"Namespace": "Verity", "MetricName": "TasksAccepted", "Dimensions": [
                    {"Name": "LabelingJobName", "Value": "cats"}, {"Name": "Workteam", "Value": "labelers"}]},
                  "Period": 86400, "Stat": "Sum"}}
                """.formatted(accepted)));
        List<String> stats = new ArrayList<>();
        body.path("MetricDataQueries")
                .forEach(q -> stats.add(q.path("MetricStat").path("Stat").asText()));
        assertThat(stats.subList(0, 3)).containsExactly("Sum", "SampleCount", "Maximum");
        assertThat(body.has("NextToken")).isFalse();
        assertThat(calls.get(1).body().path("NextToken").asText()).isEqualTo("page-2");

        assertThat(totals.get(JobMetric.TasksAccepted)).isEqualTo(new MetricTotal(JobMetric.TasksAccepted, 7, 4, 2));
        assertThat(totals.get(JobMetric.TimeSpent).average()).isEqualTo(22.5);
        assertThat(totals.get(JobMetric.TasksDeclined)).isEqualTo(MetricTotal.none(JobMetric.TasksDeclined));
    }

    @Test
    void aRefusalIsAnErrorNamingTheStatusAndTheServicesAnswer() {
        assertThatThrownBy(() -> reader().totals("cats", "labelers", Instant.EPOCH, Instant.EPOCH.plusSeconds(60)))
                .hasMessageContaining("500")
                .hasMessageContaining("InternalFailure");
    }
}
