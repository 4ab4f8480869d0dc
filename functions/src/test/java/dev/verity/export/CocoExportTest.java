package dev.verity.export;

import static dev.verity.export.ExportFixtures.boxLine;
import static dev.verity.export.ExportFixtures.job;
import static dev.verity.export.ExportFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.verity.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CocoExportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final Schema COCO_SCHEMA = cocoSchema();

    private static Schema cocoSchema() {
        try (InputStream in = CocoExportTest.class.getResourceAsStream("/export/coco.schema.json")) {
            String id = "https://verity.invalid/coco.schema.json";
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(
                            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(id, text)))
                    .getSchema(SchemaLocation.of(id));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode valid(byte[] coco) {
        JsonNode json = Json.parse(new String(coco, StandardCharsets.UTF_8));
        assertThat(COCO_SCHEMA.validate(json)).as(json.toString()).isEmpty();
        return json;
    }

    private static byte[] write(
            ExportJob job, MaskSource masks, CocoWriter.Masks encoding, ExportCounts[] counts, String... lines)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        counts[0] = new CocoWriter(job, masks, encoding, CLOCK).write(manifest(lines), out);
        return out.toByteArray();
    }

    @Test
    void aBoundingBoxJobsLabelsBecomeCocoImagesAnnotationsAndTheJobsCategoriesValidAgainstTheCocoSchema()
            throws IOException {
        ExportCounts[] counts = new ExportCounts[1];
        JsonNode coco = valid(write(
                job("groundtruth/object-detection", "BoundingBox", "dog", "cat", "bird"),
                uri -> Optional.empty(),
                CocoWriter.Masks.RLE,
                counts,
                boxLine("s3://b/photos/a.jpg", 500, 400, "yes", "", new double[] {0, 111, 134, 61, 128}, new double[] {
                    1, 10.5, 20, 30, 40
                }),
                "{\"source-ref\":\"s3://b/photos/unlabeled.jpg\"}",
                boxLine("s3://b/photos/empty.png", 64, 32, "no", "")));

        assertThat(counts[0]).isEqualTo(new ExportCounts(2, 1));
        assertThat(coco.path("info").path("year").asInt()).isEqualTo(2026);
        assertThat(coco.path("images")).hasSize(2);
        JsonNode first = coco.path("images").get(0);
        assertThat(first.path("id").asLong()).isEqualTo(1);
        assertThat(first.path("file_name").asText()).isEqualTo("photos/a.jpg");
        assertThat(first.path("width").asInt()).isEqualTo(500);
        assertThat(first.path("height").asInt()).isEqualTo(400);
        assertThat(first.path("source_ref").asText()).isEqualTo("s3://b/photos/a.jpg");
        JsonNode second = coco.path("images").get(1);
        assertThat(second.path("id").asLong())
                .as("the image id is the manifest line")
                .isEqualTo(3);
        assertThat(second.path("width").asInt()).isEqualTo(64);

        JsonNode annotations = coco.path("annotations");
        assertThat(annotations).hasSize(2);
        JsonNode dog = annotations.get(0);
        assertThat(dog.path("id").asInt()).isEqualTo(1);
        assertThat(dog.path("image_id").asInt()).isEqualTo(1);
        assertThat(dog.path("category_id").asInt()).as("class 0 is category 1").isEqualTo(1);
        assertThat(dog.path("bbox").toString()).isEqualTo("[111.0,134.0,61.0,128.0]");
        assertThat(dog.path("area").asDouble()).isEqualTo(61.0 * 128);
        assertThat(dog.path("iscrowd").asInt()).isZero();
        assertThat(dog.path("segmentation").isArray()).isTrue();
        assertThat(dog.path("attributes").path("confidence").asDouble()).isEqualTo(0.8);
        assertThat(dog.path("attributes").path("annotated_by").asText()).isEqualTo("human");
        JsonNode cat = annotations.get(1);
        assertThat(cat.path("id").asInt()).isEqualTo(2);
        assertThat(cat.path("category_id").asInt()).isEqualTo(2);
        assertThat(cat.path("bbox").get(0).asDouble()).isEqualTo(10.5);

        JsonNode categories = coco.path("categories");
        assertThat(categories).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(categories.get(i).path("id").asInt()).isEqualTo(i + 1);
        }
        assertThat(categories.get(2).path("name").asText())
                .as("every category of the job, labeled or not")
                .isEqualTo("bird");
    }

    @Test
    void anAdjustmentJobsExportReadsItsOwnLabelAttributeNotTheEarlierJobs() throws IOException {
        String line = boxLine("s3://b/a.jpg", 100, 100, "yes", ",\"adjustment-status\":\"adjusted\"", new double[] {
                    1, 5, 6, 7, 8
                })
                .replace(
                        "{\"source-ref\":\"s3://b/a.jpg\",",
                        "{\"source-ref\":\"s3://b/a.jpg\",\"earlier\":{\"image_size\":[{\"width\":100,\"height\":100,"
                                + "\"depth\":3}],\"annotations\":[{\"class_id\":0,\"left\":50,\"top\":50,\"width\":9,"
                                + "\"height\":9}]},");
        ExportCounts[] counts = new ExportCounts[1];
        JsonNode coco = valid(write(
                job("groundtruth/object-detection", "AdjustmentBoundingBox", "dog", "cat"),
                uri -> Optional.empty(),
                CocoWriter.Masks.RLE,
                counts,
                line));

        assertThat(coco.path("annotations")).hasSize(1);
        assertThat(coco.path("annotations").get(0).path("bbox").toString()).isEqualTo("[5.0,6.0,7.0,8.0]");
        assertThat(coco.path("annotations").get(0).path("category_id").asInt()).isEqualTo(2);
    }

    /** A 5 x 4 mask: road (class 1) an L, sky (class 2) two separate pixels, the rest background. */
    private static final int[][] MASK = {
        {1, 1, 0, 0, 2},
        {1, 0, 0, 0, 0},
        {1, 1, 1, 0, 0},
        {0, 0, 0, 0, 2}
    };

    private static final int[] COLOURS = {0xffffff, 0xf28333, 0x1f77b4};

    private static byte[] maskPng() throws IOException {
        BufferedImage image = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                image.setRGB(x, y, COLOURS[MASK[y][x]]);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static String maskLine(String maskUri) {
        return ("{\"source-ref\":\"s3://b/street.jpg\",\"lab-ref\":\"%s\",\"lab-ref-metadata\":{"
                        + "\"internal-color-map\":{\"0\":{\"class-name\":\"BACKGROUND\",\"confidence\":0.7,"
                        + "\"hex-color\":\"#ffffff\"},\"1\":{\"class-name\":\"road\",\"confidence\":0.7,"
                        + "\"hex-color\":\"#f28333\"},\"2\":{\"class-name\":\"sky\",\"confidence\":0.7,"
                        + "\"hex-color\":\"#1f77b4\"}},\"type\":\"groundtruth/semantic-segmentation\","
                        + "\"human-annotated\":\"yes\",%s}}")
                .formatted(maskUri, ExportFixtures.META);
    }

    private static ExportJob maskJob(String taskType) {
        return new ExportJob(
                "j", "lab-ref", taskType, "groundtruth/semantic-segmentation", java.util.List.of("road", "sky"));
    }

    private static Set<String> pixelsOf(int classIndex) {
        Set<String> pixels = new HashSet<>();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                if (MASK[y][x] == classIndex) {
                    pixels.add(x + "," + y);
                }
            }
        }
        return pixels;
    }

    @Test
    void aSegmentationMaskBecomesOneCocoRleAnnotationPerClassInColumnMajorOrder() throws IOException {
        byte[] png = maskPng();
        Map<String, byte[]> stored = new HashMap<>(Map.of("s3://b/out/j/mask.png", png));
        for (String taskType : new String[] {"SemanticSegmentation", "AdjustmentSemanticSegmentation"}) {
            ExportCounts[] counts = new ExportCounts[1];
            JsonNode coco = valid(write(
                    maskJob(taskType),
                    uri -> Optional.ofNullable(stored.get(uri)).map(ByteArrayInputStream::new),
                    CocoWriter.Masks.RLE,
                    counts,
                    maskLine("s3://b/out/j/mask.png"),
                    maskLine("s3://b/out/j/missing.png")));

            assertThat(counts[0])
                    .as("a line whose mask cannot be read is left out")
                    .isEqualTo(new ExportCounts(1, 1));
            JsonNode image = coco.path("images").get(0);
            assertThat(image.path("width").asInt()).isEqualTo(5);
            assertThat(image.path("height").asInt()).isEqualTo(4);
            JsonNode annotations = coco.path("annotations");
            assertThat(annotations).hasSize(2);
            for (JsonNode annotation : annotations) {
                int category = annotation.path("category_id").asInt();
                assertThat(coco.path("categories")
                                .get(category - 1)
                                .path("name")
                                .asText())
                        .isEqualTo(category == 1 ? "road" : "sky");
                assertThat(annotation.path("iscrowd").asInt()).isEqualTo(1);
                JsonNode rle = annotation.path("segmentation");
                assertThat(rle.path("size").toString()).as("[height, width]").isEqualTo("[4,5]");
                // decode: column-major runs, alternating outside/inside, starting outside
                Set<String> decoded = new HashSet<>();
                long position = 0;
                long total = 0;
                boolean inside = false;
                for (JsonNode run : rle.path("counts")) {
                    for (long i = 0; i < run.asLong(); i++, position++) {
                        if (inside) {
                            decoded.add((position / 4) + "," + (position % 4));
                        }
                    }
                    total += run.asLong();
                    inside = !inside;
                }
                assertThat(total).isEqualTo(20);
                assertThat(decoded).isEqualTo(pixelsOf(category));
                assertThat(annotation.path("area").asLong()).isEqualTo(decoded.size());
                assertThat(annotation.path("attributes").path("confidence").asDouble())
                        .isEqualTo(0.7);
            }
            JsonNode road = annotations.get(0);
            assertThat(road.path("bbox").toString()).isEqualTo("[0,0,3,3]");
            assertThat(road.path("segmentation").path("counts").toString())
                    .as(
                            "column 0: road rows 0-2, bg; column 1: road, bg, road, bg; column 2: bg, bg, road, bg; then bg")
                    .isEqualTo("[0,3,1,1,1,1,3,1,9]");
            JsonNode sky = annotations.get(1);
            assertThat(sky.path("bbox").toString()).isEqualTo("[4,0,1,4]");
        }
    }

    @Test
    void asPolygonsAMasksClassIsCoveredExactlyByRectanglesOfPixelEdges() throws IOException {
        byte[] png = maskPng();
        ExportCounts[] counts = new ExportCounts[1];
        JsonNode coco = valid(write(
                maskJob("SemanticSegmentation"),
                uri -> Optional.of(new ByteArrayInputStream(png)),
                CocoWriter.Masks.POLYGONS,
                counts,
                maskLine("s3://b/out/j/mask.png")));

        for (JsonNode annotation : coco.path("annotations")) {
            assertThat(annotation.path("iscrowd").asInt()).isZero();
            Set<String> covered = new HashSet<>();
            for (JsonNode polygon : annotation.path("segmentation")) {
                assertThat(polygon).hasSize(8);
                int x0 = polygon.get(0).asInt();
                int y0 = polygon.get(1).asInt();
                int x1 = polygon.get(4).asInt();
                int y1 = polygon.get(5).asInt();
                assertThat(polygon.get(2).asInt()).isEqualTo(x1);
                assertThat(polygon.get(3).asInt()).isEqualTo(y0);
                assertThat(polygon.get(6).asInt()).isEqualTo(x0);
                assertThat(polygon.get(7).asInt()).isEqualTo(y1);
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        assertThat(covered.add(x + "," + y))
                                .as("rectangles do not overlap")
                                .isTrue();
                    }
                }
            }
            assertThat(covered)
                    .isEqualTo(pixelsOf(annotation.path("category_id").asInt()));
        }
        // road: rows 0 and 2 are runs of their own, row 1 one pixel: three rectangles; sky: two single pixels
        assertThat(coco.path("annotations").get(0).path("segmentation")).hasSize(3);
        assertThat(coco.path("annotations").get(1).path("segmentation")).hasSize(2);
    }
}
