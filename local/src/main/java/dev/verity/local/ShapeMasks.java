package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ClassMask;
import dev.verity.json.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Segmentation scenes: {@link ShapeScenes}' images, small to keep painted answers small, each with its true class
 * mask drawn from the same shapes without antialiasing, so every pixel has exactly one class (0 background, 1 + the
 * label's index for a shape). Also the JSON segmentation jobs exchange: {@code crowd-semantic-segmentation} answers
 * and Ground Truth's semantic-segmentation labels (the S3 URI of a PNG mask with its {@code internal-color-map}).
 */
final class ShapeMasks {

    static final int WIDTH = 64;
    static final int HEIGHT = 48;
    static final List<String> LABELS = ShapeScenes.LABELS;
    static final String BACKGROUND = "BACKGROUND";
    /** What simulated workers paint with: colours of their own, declared in labelMappings; white is background. */
    private static final int[] WORKER_RGB = {0xffffff, 0xe6194b, 0x3cb44b, 0x4363d8};
    /** What earlier labels use: Ground Truth's white background and tab10 colours. */
    private static final int[] LABEL_RGB = {0xffffff, 0x1f77b4, 0xff7f0e, 0x2ca02c};

    /** One image and its true mask. */
    record Scene(String name, byte[] png, ClassMask mask) {}

    private ShapeMasks() {}

    static List<Scene> generate(int count, SplittableRandom random) {
        return ShapeScenes.generate(count, random, WIDTH, HEIGHT, 12, 22).stream()
                .map(scene -> new Scene(scene.name(), scene.png(), mask(scene.boxes())))
                .toList();
    }

    private static ClassMask mask(List<DemoBox> shapes) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            for (DemoBox shape : shapes) {
                g.setColor(new Color(LABELS.indexOf(shape.label()) + 1)); // the class index as the blue channel
                ShapeScenes.fill(g, shape);
            }
        } finally {
            g.dispose();
        }
        byte[] classes = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (byte) image.getRGB(i % WIDTH, i / WIDTH);
        }
        return new ClassMask(WIDTH, HEIGHT, classes);
    }

    /** A {@code crowd-semantic-segmentation} submission painting {@code mask} in the worker's colours. */
    static ObjectNode answer(ClassMask mask, Boolean initialValueModified) {
        ObjectNode answer = Json.object();
        ObjectNode element = answer.putObject("crowd-semantic-segmentation");
        element.putObject("inputImageProperties").put("height", mask.height()).put("width", mask.width());
        ObjectNode mappings = element.putObject("labelMappings");
        for (int i = 0; i < LABELS.size(); i++) {
            mappings.putObject(LABELS.get(i)).put("color", hex(WORKER_RGB[i + 1]));
        }
        element.putObject("labeledImage")
                .put("pngImageData", Base64.getEncoder().encodeToString(png(mask, WORKER_RGB)));
        if (initialValueModified != null) {
            element.put("initialValueModified", initialValueModified);
        }
        return answer;
    }

    /** The mask of a {@code crowd-semantic-segmentation} submission, read through its labelMappings. */
    static ClassMask fromAnswer(JsonNode answerContent) {
        JsonNode element = answerContent.path("crowd-semantic-segmentation");
        return read(
                Base64.getDecoder()
                        .decode(element.at("/labeledImage/pngImageData").asText()),
                classByRgb(element.path("labelMappings")));
    }

    /** The earlier mask a task starts from: its {@code initialValue} {@code {labelMappings, src}}. */
    static ClassMask fromInitialValue(JsonNode initialValue, DemoStore store) {
        String src = initialValue.path("src").asText();
        byte[] png = src.startsWith("http") ? download(src) : store.get(src);
        return read(png, classByRgb(initialValue.path("labelMappings")));
    }

    /** The earlier mask through the presigned URL the worker API hands out, as a browser would load it. */
    private static byte[] download(String url) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the earlier mask's URL answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the earlier mask", e);
        }
    }

    /** The manifest fields of an earlier job's label: the mask's URI under {@code attribute} and its metadata. */
    static ObjectNode earlierLabel(String attribute, String maskUri) {
        ObjectNode fields = Json.object().put(attribute, maskUri);
        ObjectNode metadata = fields.putObject(attribute + "-metadata");
        ObjectNode colorMap = metadata.putObject("internal-color-map");
        for (int i = 0; i < LABEL_RGB.length; i++) {
            colorMap.putObject(Integer.toString(i))
                    .put("class-name", i == 0 ? BACKGROUND : LABELS.get(i - 1))
                    .put("hex-color", hex(LABEL_RGB[i]))
                    .put("confidence", 0.9);
        }
        metadata.put("type", "groundtruth/semantic-segmentation")
                .put("human-annotated", "yes")
                .put("creation-date", "2024-01-15T10:00:00.000000")
                .put("job-name", "labeling-job/demo-earlier-masks");
        return fields;
    }

    /** The earlier label as an earlier job would have stored its mask. */
    static byte[] earlierPng(ClassMask mask) {
        return png(mask, LABEL_RGB);
    }

    /** The mask of the semantic-segmentation label under {@code attribute}, decoded with its internal-color-map. */
    static ClassMask fromLabel(JsonNode line, String attribute, DemoStore store) {
        Map<Integer, Integer> classByRgb = new HashMap<>();
        for (Iterator<JsonNode> classes = line.path(attribute + "-metadata")
                        .path("internal-color-map")
                        .elements();
                classes.hasNext(); ) {
            JsonNode entry = classes.next();
            String name = entry.path("class-name").asText();
            classByRgb.put(
                    rgb(entry.path("hex-color").asText()), name.equals(BACKGROUND) ? 0 : LABELS.indexOf(name) + 1);
        }
        return read(store.get(line.path(attribute).asText()), classByRgb);
    }

    private static Map<Integer, Integer> classByRgb(JsonNode labelMappings) {
        Map<Integer, Integer> classByRgb = new HashMap<>(Map.of(0xffffff, 0));
        labelMappings
                .fields()
                .forEachRemaining(mapping -> classByRgb.put(
                        rgb(mapping.getValue().path("color").asText()), LABELS.indexOf(mapping.getKey()) + 1));
        return classByRgb;
    }

    private static byte[] png(ClassMask mask, int[] rgbByClass) {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                image.setRGB(x, y, rgbByClass[mask.classAt(x, y)]);
            }
        }
        return ShapeScenes.png(image);
    }

    /** @throws IllegalArgumentException if a pixel has a colour {@code classByRgb} does not name */
    private static ClassMask read(byte[] png, Map<Integer, Integer> classByRgb) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] classes = new byte[image.getWidth() * image.getHeight()];
        for (int i = 0; i < classes.length; i++) {
            int rgb = image.getRGB(i % image.getWidth(), i / image.getWidth()) & 0xffffff;
            Integer classIndex = classByRgb.get(rgb);
            if (classIndex == null) {
                throw new IllegalArgumentException("a mask pixel has the unmapped colour " + hex(rgb));
            }
            classes[i] = (byte) (int) classIndex;
        }
        return new ClassMask(image.getWidth(), image.getHeight(), classes);
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }
}
