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
import dev.verity.manifest.S3Uri;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A bounding-box job run through the handlers over the embedded services, its labels exported through
 * {@code GET /jobs/{name}/export}: refused before its output exists, then COCO, YOLO and VOC files written under its
 * output prefix and downloaded through the presigned URL, each with the boxes the workers drew.
 */
@ExtendWith(EmulatorsExtension.class)
class ExportIT {

    private static final String JOB = "export-boxes";
    private static final int WIDTH = 80;
    private static final int HEIGHT = 40;

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
    }

    private static void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromBytes(content));
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static JsonNode export(JobDriver job, String name, String format) throws IOException {
        return job.requester("GET /jobs/{name}/export", Map.of("name", name), Map.of("format", format));
    }

    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void aBoundingBoxJobsBoxesExportToCocoYoloAndVocThroughTheRequesterApi(Emulators emulators) throws Exception {
        put(
                "export/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
        byte[] image = png(WIDTH, HEIGHT);
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            put("export/img-" + i + ".png", image);
            manifest.append("{\"source-ref\":\"s3://verity-data/export/img-")
                    .append(i)
                    .append(".png\"}\n");
        }
        put("export/boxes.manifest", manifest.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode request = JobDriver.request(
                JOB,
                "bb",
                "export/boxes.manifest",
                "export/categories.json",
                "BoundingBox",
                "private-crowd/Everyone-in-private-workforce",
                1);
        JobDriver job = new JobDriver(services, JOB).createAndSelect(request).dispatch(emulators, sfn);

        JsonNode early = export(job, JOB, "coco");
        assertThat(ApiEvents.status(early)).as(early.toString()).isEqualTo(409);
        JsonNode unknown = export(job, "no-such-job", "coco");
        assertThat(ApiEvents.status(unknown)).isEqualTo(404);
        JsonNode inapplicable = export(job, JOB, "conll");
        assertThat(ApiEvents.status(inapplicable)).isEqualTo(400);
        assertThat(ApiEvents.body(inapplicable).path("message").asText()).contains("coco, yolo, voc");

        // image i: a dog box at (10 + i, 5), 20 x 10 pixels
        Map<String, Integer> imageIndex = new HashMap<>();
        for (int w = 0; ; w++) {
            JsonNode next = job.next("exporter-" + w);
            if (ApiEvents.status(next) != 200) {
                break;
            }
            JsonNode task = ApiEvents.body(next);
            String ref = task.path("taskInput").path("sourceRef").asText();
            int i = Integer.parseInt(ref.replaceAll(".*img-(\\d+)\\.png", "$1"));
            imageIndex.put(ref, i);
            ObjectNode answer = Json.object();
            answer.putObject("answerContent")
                    .set(
                            "boundingBox",
                            Json.parse(("{\"boundingBoxes\":[{\"height\":10,"
                                            + "\"label\":\"dog\",\"left\":%d,\"top\":5,\"width\":20}],\"inputImageProperties\":"
                                            + "{\"height\":%d,\"width\":%d}}")
                                    .formatted(10 + i, HEIGHT, WIDTH)));
            JsonNode answered = job.worker(
                    "POST /worker/assignments/{id}",
                    Map.of("id", task.path("assignmentId").asText()),
                    answer,
                    "exporter-" + w);
            assertThat(ApiEvents.status(answered)).as(answered.toString()).isEqualTo(200);
        }
        assertThat(imageIndex).hasSize(3);
        job.finish();

        JsonNode coco = ApiEvents.body(export(job, JOB, "coco"));
        assertThat(coco.path("format").asText()).isEqualTo("coco");
        assertThat(coco.path("s3Uri").asText())
                .isEqualTo("s3://verity-data/jobs-output/" + JOB + "/exports/coco/annotations.json");
        assertThat(coco.path("objects").asInt()).isEqualTo(3);
        assertThat(coco.path("applicableFormats").toString()).isEqualTo("[\"coco\",\"yolo\",\"voc\"]");
        JsonNode cocoFile = Json.parse(new String(download(coco.path("url").asText()), StandardCharsets.UTF_8));
        assertThat(cocoFile.path("categories").toString())
                .isEqualTo("[{\"id\":1,\"name\":\"cat\",\"supercategory\":\"\"},"
                        + "{\"id\":2,\"name\":\"dog\",\"supercategory\":\"\"}]");
        assertThat(cocoFile.path("images")).hasSize(3);
        Map<Long, String> refOfImage = new HashMap<>();
        for (JsonNode img : cocoFile.path("images")) {
            assertThat(img.path("width").asInt()).isEqualTo(WIDTH);
            assertThat(img.path("height").asInt()).isEqualTo(HEIGHT);
            refOfImage.put(img.path("id").asLong(), img.path("source_ref").asText());
        }
        assertThat(cocoFile.path("annotations")).hasSize(3);
        for (JsonNode a : cocoFile.path("annotations")) {
            int i = imageIndex.get(refOfImage.get(a.path("image_id").asLong()));
            assertThat(a.path("category_id").asInt()).isEqualTo(2);
            assertThat(a.path("bbox").toString()).isEqualTo("[" + (10 + i) + ".0,5.0,20.0,10.0]");
        }

        JsonNode yolo = ApiEvents.body(export(job, JOB, "yolo"));
        Map<String, String> yoloZip = unzip(download(yolo.path("url").asText()));
        for (int i = 0; i < 3; i++) {
            assertThat(yoloZip.get("labels/export/img-" + i + ".txt"))
                    .isEqualTo(String.format(
                            java.util.Locale.ROOT,
                            "1 %.6f 0.250000 0.250000 0.250000%n",
                            (10 + i + 10) / (double) WIDTH));
        }
        assertThat(yoloZip.get("data.yaml")).contains("names:\n  0: \"cat\"\n  1: \"dog\"\n");

        JsonNode voc = ApiEvents.body(export(job, JOB, "voc"));
        Map<String, String> vocZip = unzip(download(voc.path("url").asText()));
        assertThat(vocZip.get("Annotations/export/img-2.xml"))
                .contains("<width>80</width>", "<height>40</height>", "<name>dog</name>")
                .contains("<xmin>13</xmin>", "<ymin>6</ymin>", "<xmax>32</xmax>", "<ymax>15</ymax>");

        // asked again: the same key, rewritten
        JsonNode again = ApiEvents.body(export(job, JOB, "yolo"));
        assertThat(again.path("s3Uri").asText()).isEqualTo(yolo.path("s3Uri").asText());
        S3Uri exports = S3Uri.parse("s3://verity-data/jobs-output/" + JOB + "/exports/", true);
        List<String> keys =
                s3.listObjectsV2Paginator(b -> b.bucket(exports.bucket()).prefix(exports.key())).contents().stream()
                        .map(o -> o.key())
                        .sorted()
                        .toList();
        assertThat(keys)
                .containsExactly(
                        "jobs-output/" + JOB + "/exports/coco/annotations.json",
                        "jobs-output/" + JOB + "/exports/voc/voc.zip",
                        "jobs-output/" + JOB + "/exports/yolo/yolo.zip");
    }

    @Test
    void cocoBoxesImportedAsPreLabelsKeepTheirBoxesThroughAnAdjustmentJobAndAnExport(Emulators emulators)
            throws Exception {
        byte[] image = png(WIDTH, HEIGHT);
        put("roundtrip/images/a.png", image);
        put("roundtrip/images/b.png", image);
        put("roundtrip/coco.json", ("""
                {"images": [{"id": 1, "file_name": "a.png", "width": %d, "height": %d},
                            {"id": 2, "file_name": "b.png", "width": %d, "height": %d}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 5, "bbox": [4, 6, 30, 20]},
                                 {"id": 2, "image_id": 2, "category_id": 9, "bbox": [40, 10, 12, 8]},
                                 {"id": 3, "image_id": 2, "category_id": 5, "bbox": [1, 1, 5, 5]}],
                 "categories": [{"id": 5, "name": "car"}, {"id": 9, "name": "bus"}]}
                """).formatted(WIDTH, HEIGHT, WIDTH, HEIGHT).getBytes(StandardCharsets.UTF_8));
        JobDriver job = new JobDriver(services, "roundtrip-adjust");
        JsonNode imported = job.requester(
                "POST /datasets/import",
                Map.of(),
                Json.object()
                        .put("format", "coco")
                        .put("annotationsS3Uri", "s3://verity-data/roundtrip/coco.json")
                        .put("imagesS3Prefix", "s3://verity-data/roundtrip/images/")
                        .put("labelAttributeName", "prelabels"));
        assertThat(ApiEvents.status(imported)).as(imported.toString()).isEqualTo(200);
        JsonNode result = ApiEvents.body(imported);
        assertThat(result.path("images").asInt()).isEqualTo(2);
        assertThat(result.path("boxes").asInt()).isEqualTo(3);

        ObjectNode request = JobDriver.request(
                "roundtrip-adjust",
                "adjusted",
                S3Uri.parse(result.path("manifestS3Uri").asText()).key(),
                S3Uri.parse(result.path("labelCategoryConfigS3Uri").asText()).key(),
                "AdjustmentBoundingBox",
                "private-crowd/Everyone-in-private-workforce",
                1);
        job.createAndSelect(request).dispatch(emulators, sfn);
        int answeredTasks = 0;
        for (int w = 0; ; w++) {
            JsonNode next = job.next("adjuster-" + w);
            if (ApiEvents.status(next) != 200) {
                break;
            }
            JsonNode task = ApiEvents.body(next);
            // the worker keeps the boxes it was shown: the earlier label, from the line the task carries
            JsonNode earlier = task.path("taskInput").path("manifestLine").path("prelabels");
            assertThat(earlier.path("annotations").size()).as(task.toString()).isPositive();
            ObjectNode element = Json.object();
            var boxes = element.putArray("boundingBoxes");
            for (JsonNode a : earlier.path("annotations")) {
                boxes.addObject()
                        .put("label", a.path("class_id").asInt() == 0 ? "car" : "bus")
                        .put("left", a.path("left").asInt())
                        .put("top", a.path("top").asInt())
                        .put("width", a.path("width").asInt())
                        .put("height", a.path("height").asInt());
            }
            element.putObject("inputImageProperties").put("width", WIDTH).put("height", HEIGHT);
            element.put("initialValueModified", false);
            ObjectNode answer = Json.object();
            answer.putObject("answerContent").set("boundingBox", element);
            JsonNode answered = job.worker(
                    "POST /worker/assignments/{id}",
                    Map.of("id", task.path("assignmentId").asText()),
                    answer,
                    "adjuster-" + w);
            assertThat(ApiEvents.status(answered)).as(answered.toString()).isEqualTo(200);
            answeredTasks++;
        }
        assertThat(answeredTasks).isEqualTo(2);
        job.finish();

        JsonNode export = ApiEvents.body(export(job, "roundtrip-adjust", "coco"));
        JsonNode coco = Json.parse(new String(download(export.path("url").asText()), StandardCharsets.UTF_8));
        Map<Long, String> fileOf = new HashMap<>();
        coco.path("images")
                .forEach(i ->
                        fileOf.put(i.path("id").asLong(), i.path("file_name").asText()));
        Map<String, String> categoryOf = new HashMap<>();
        coco.path("categories")
                .forEach(c ->
                        categoryOf.put(c.path("id").asText(), c.path("name").asText()));
        List<String> boxes = new java.util.ArrayList<>();
        for (JsonNode a : coco.path("annotations")) {
            boxes.add(fileOf.get(a.path("image_id").asLong()) + " "
                    + categoryOf.get(a.path("category_id").asText()) + " " + a.path("bbox"));
        }
        assertThat(boxes)
                .containsExactlyInAnyOrder(
                        "roundtrip/images/a.png car [4.0,6.0,30.0,20.0]",
                        "roundtrip/images/b.png bus [40.0,10.0,12.0,8.0]",
                        "roundtrip/images/b.png car [1.0,1.0,5.0,5.0]");
    }
}
