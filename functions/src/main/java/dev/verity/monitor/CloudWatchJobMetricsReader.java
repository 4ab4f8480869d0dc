package dev.verity.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.SignedJsonPost;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * {@link JobMetricsReader} over CloudWatch's GetMetricData, where the functions' EMF lines become metrics in AWS: the
 * Sum, SampleCount and Maximum of each {@link JobMetric} with the job's two dimensions ({@value
 * EmfJobMetrics#JOB_DIMENSION}, {@value EmfJobMetrics#TEAM_DIMENSION}), in one-day periods from the job's creation,
 * added up. Spoken in CloudWatch's JSON 1.0 protocol ({@code X-Amz-Target: GraniteServiceVersion20100801.<Operation>},
 * one of the protocols botocore's {@code cloudwatch/2010-08-01} model lists) signed with SigV4 for {@value
 * #SIGNING_NAME}, over the SDK's HTTP client: the SDK's own {@code cloudwatch} client is not among the served
 * dependencies, as Mechanical Turk's is not ({@code MechanicalTurkRequester}).
 */
public final class CloudWatchJobMetricsReader implements JobMetricsReader {

    public static final String SIGNING_NAME = "monitoring";
    static final String TARGET = "GraniteServiceVersion20100801.GetMetricData";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /** One day: a multiple of an hour, as CloudWatch asks of periods that start over 63 days ago. */
    static final int PERIOD_SECONDS = 86_400;

    private static final List<String> STATS = List.of("Sum", "SampleCount", "Maximum");

    private final SignedJsonPost service;

    public CloudWatchJobMetricsReader(
            SdkHttpClient http, URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.service = new SignedJsonPost(http, endpoint, credentials, SIGNING_NAME, region, CONTENT_TYPE);
    }

    /** CloudWatch's endpoint in {@code region}. */
    public static URI endpointIn(String region) {
        return URI.create("https://monitoring." + region + ".amazonaws.com");
    }

    @Override
    public Map<JobMetric, MetricTotal> totals(String labelingJobName, String workteam, Instant from, Instant to) {
        Map<JobMetric, double[]> figures = new EnumMap<>(JobMetric.class); // sum, count, maximum
        for (JobMetric metric : JobMetric.values()) {
            figures.put(metric, new double[3]);
        }
        String nextToken = null;
        do {
            ObjectNode request = request(labelingJobName, workteam, from, to);
            if (nextToken != null) {
                request.put("NextToken", nextToken);
            }
            JsonNode response = call(request);
            for (JsonNode result : response.path("MetricDataResults")) {
                String id = result.path("Id").asText();
                JobMetric metric = JobMetric.values()[Integer.parseInt(id.substring(2))];
                int stat = "sm".equals(id.substring(0, 2)) ? 0 : "sc".equals(id.substring(0, 2)) ? 1 : 2;
                double[] figure = figures.get(metric);
                for (JsonNode value : result.path("Values")) {
                    figure[stat] =
                            stat == 2 ? Math.max(figure[stat], value.asDouble()) : figure[stat] + value.asDouble();
                }
            }
            nextToken = response.path("NextToken").asText(null);
        } while (nextToken != null && !nextToken.isEmpty());
        Map<JobMetric, MetricTotal> totals = new EnumMap<>(JobMetric.class);
        figures.forEach((metric, f) -> totals.put(metric, new MetricTotal(metric, f[0], Math.round(f[1]), f[2])));
        return totals;
    }

    /**
     * The GetMetricData request: per metric, one query per statistic, with ids {@code sm<i>} (Sum), {@code sc<i>}
     * (SampleCount) and {@code mx<i>} (Maximum), {@code i} the metric's ordinal.
     */
    static ObjectNode request(String labelingJobName, String workteam, Instant from, Instant to) {
        ObjectNode request = Json.object();
        ArrayNode queries = request.putArray("MetricDataQueries");
        for (JobMetric metric : JobMetric.values()) {
            for (String stat : STATS) {
                ObjectNode query = queries.addObject()
                        .put("Id", prefix(stat) + metric.ordinal())
                        .put("ReturnData", true);
                ObjectNode metricStat = query.putObject("MetricStat");
                ObjectNode m = metricStat
                        .putObject("Metric")
                        .put("Namespace", EmfJobMetrics.NAMESPACE)
                        .put("MetricName", metric.name());
                ArrayNode dimensions = m.putArray("Dimensions");
                dimensions.addObject().put("Name", EmfJobMetrics.JOB_DIMENSION).put("Value", labelingJobName);
                dimensions.addObject().put("Name", EmfJobMetrics.TEAM_DIMENSION).put("Value", workteam);
                metricStat.put("Period", PERIOD_SECONDS).put("Stat", stat);
            }
        }
        // a Timestamp is epoch seconds in the JSON protocols
        request.put("StartTime", from.getEpochSecond());
        request.put("EndTime", to.getEpochSecond());
        return request;
    }

    private static String prefix(String stat) {
        return switch (stat) {
            case "Sum" -> "sm";
            case "SampleCount" -> "sc";
            default -> "mx";
        };
    }

    private JsonNode call(ObjectNode body) {
        try {
            SignedJsonPost.Response response = service.post(TARGET, Json.write(body));
            if (response.status() / 100 != 2) {
                throw new IllegalStateException("CloudWatch GetMetricData at " + service.endpoint() + " answered "
                        + response.status() + ": " + response.body());
            }
            return response.body().isBlank() ? Json.object() : Json.parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("CloudWatch GetMetricData at " + service.endpoint() + " failed", e);
        }
    }
}
