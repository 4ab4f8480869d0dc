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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The data browser, the output download and their refusals, over a real output manifest: a 300-object job whose
 * input lines already carry labels of several Ground Truth shapes, stopped before any answer, so the pipeline copies
 * them to the output unchanged.
 */
@ExtendWith(EmulatorsExtension.class)
class RequesterApiObjectsIT {

    private static final String JOB = "browse-shapes";
    private static final int OBJECTS = 300;

    private static Services services;
    private static S3Client s3;
    private static JobDriver job;

    @BeforeAll
    static void setUp(Emulators emulators) throws Exception {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        SfnClient sfn = clients.sfn();
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < OBJECTS; i++) {
            manifest.append(Json.write(line(i))).append('\n');
        }
        put("browse/shapes.manifest", manifest.toString());
        put(
                "browse/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"dog\"},"
                        + "{\"label\":\"bone\"},{\"label\":\"cat\"}]}");
        job = new JobDriver(services, JOB)
                .createAndSelect(JobDriver.request(
                        JOB,
                        "bb",
                        "browse/shapes.manifest",
                        "browse/categories.json",
                        "BoundingBox",
                        "private-crowd/Everyone-in-private-workforce",
                        1))
                .dispatch(emulators, sfn);

        // Before the output exists: no objects, and no download.
        JsonNode before = ApiEvents.body(job.requester("GET /jobs/{name}/objects", Map.of("name", JOB), Map.of()));
        assertThat(before.get("outputAvailable").asBoolean()).isFalse();
        assertThat(before.get("objects")).isEmpty();
        assertThat(before.get("taskType").asText()).isEqualTo("BoundingBox");
        assertThat(before.get("labels")).extracting(JsonNode::asText).containsExactly("dog", "bone", "cat");
        JsonNode noOutput = job.requester("GET /jobs/{name}/output", Map.of("name", JOB), (JsonNode) null);
        assertThat(ApiEvents.status(noOutput)).isEqualTo(409);
        assertThat(ApiEvents.body(noOutput).get("message").asText()).contains(JOB, "InProgress", "output manifest");

        assertThat(ApiEvents.status(job.requester("POST /jobs/{name}/stop", Map.of("name", JOB), (JsonNode) null)))
                .isEqualTo(200);
        assertThat(job.finish().get("status").asText()).isEqualTo("Stopped");
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    /**
     * Object i's input line: boxes (dog 0.9, bone 0.4; human) when i % 4 == 0, multi-label [bone] (0.7; machine)
     * when 1, a single class cat (0.2; human) when 2, no label when 3.
     */
    private static ObjectNode line(int i) {
        ObjectNode line = Json.object().put("source-ref", "s3://verity-data/browse/img-" + i + ".jpg");
        ObjectNode meta = Json.object();
        switch (i % 4) {
            case 0 -> {
                ObjectNode boxes = line.putObject("bb");
                boxes.putArray("image_size")
                        .addObject()
                        .put("width", 100)
                        .put("height", 80)
                        .put("depth", 3);
                boxes.putArray("annotations").add(box(0)).add(box(1));
                meta.putArray("objects")
                        .add(Json.object().put("confidence", 0.9))
                        .add(Json.object().put("confidence", 0.4));
                meta.putObject("class-map").put("0", "dog").put("1", "bone");
                meta.put("human-annotated", "yes").put("type", "groundtruth/object-detection");
            }
            case 1 -> {
                line.putArray("bb").add(1);
                meta.putObject("class-map").put("0", "dog").put("1", "bone");
                meta.putObject("confidence-map").put("1", 0.7);
                meta.put("human-annotated", "no").put("type", "groundtruth/image-classification-multilabel");
            }
            case 2 -> {
                line.put("bb", 2);
                meta.put("class-name", "cat")
                        .put("confidence", 0.2)
                        .put("human-annotated", "yes")
                        .put("type", "groundtruth/image-classification");
            }
            default -> {
                return line;
            }
        }
        line.set("bb-metadata", meta);
        return line;
    }

    private static ObjectNode box(int classId) {
        return Json.object()
                .put("class_id", classId)
                .put("left", 1)
                .put("top", 2)
                .put("width", 3)
                .put("height", 4);
    }

    /** Every object the filters let through, page by page; checks the pages' sizes and the token's end. */
    private static List<JsonNode> all(Map<String, String> filters, int pageSize) throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(filters);
            query.put("maxResults", Integer.toString(pageSize));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode response = job.requester("GET /jobs/{name}/objects", Map.of("name", JOB), query);
            assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
            JsonNode page = ApiEvents.body(response);
            assertThat(page.get("objects").size()).isLessThanOrEqualTo(pageSize);
            page.get("objects").forEach(objects::add);
            token = page.path("nextToken").asText(null);
            assertThat(++pages).isLessThan(100);
        } while (token != null);
        return objects;
    }

    private static List<Integer> lines(List<JsonNode> objects) {
        return objects.stream().map(o -> o.get("line").asInt()).toList();
    }

    private static List<Integer> linesWhere(int remainder) {
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            if (i % 4 == remainder) {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    @Test
    void pagesThroughEveryObjectInOrder() throws Exception {
        List<JsonNode> objects = all(Map.of(), 50);
        assertThat(objects).hasSize(OBJECTS);
        for (int i = 0; i < OBJECTS; i++) {
            JsonNode object = objects.get(i);
            assertThat(object.get("line").asInt()).isEqualTo(i + 1);
            assertThat(object.get("datasetObjectId").asText()).isEqualTo(Integer.toString(i));
            assertThat(object.get("sourceRef").asText()).isEqualTo("s3://verity-data/browse/img-" + i + ".jpg");
            assertThat(object.get("sourceUrl").asText()).startsWith("http").contains("browse/img-" + i + ".jpg");
        }
        JsonNode boxes = objects.get(0);
        assertThat(boxes.at("/label/annotations")).hasSize(2);
        assertThat(boxes.get("confidence").asDouble()).isEqualTo(0.4); // the lowest box's
        assertThat(boxes.get("humanAnnotated").asBoolean()).isTrue();
        assertThat(boxes.at("/metadata/type").asText()).isEqualTo("groundtruth/object-detection");
        assertThat(objects.get(1).get("confidence").asDouble()).isEqualTo(0.7);
        assertThat(objects.get(1).get("humanAnnotated").asBoolean()).isFalse();
        assertThat(objects.get(2).get("label").asInt()).isEqualTo(2);
        JsonNode unlabeled = objects.get(3);
        assertThat(unlabeled.has("label")).isFalse();
        assertThat(unlabeled.has("metadata")).isFalse();
        assertThat(unlabeled.has("confidence")).isFalse();
        assertThat(unlabeled.get("humanAnnotated").asBoolean()).isFalse();
        // The default page is 50 objects with a token to the 51st line.
        JsonNode first = ApiEvents.body(job.requester("GET /jobs/{name}/objects", Map.of("name", JOB), Map.of()));
        assertThat(first.get("objects")).hasSize(50);
        assertThat(first.get("labelAttributeName").asText()).isEqualTo("bb");
        JsonNode second = ApiEvents.body(job.requester(
                "GET /jobs/{name}/objects",
                Map.of("name", JOB),
                Map.of("nextToken", first.get("nextToken").asText(), "maxResults", "1")));
        assertThat(second.get("objects").get(0).get("line").asInt()).isEqualTo(51);
    }

    @Test
    void filtersByClassAcrossLabelShapes() throws Exception {
        List<Integer> boxesAndMultiLabel = new ArrayList<>(linesWhere(0));
        boxesAndMultiLabel.addAll(linesWhere(1));
        boxesAndMultiLabel.sort(Integer::compare);
        assertThat(lines(all(Map.of("label", "bone"), 40))).isEqualTo(boxesAndMultiLabel);
        // A multi-label object names only the classes it chose, not its whole class map.
        assertThat(lines(all(Map.of("label", "dog"), 40))).isEqualTo(linesWhere(0));
        assertThat(lines(all(Map.of("label", "cat"), 40))).isEqualTo(linesWhere(2));
        assertThat(all(Map.of("label", "zebra"), 40)).isEmpty();
    }

    @Test
    void filtersByConfidenceAndByWhoLabeled() throws Exception {
        assertThat(lines(all(Map.of("minConfidence", "0.5"), 60))).isEqualTo(linesWhere(1));
        assertThat(lines(all(Map.of("maxConfidence", "0.3"), 60))).isEqualTo(linesWhere(2));
        List<Integer> between = new ArrayList<>(linesWhere(0));
        between.addAll(linesWhere(2));
        between.sort(Integer::compare);
        assertThat(lines(all(Map.of("minConfidence", "0.1", "maxConfidence", "0.5"), 60)))
                .isEqualTo(between);
        assertThat(lines(all(Map.of("annotatedBy", "machine"), 60))).isEqualTo(linesWhere(1));
        assertThat(lines(all(Map.of("annotatedBy", "human", "label", "cat"), 60)))
                .isEqualTo(linesWhere(2));
    }

    @Test
    void refusesBadQueryValuesNamingThem() throws Exception {
        assertRefused(Map.of("maxResults", "0"), "maxResults", "between 1 and 500");
        assertRefused(Map.of("maxResults", "many"), "maxResults", "'many'");
        assertRefused(Map.of("minConfidence", "high"), "minConfidence", "between 0 and 1");
        assertRefused(Map.of("maxConfidence", "1.5"), "maxConfidence", "between 0 and 1");
        assertRefused(Map.of("minConfidence", "0.8", "maxConfidence", "0.2"), "minConfidence", "maxConfidence");
        assertRefused(Map.of("annotatedBy", "robot"), "annotatedBy", "human, machine");
        assertRefused(Map.of("nextToken", "not-a-token"), "nextToken", "not a token");
        JsonNode missing = job.requester("GET /jobs/{name}/objects", Map.of("name", "no-such-job"), Map.of());
        assertThat(ApiEvents.status(missing)).isEqualTo(404);
        JsonNode badObject = job.requester(
                "GET /jobs/{name}/objects/{id}/answers", Map.of("name", JOB, "id", "300"), (JsonNode) null);
        assertThat(ApiEvents.status(badObject)).isEqualTo(404);
        assertThat(ApiEvents.body(badObject).get("message").asText()).contains("'300'", "0 to 299");
    }

    private static void assertRefused(Map<String, String> query, String... mentions) throws Exception {
        JsonNode response = job.requester("GET /jobs/{name}/objects", Map.of("name", JOB), query);
        assertThat(ApiEvents.status(response)).as(query.toString()).isEqualTo(400);
        assertThat(ApiEvents.body(response).get("error").asText()).isEqualTo("ValidationException");
        assertThat(ApiEvents.body(response).get("message").asText()).contains(mentions);
    }

    @Test
    void theOutputDownloadsAsAnAttachment() throws Exception {
        JsonNode output =
                ApiEvents.body(job.requester("GET /jobs/{name}/output", Map.of("name", JOB), (JsonNode) null));
        String uri = "s3://verity-data/jobs-output/" + JOB + "/manifests/output/output.manifest";
        assertThat(output.get("manifestS3Uri").asText()).isEqualTo(uri);
        HttpResponse<String> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(output.get("url").asText()))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment").contains(JOB + "-output.manifest"));
        String stored = s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET)
                        .key("jobs-output/" + JOB + "/manifests/output/output.manifest"))
                .asUtf8String();
        assertThat(download.body()).isEqualTo(stored);
        assertThat(download.body().split("\n")).hasSize(OBJECTS);
    }
}
