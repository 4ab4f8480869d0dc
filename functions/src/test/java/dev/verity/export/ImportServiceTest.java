package dev.verity.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.fakes.InMemoryObjectStore;
import dev.verity.job.InvalidRequestException;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.tasktype.EarlierBoxLabel;
import dev.verity.tasktype.TaskTypes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Annotations in COCO, YOLO and VOC become Ground Truth bounding-box pre-labels; exported again, the boxes stay. */
class ImportServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final ImportService imports = new ImportService(objects, CLOCK);

    private static final String COCO = """
            {"info": {"description": "from a model"},
             "categories": [{"id": 7, "name": "dog", "supercategory": "animal"}, {"id": 3, "name": "cat"}],
             "annotations": [
               {"id": 1, "image_id": 20, "category_id": 3, "bbox": [10, 5, 20, 10], "area": 200, "iscrowd": 0},
               {"id": 2, "image_id": 10, "category_id": 7, "bbox": [0.4, 1.6, 30, 20.2], "score": 0.9},
               {"id": 3, "image_id": 10, "category_id": 99, "bbox": [1, 1, 2, 2]}],
             "images": [{"id": 10, "file_name": "a.jpg", "width": 80, "height": 40},
                        {"id": 20, "file_name": "sub/b.png", "width": 64, "height": 64},
                        {"id": 30, "file_name": "none.png", "width": 64, "height": 64}]}
            """;

    private ObjectNode request(String format, String annotations) {
        return Json.object()
                .put("format", format)
                .put("annotationsS3Uri", annotations)
                .put("imagesS3Prefix", "s3://data/images")
                .put("labelAttributeName", "prelabels");
    }

    private List<ObjectNode> manifest(String uri) {
        return objects.text(S3Uri.parse(uri))
                .lines()
                .map(l -> (ObjectNode) Json.parse(l))
                .toList();
    }

    @Test
    void aCocoFileBecomesGroundTruthBoxLabelsAnAdjustmentJobAccepts() throws IOException {
        objects.put("s3://data/coco/annotations.json", COCO);

        ImportResult result = imports.importLabels(request("coco", "s3://data/coco/annotations.json"));

        assertThat(result.manifestS3Uri()).isEqualTo("s3://data/coco/annotations.manifest");
        assertThat(result.labelCategoryConfigS3Uri()).isEqualTo("s3://data/coco/annotations-categories.json");
        assertThat(result.categories()).containsExactly("dog", "cat");
        assertThat(result.images()).isEqualTo(3);
        assertThat(result.boxes()).isEqualTo(2);
        assertThat(result.skipped()).containsExactly("a box of image a.jpg: no category 99");
        JsonNode config = Json.parse(objects.text(S3Uri.parse(result.labelCategoryConfigS3Uri())));
        assertThat(config.toString())
                .isEqualTo(
                        "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"}]}");

        List<ObjectNode> lines = manifest(result.manifestS3Uri());
        assertThat(lines).hasSize(3);
        ObjectNode a = lines.get(0);
        assertThat(a.path("source-ref").asText()).isEqualTo("s3://data/images/a.jpg");
        assertThat(a.path("prelabels").toString())
                .isEqualTo(
                        "{\"image_size\":[{\"width\":80,\"height\":40,\"depth\":3}],\"annotations\":[{\"class_id\":0,"
                                + "\"left\":0,\"top\":2,\"width\":30,\"height\":20}]}");
        JsonNode metadata = a.path("prelabels-metadata");
        assertThat(metadata.path("type").asText()).isEqualTo("groundtruth/object-detection");
        assertThat(metadata.path("objects").toString()).isEqualTo("[{\"confidence\":0.9}]");
        assertThat(metadata.path("class-map").toString()).isEqualTo("{\"0\":\"dog\"}");
        assertThat(metadata.path("human-annotated").asText()).isEqualTo("yes");
        assertThat(metadata.path("creation-date").asText()).isEqualTo("2026-12-07T12:00:00.000000");
        assertThat(lines.get(1).path("source-ref").asText()).isEqualTo("s3://data/images/sub/b.png");
        assertThat(lines.get(2).path("prelabels").path("annotations")).isEmpty();
        for (ObjectNode line : lines) {
            assertThat(EarlierBoxLabel.attributeName(line)).contains("prelabels");
            assertThat(TaskTypes.of("AdjustmentBoundingBox").checkLine(line, "adjusted"))
                    .isEmpty();
            assertThat(TaskTypes.of("VerificationBoundingBox").checkLine(line, "verified"))
                    .isEmpty();
        }
    }

    @Test
    void importedBoxesExportedBackToCocoAreTheSameBoxes() throws IOException {
        objects.put("s3://data/coco/annotations.json", COCO);
        ImportResult result = imports.importLabels(request("coco", "s3://data/coco/annotations.json"));
        String[] lines =
                objects.text(S3Uri.parse(result.manifestS3Uri())).lines().toArray(String[]::new);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CocoWriter(
                        new ExportJob(
                                "j", "prelabels", "AdjustmentBoundingBox", OutputTypes.BOXES, result.categories()),
                        uri -> java.util.Optional.empty(),
                        CocoWriter.Masks.RLE,
                        CLOCK)
                .write(ExportFixtures.manifest(lines), out);
        JsonNode coco = Json.parse(out.toString(StandardCharsets.UTF_8));

        assertThat(coco.path("annotations")).hasSize(2);
        JsonNode cat = coco.path("annotations").get(1);
        assertThat(cat.path("bbox").toString()).isEqualTo("[10.0,5.0,20.0,10.0]");
        assertThat(coco.path("categories")
                        .get(cat.path("category_id").asInt() - 1)
                        .path("name")
                        .asText())
                .isEqualTo("cat");
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aVocZipBecomesBoxLabelsWithItsOneBasedCornersMadeZeroBasedAndRefusesEntities() throws IOException {
        String xml = """
                <annotation><filename>a.jpg</filename><size><width>500</width><height>400</height><depth>3</depth></size>
                <object><name>dog</name><bndbox><xmin>112</xmin><ymin>135</ymin><xmax>172</xmax><ymax>262</ymax></bndbox></object>
                <object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax></bndbox></object>
                </annotation>""";
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<annotation><filename>&x;</filename></annotation>";
        objects.put(
                S3Uri.parse("s3://data/voc.zip"),
                zip(new java.util.LinkedHashMap<>(Map.of("Annotations/a.xml", xml, "Annotations/evil.xml", hostile))),
                "application/zip");

        ImportResult result = imports.importLabels(request("voc", "s3://data/voc.zip"));

        assertThat(result.images()).isEqualTo(1);
        assertThat(result.categories()).containsExactly("dog", "cat");
        assertThat(result.skipped()).singleElement().asString().startsWith("Annotations/evil.xml: not well-formed XML");
        ObjectNode line = manifest(result.manifestS3Uri()).get(0);
        assertThat(line.path("prelabels").path("annotations").toString())
                .isEqualTo("[{\"class_id\":0,\"left\":111,\"top\":134,\"width\":61,\"height\":128},"
                        + "{\"class_id\":1,\"left\":0,\"top\":0,\"width\":10,\"height\":10}]");
        // and VOC's own export writes them back as they came
        BoxLabel label = BoxLabel.read(line.path("prelabels"), line.path("prelabels-metadata"));
        String back = new String(
                new VocWriter(new ExportJob("j", "prelabels", "BoundingBox", OutputTypes.BOXES, result.categories()))
                        .xml("s3://data/images/a.jpg", label),
                StandardCharsets.UTF_8);
        assertThat(back).contains("<xmin>112</xmin>", "<ymin>135</ymin>", "<xmax>172</xmax>", "<ymax>262</ymax>");
    }

    @Test
    void aYoloZipBecomesBoxLabelsInPixelsOfEachImagesOwnSizeFoundUnderThePrefix() throws IOException {
        BufferedImage image = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        objects.put(S3Uri.parse("s3://data/images/street/one.png"), png.toByteArray(), "image/png");
        objects.put(
                S3Uri.parse("s3://data/yolo.zip"),
                zip(new java.util.LinkedHashMap<>(Map.of(
                        "labels/street/one.txt", "1 0.200000 0.400000 0.200000 0.400000\n0 0.5 0.5 1 1\n",
                        "labels/street/missing.txt", "0 0.5 0.5 0.1 0.1\n",
                        "data.yaml", "nc: 2\nnames:\n  0: \"dog\"\n  1: cat\n"))),
                "application/zip");

        ImportResult result = imports.importLabels(request("yolo", "s3://data/yolo.zip"));

        assertThat(result.categories()).containsExactly("dog", "cat");
        assertThat(result.images()).isEqualTo(1);
        assertThat(result.skipped())
                .containsExactly("labels/street/missing.txt: no image s3://data/images/street/missing.*");
        ObjectNode line = manifest(result.manifestS3Uri()).get(0);
        assertThat(line.path("source-ref").asText()).isEqualTo("s3://data/images/street/one.png");
        assertThat(line.path("prelabels").toString())
                .isEqualTo("{\"image_size\":[{\"width\":100,\"height\":50,\"depth\":3}],\"annotations\":["
                        + "{\"class_id\":1,\"left\":10,\"top\":10,\"width\":20,\"height\":20},"
                        + "{\"class_id\":0,\"left\":0,\"top\":0,\"width\":100,\"height\":50}]}");
    }

    @Test
    void yamlNamesAreReadAsABlockMapABlockListOrAFlowList() {
        assertThat(ImportService.yamlNames("names:\n  0: a\n  1: \"b c\"\nnc: 2\n"))
                .containsExactly("a", "b c");
        assertThat(ImportService.yamlNames("nc: 2\nnames:\n- a\n- 'b'\n")).containsExactly("a", "b");
        assertThat(ImportService.yamlNames("names: [a, \"b\"]\n")).containsExactly("a", "b");
    }

    @Test
    void aBadRequestNamesEachFieldAndAMissingFileIsRefused() {
        assertThatThrownBy(() -> imports.importLabels(Json.object().put("format", "tfrecord")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations())
                        .extracting(v -> v.field())
                        .containsExactlyInAnyOrder(
                                "annotationsS3Uri", "imagesS3Prefix", "labelAttributeName", "format"));
        assertThatThrownBy(() -> imports.importLabels(request("coco", "s3://data/nothing.json")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("there is no object s3://data/nothing.json");
        objects.put("s3://data/not-coco.json", "[1, 2]");
        assertThatThrownBy(() -> imports.importLabels(request("coco", "s3://data/not-coco.json")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not a COCO JSON file");
    }
}
