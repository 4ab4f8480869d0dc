package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.MarkJobFailedHandler;
import dev.verity.handler.PrepareDatasetHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import dev.verity.labeling.DatasetRejectedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile input manifests (issue 10) through job creation and PrepareDataset. A bad line among nine good ones (10%,
 * the most Ground Truth tolerates) is reported in the job's errors file with its line number and reason while the
 * good lines become the job's objects; a manifest with more bad lines than that, or none good, fails the job with a
 * FailureReason saying so. Either way an earlier job, prepared from a good manifest, does not change.
 */
@ExtendWith(EmulatorsExtension.class)
class HostileManifestIT {

    private static final String FOLDER = "hostile-manifests";
    private static final String BYSTANDER = "hostile-manifest-bystander";
    private static final AtomicInteger JOBS = new AtomicInteger();

    private static Services services;
    private static S3Client s3;
    private static String bystanderBefore;

    @BeforeAll
    static void setUp() throws Exception {
        services = new Services(Environment.current());
        s3 = new AwsClients(Environment.current()).s3();
        put(
                FOLDER + "/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"}]}");
        // A job accepted before the hostile ones, which none of them may touch.
        put(FOLDER + "/bystander.manifest", new String(goodLines(3), StandardCharsets.UTF_8));
        create(BYSTANDER, FOLDER + "/bystander.manifest");
        new PrepareDatasetHandler(services).handle(Json.object().put("jobName", BYSTANDER), null);
        bystanderBefore = Json.write(describe(BYSTANDER));
    }

    /** One manifest: either accepted without its bad lines, or the job fails with {@code failure}. */
    record Case(
            String name, byte[] manifest, long accepted, List<Integer> badLines, String lineReason, String failure) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> manifests() {
        return Stream.of(
                // One bad line after nine good ones: reported, and the nine are the job's objects.
                oneBadLine("a line of truncated JSON", "{\"source-ref\":\"s3://verity-data/x.jpg\"", "malformed JSON"),
                oneBadLine(
                        "a line with a second JSON value after the first",
                        "{\"source-ref\":\"s3://verity-data/" + "x.jpg\"} {}",
                        "unexpected content after the first JSON value"),
                oneBadLine(
                        "a line that is an array",
                        "[\"s3://verity-data/x.jpg\"]",
                        "line is an array, not a JSON object"),
                oneBadLine(
                        "a line without source-ref or source",
                        "{\"image\":\"s3://verity-data/x.jpg\"}",
                        "object has neither \"source-ref\" nor \"source\""),
                oneBadLine(
                        "a line with both source-ref and source",
                        "{\"source-ref\":\"s3://verity-data/x.jpg\",\"source\":\"text\"}",
                        "object has both \"source-ref\" and \"source\""),
                oneBadLine(
                        "a source-ref that is a number",
                        "{\"source-ref\":42}",
                        "\"source-ref\" must be a string, not a number"),
                oneBadLine(
                        "a source-ref that is null",
                        "{\"source-ref\":null}",
                        "\"source-ref\" must be a string, not null"),
                oneBadLine(
                        "a source-ref that is an http URL",
                        "{\"source-ref\":\"http://example.com/x.jpg\"}",
                        "\"source-ref\" is not an S3 object URI"),
                oneBadLine(
                        "a source-ref naming a bucket but no object",
                        "{\"source-ref\":\"s3://verity-data/\"}",
                        "\"source-ref\" is not an S3 object URI"),
                oneBadLine(
                        "a source-ref with no bucket",
                        "{\"source-ref\":\"s3:///x.jpg\"}",
                        "\"source-ref\" is not an S3 object URI"),
                oneBadLine(
                        "a line of more than 100000 characters",
                        "{\"source-ref\":\"s3://verity-data/x.jpg\",\"note\":\"" + "n".repeat(100_000) + "\"}",
                        "characters long; the limit is 100000 characters"),
                oneBadLine(
                        "an attribute of 20001 characters",
                        "{\"source-ref\":\"s3://verity-data/x.jpg\",\"note\":\"" + "n".repeat(20_001) + "\"}",
                        "attribute \"note\" is 20001 characters long; the limit is 20000 characters"),
                oneBadLine(
                        "an attribute whose name starts with $",
                        "{\"source-ref\":\"s3://verity-data/x.jpg\",\"$where\":\"1\"}",
                        "attribute name \"$where\" starts with '$'"),
                oneBadLine(
                        "a line naming source-ref twice",
                        "{\"source-ref\":\"s3://verity-data/x.jpg\",\"source-ref\":\"s3://verity-data/y.jpg\"}",
                        "Duplicate field 'source-ref'"),
                oneBadLine(
                        "a raw control character inside a string",
                        "{\"source-ref\":\"s3://verity-data/x\u0001.jpg\"}",
                        "malformed JSON"),
                oneBadLine(
                        "an attribute nested 2000 levels deep",
                        "{\"source-ref\":\"s3://verity-data/x.jpg\",\"deep\":" + "[".repeat(2000) + "]".repeat(2000)
                                + "}",
                        "malformed JSON"),
                oneBadLine(
                        "text in an image job",
                        "{\"source\":\"a cat\"}",
                        "task type ImageMultiClass needs \"source-ref\" on every line"),
                oneBadLine("an empty source", "{\"source\":\"\"}", "\"source\" is empty"),
                new Case(
                        "a line of bytes that are not UTF-8",
                        concat(
                                goodLines(9),
                                new byte[] {'{', '"', 's', 'r', '"', (byte) 0xff, (byte) 0xfe, ':', '1', '}', '\n'}),
                        9,
                        List.of(10),
                        "malformed JSON",
                        null),
                new Case(
                        "exactly 10% bad lines (10 of 100)",
                        concat(goodLines(90), badLines(10)),
                        90,
                        range(91, 100),
                        "object has neither \"source-ref\" nor \"source\"",
                        null),
                // More than Ground Truth tolerates, or nothing to label: the job fails saying why.
                new Case(
                        "one bad line more than 10% (11 of 100)",
                        concat(goodLines(89), badLines(11)),
                        0,
                        range(90, 100),
                        "object has neither",
                        "11 of 100 manifest lines were rejected, more than 10%"),
                new Case(
                        "an empty manifest",
                        new byte[0],
                        0,
                        List.of(),
                        null,
                        "the input manifest has no valid line (0 rejected"),
                new Case(
                        "a manifest of blank lines",
                        "\n \r\n\t\n\n".getBytes(StandardCharsets.UTF_8),
                        0,
                        List.of(),
                        null,
                        "the input manifest has no valid line (0 rejected"),
                new Case(
                        "a manifest in UTF-16 with a byte order mark",
                        concat(
                                new byte[] {(byte) 0xff, (byte) 0xfe},
                                new String(goodLines(3), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE)),
                        // the NUL byte after the last newline is a fourth line
                        0,
                        List.of(1, 2, 3, 4),
                        "malformed JSON",
                        "the input manifest has no valid line (4 rejected"),
                new Case(
                        "one line of five million characters without a newline",
                        ("{\"source-ref\":\"s3://verity-data/x.jpg\",\"note\":\"" + "n".repeat(5_000_000) + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        0,
                        List.of(1),
                        "object is 5000049 characters long; the limit is 100000 characters",
                        "the input manifest has no valid line (1 rejected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void aHostileManifestIsReportedLineByLineAndChangesNoOtherJob(Case c) throws Exception {
        String job = "hostile-manifest-" + JOBS.incrementAndGet();
        put(FOLDER + "/" + job + ".manifest", c.manifest());
        create(job, FOLDER + "/" + job + ".manifest");

        ObjectNode input = Json.object().put("jobName", job);
        if (c.failure() == null) {
            JsonNode prepared = new PrepareDatasetHandler(services).handle(input, null);
            assertThat(prepared.get("datasetObjects").asLong()).isEqualTo(c.accepted());
            assertThat(prepared.get("rejectedLines").asLong())
                    .isEqualTo(c.badLines().size());
            assertThat(describe(job).get("LabelingJobStatus").asText()).isEqualTo("InProgress");
        } else {
            DatasetRejectedException rejected = null;
            try {
                new PrepareDatasetHandler(services).handle(input, null);
            } catch (DatasetRejectedException e) {
                rejected = e;
            }
            assertThat(rejected).as("PrepareDataset must reject the manifest").isNotNull();
            failAsTheWorkflowDoes(job, rejected);
            JsonNode described = describe(job);
            assertThat(described.get("LabelingJobStatus").asText()).isEqualTo("Failed");
            assertThat(described.get("FailureReason").asText())
                    .startsWith("DatasetRejectedException: ")
                    .contains(c.failure());
            assertThat(described.has("LabelingJobOutput")).isFalse();
        }
        // Each bad line is in the errors file with its number and reason.
        List<JsonNode> errors = errors(job);
        assertThat(errors).extracting(e -> e.get("line").asInt()).containsExactlyElementsOf(c.badLines());
        if (c.lineReason() != null) {
            assertThat(errors.get(0).get("error").asText()).contains(c.lineReason());
        }
        assertThat(Json.write(describe(BYSTANDER))).isEqualTo(bystanderBefore);
    }

    private static Case oneBadLine(String name, String badLine, String reason) {
        return new Case(
                name,
                concat(goodLines(9), (badLine + "\n").getBytes(StandardCharsets.UTF_8)),
                9,
                List.of(10),
                reason,
                null);
    }

    /** The workflow's catch-all: PrepareDataset's error, as Step Functions passes it on, to MarkJobFailed. */
    private static void failAsTheWorkflowDoes(String job, DatasetRejectedException e) {
        ObjectNode cause = Json.object()
                .put("errorMessage", e.getMessage())
                .put("errorType", e.getClass().getName());
        ObjectNode event = Json.object().put("jobName", job);
        event.putObject("error").put("Error", e.getClass().getName()).put("Cause", Json.write(cause));
        new MarkJobFailedHandler(services).handle(event, null);
    }

    private static byte[] goodLines(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("{\"source-ref\":\"s3://verity-data/")
                    .append(FOLDER)
                    .append("/img-")
                    .append(i)
                    .append(".jpg\"}\n");
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] badLines(int count) {
        return "{\"image\":\"s3://verity-data/x.jpg\"}\n".repeat(count).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Integer> range(int first, int last) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void create(String job, String manifestKey) {
        ObjectNode request = JobDriver.request(
                job,
                "animal",
                manifestKey,
                FOLDER + "/categories.json",
                "ImageMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                1);
        JsonNode created = new RequesterApiHandler(services)
                .handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
    }

    private static JsonNode describe(String job) {
        JsonNode response = new RequesterApiHandler(services)
                .handle(ApiEvents.request("GET /jobs/{name}", Map.of("name", job), null, "requester-1"), null);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        return ApiEvents.body(response);
    }

    private static List<JsonNode> errors(String job) {
        String text = s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET)
                        .key("jobs-output/" + job + "/manifests/intermediate/errors.jsonl"))
                .asUtf8String();
        return text.lines().filter(line -> !line.isBlank()).map(Json::parse).toList();
    }

    private static void put(String key, String content) {
        put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromBytes(content));
    }
}
