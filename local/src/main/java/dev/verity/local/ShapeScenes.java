package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Images of one to three circles, squares and triangles that do not touch, each with its true box: the shape's
 * bounding rectangle. Shared by the box, adjustment, verification and image multi-label demos, with helpers for the
 * JSON those jobs exchange: {@code crowd-bounding-box} answers and Ground Truth's object-detection labels.
 */
final class ShapeScenes {

    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    static final List<String> LABELS = DemoDataset.LABELS;
    private static final int GAP = 4;

    /** One image and the boxes of the shapes drawn in it. */
    record Scene(String name, byte[] png, List<DemoBox> boxes) {}

    private ShapeScenes() {}

    static List<Scene> generate(int count, SplittableRandom random) {
        return generate(count, random, WIDTH, HEIGHT, 22, 44);
    }

    /** Scenes of another image size, with shapes {@code minSize} to {@code maxSize} pixels wide. */
    static List<Scene> generate(int count, SplittableRandom random, int width, int height, int minSize, int maxSize) {
        List<Scene> scenes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int wanted = 1 + random.nextInt(3);
            List<DemoBox> boxes = new ArrayList<>();
            for (int attempt = 0; attempt < 100 && boxes.size() < wanted; attempt++) {
                int size = minSize + random.nextInt(maxSize - minSize + 1);
                DemoBox box = new DemoBox(
                        LABELS.get(random.nextInt(LABELS.size())),
                        random.nextInt(width - size),
                        random.nextInt(height - size),
                        size,
                        size);
                if (boxes.stream().noneMatch(other -> near(box, other))) {
                    boxes.add(box);
                }
            }
            scenes.add(new Scene(
                    String.format("scene-%04d.png", i), draw(boxes, width, height, random), List.copyOf(boxes)));
        }
        return scenes;
    }

    private static boolean near(DemoBox a, DemoBox b) {
        return a.left() < b.right() + GAP
                && b.left() < a.right() + GAP
                && a.top() < b.bottom() + GAP
                && b.top() < a.bottom() + GAP;
    }

    private static byte[] draw(List<DemoBox> boxes, int width, int height, SplittableRandom random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(235 + random.nextInt(20), 235 + random.nextInt(20), 235 + random.nextInt(20)));
            g.fillRect(0, 0, width, height);
            for (DemoBox box : boxes) {
                g.setColor(Color.getHSBColor((float) random.nextDouble(), 0.7f, 0.8f));
                fill(g, box);
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** Fills the shape in its box with the current colour: the one geometry of images and true masks. */
    static void fill(Graphics2D g, DemoBox box) {
        int x = (int) box.left();
        int y = (int) box.top();
        int size = (int) box.width();
        switch (box.label()) {
            case "circle" -> g.fillOval(x, y, size, size);
            case "square" -> g.fillRect(x, y, size, size);
            default -> g.fillPolygon(new int[] {x, x + size / 2, x + size}, new int[] {y + size, y, y + size}, 3);
        }
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** The label category configuration: the three shapes. */
    static ObjectNode categories() {
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        return categories;
    }

    /** A {@code crowd-bounding-box} submission (element name {@code boundingBox}), as Ground Truth's template sends. */
    static ObjectNode boxAnswer(List<DemoBox> boxes, Boolean initialValueModified) {
        ObjectNode answer = Json.object();
        ObjectNode element = answer.putObject("boundingBox");
        ArrayNode drawn = element.putArray("boundingBoxes");
        for (DemoBox box : boxes) {
            drawn.addObject()
                    .put("height", box.height())
                    .put("label", box.label())
                    .put("left", box.left())
                    .put("top", box.top())
                    .put("width", box.width());
        }
        element.putObject("inputImageProperties").put("height", HEIGHT).put("width", WIDTH);
        if (initialValueModified != null) {
            element.put("initialValueModified", initialValueModified);
        }
        return answer;
    }

    /** The boxes of a {@code crowd-bounding-box} submission. */
    static List<DemoBox> fromBoxAnswer(JsonNode answerContent) {
        List<DemoBox> boxes = new ArrayList<>();
        for (JsonNode box : answerContent.path("boundingBox").path("boundingBoxes")) {
            boxes.add(new DemoBox(
                    box.path("label").asText(),
                    box.path("left").asDouble(),
                    box.path("top").asDouble(),
                    box.path("width").asDouble(),
                    box.path("height").asDouble()));
        }
        return boxes;
    }

    /**
     * Ground Truth's object-detection label as an earlier job would have written it: {@code <attribute>} with
     * {@code image_size} and {@code annotations}, {@code <attribute>-metadata} with {@code objects},
     * {@code class-map} and type {@code groundtruth/object-detection}.
     */
    static ObjectNode earlierLabel(String attribute, List<DemoBox> boxes) {
        ObjectNode fields = Json.object();
        ObjectNode value = fields.putObject(attribute);
        value.putArray("image_size")
                .addObject()
                .put("width", WIDTH)
                .put("height", HEIGHT)
                .put("depth", 3);
        ArrayNode annotations = value.putArray("annotations");
        ObjectNode metadata = fields.putObject(attribute + "-metadata");
        ArrayNode objects = metadata.putArray("objects");
        for (DemoBox box : boxes) {
            annotations
                    .addObject()
                    .put("class_id", LABELS.indexOf(box.label()))
                    .put("left", (int) box.left())
                    .put("top", (int) box.top())
                    .put("width", (int) box.width())
                    .put("height", (int) box.height());
            objects.addObject().put("confidence", 0.9);
        }
        ObjectNode classMap = metadata.putObject("class-map");
        for (int i = 0; i < LABELS.size(); i++) {
            classMap.put(Integer.toString(i), LABELS.get(i));
        }
        metadata.put("type", "groundtruth/object-detection")
                .put("human-annotated", "yes")
                .put("creation-date", "2024-01-15T10:00:00.000000")
                .put("job-name", "labeling-job/demo-earlier-boxes");
        return fields;
    }

    /** The boxes of an object-detection label under {@code attribute}, class ids named through its class-map. */
    static List<DemoBox> fromLabel(JsonNode line, String attribute) {
        JsonNode classMap = line.path(attribute + "-metadata").path("class-map");
        List<DemoBox> boxes = new ArrayList<>();
        for (JsonNode box : line.path(attribute).path("annotations")) {
            boxes.add(new DemoBox(
                    classMap.path(box.path("class_id").asText()).asText("?"),
                    box.path("left").asDouble(),
                    box.path("top").asDouble(),
                    box.path("width").asDouble(),
                    box.path("height").asDouble()));
        }
        return boxes;
    }
}
