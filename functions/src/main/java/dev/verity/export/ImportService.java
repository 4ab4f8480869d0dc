package dev.verity.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.Violation;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Existing annotations as pre-labels: a COCO JSON file, a YOLO zip ({@code data.yaml} and {@code labels/…txt}) or a
 * Pascal VOC zip ({@code Annotations/…xml}), plus the S3 prefix of their images, become an input manifest whose label
 * attribute holds Ground Truth bounding-box labels ({@code image_size}, {@code annotations} in whole pixels, and
 * {@code -metadata} of type {@code groundtruth/object-detection}) and a label category configuration, ready for an
 * {@code AdjustmentBoundingBox} or {@code VerificationBoundingBox} job.
 *
 * <p>Images: COCO's {@code file_name}, VOC's {@code filename} and YOLO's label path (its extension found by listing the
 * prefix) are read relative to the prefix. Sizes: COCO's and VOC's own; YOLO's from each image's header. Categories:
 * COCO's in the file's order, YOLO's {@code names}, VOC's in order of first appearance. A COCO file is held as its
 * images and boxes (some tens of bytes a box), since its boxes are not grouped by image; the zips are read as streams.
 */
public final class ImportService {

    private static final DateTimeFormatter CREATION =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    /** Most reasons for skipped items named in the answer. */
    private static final int MAX_REASONS = 20;

    private final ObjectStore objects;
    private final Clock clock;

    public ImportService(ObjectStore objects, Clock clock) {
        this.objects = objects;
        this.clock = clock;
    }

    /**
     * Reads {@code {"format": "coco|yolo|voc", "annotationsS3Uri", "imagesS3Prefix", "labelAttributeName",
     * "manifestS3Uri"?}} and writes the manifest (by default next to the annotations, {@code <name>.manifest}) and its
     * categories ({@code <manifest>-categories.json}).
     *
     * @throws InvalidRequestException naming each bad field, or an annotation file that is missing or unreadable
     */
    public ImportResult importLabels(JsonNode body) throws IOException {
        List<Violation> violations = new ArrayList<>();
        String format = text(body, "format", violations);
        S3Uri annotations = uri(body, "annotationsS3Uri", false, violations);
        S3Uri prefix = uri(body, "imagesS3Prefix", true, violations);
        String attribute = text(body, "labelAttributeName", violations);
        if (attribute != null
                && (!attribute.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}")
                        || attribute.endsWith("-metadata")
                        || attribute.endsWith("-ref")
                        || attribute.equals("source"))) {
            violations.add(new Violation(
                    "labelAttributeName",
                    "must be 1-127 letters, digits and dashes, not end in -metadata or -ref, and not be source"));
        }
        if (format != null && !List.of("coco", "yolo", "voc").contains(format.toLowerCase(Locale.ROOT))) {
            violations.add(new Violation("format", "must be coco, yolo or voc, not \"" + format + "\""));
        }
        S3Uri manifest = body.hasNonNull("manifestS3Uri")
                ? uri(body, "manifestS3Uri", false, violations)
                : annotations == null
                        ? null
                        : new S3Uri(annotations.bucket(), stripExtension(annotations.key()) + ".manifest");
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Optional<InputStream> file = objects.open(annotations);
        if (file.isEmpty()) {
            throw new InvalidRequestException(
                    List.of(new Violation("annotationsS3Uri", "there is no object " + annotations)));
        }
        Categories categories = new Categories();
        List<String> skipped = new ArrayList<>();
        long[] counts = new long[2];
        String jobName = "labeling-job/import-" + format.toLowerCase(Locale.ROOT);
        String created = CREATION.format(clock.instant());
        try (InputStream in = file.get();
                OutputStream out = objects.create(manifest, "application/jsonlines");
                Writer lines = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            ImageSink sink = image -> {
                lines.write(Json.write(line(image, attribute, categories, jobName, created)));
                lines.write('\n');
                counts[0]++;
                counts[1] += image.boxes().size();
            };
            switch (format.toLowerCase(Locale.ROOT)) {
                case "coco" -> readCoco(in, prefix, categories, sink, skipped);
                case "voc" -> readVoc(in, prefix, categories, sink, skipped);
                default -> readYolo(annotations, prefix, categories, sink, skipped);
            }
            lines.flush();
        } catch (BadFileException e) {
            throw new InvalidRequestException(List.of(new Violation("annotationsS3Uri", e.getMessage())));
        }
        S3Uri categoriesUri = new S3Uri(manifest.bucket(), stripExtension(manifest.key()) + "-categories.json");
        ObjectNode config = Json.object().put("document-version", "2018-11-28");
        ArrayNode labels = config.putArray("labels");
        categories.names().forEach(name -> labels.addObject().put("label", name));
        objects.put(categoriesUri, Json.write(config).getBytes(StandardCharsets.UTF_8), "application/json");
        return new ImportResult(
                manifest.toString(),
                categoriesUri.toString(),
                attribute,
                categories.names(),
                counts[0],
                counts[1],
                skipped.size() > MAX_REASONS ? List.copyOf(skipped.subList(0, MAX_REASONS)) : List.copyOf(skipped));
    }

    private static ObjectNode line(
            ImportedImage image, String attribute, Categories categories, String jobName, String created) {
        ObjectNode line = Json.object().put("source-ref", image.sourceRef());
        ObjectNode label = line.putObject(attribute);
        label.putArray("image_size")
                .addObject()
                .put("width", image.width())
                .put("height", image.height())
                .put("depth", image.depth());
        ArrayNode annotations = label.putArray("annotations");
        ObjectNode metadata = line.putObject(attribute + "-metadata");
        ArrayNode confidences = metadata.putArray("objects");
        Map<Integer, String> classMap = new TreeMap<>();
        for (ImportedImage.ImportedBox box : image.boxes()) {
            annotations
                    .addObject()
                    .put("class_id", box.classId())
                    .put("left", box.left())
                    .put("top", box.top())
                    .put("width", box.width())
                    .put("height", box.height());
            confidences.addObject().put("confidence", box.confidence());
            classMap.put(box.classId(), categories.names().get(box.classId()));
        }
        ObjectNode classes = metadata.putObject("class-map");
        classMap.forEach((id, name) -> classes.put(String.valueOf(id), name));
        metadata.put("type", OutputTypes.BOXES)
                .put("human-annotated", "yes")
                .put("creation-date", created)
                .put("job-name", jobName);
        return line;
    }

    @FunctionalInterface
    private interface ImageSink {
        void accept(ImportedImage image) throws IOException;
    }

    /** Category names by class id, in the order they are first named. */
    private static final class Categories {
        private final Map<String, Integer> ids = new LinkedHashMap<>();

        int id(String name) {
            return ids.computeIfAbsent(name, n -> ids.size());
        }

        List<String> names() {
            return List.copyOf(ids.keySet());
        }
    }

    /** An annotation file that cannot be read as its format. */
    private static final class BadFileException extends IOException {
        BadFileException(String message) {
            super(message);
        }
    }

    // ---- COCO

    private record CocoImage(String fileName, int width, int height) {}

    private void readCoco(InputStream in, S3Uri prefix, Categories categories, ImageSink sink, List<String> skipped)
            throws IOException {
        Map<Long, CocoImage> images = new LinkedHashMap<>();
        Map<Long, List<double[]>> boxes = new HashMap<>();
        Map<Long, String> categoryNames = new LinkedHashMap<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadFileException("not a COCO JSON file: it is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value != JsonToken.START_ARRAY
                        || !List.of("images", "annotations", "categories").contains(field)) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode item = Json.MAPPER.readTree(parser);
                    switch (field) {
                        case "images" -> {
                            if (item.path("id").canConvertToLong()
                                    && item.path("file_name").isTextual()) {
                                images.put(
                                        item.get("id").asLong(),
                                        new CocoImage(
                                                item.get("file_name").asText(),
                                                item.path("width").asInt(0),
                                                item.path("height").asInt(0)));
                            }
                        }
                        case "categories" -> {
                            if (item.path("id").canConvertToLong()
                                    && item.path("name").isTextual()) {
                                categoryNames.put(
                                        item.get("id").asLong(),
                                        item.get("name").asText());
                            }
                        }
                        default -> {
                            JsonNode bbox = item.path("bbox");
                            if (item.path("image_id").canConvertToLong()
                                    && item.path("category_id").canConvertToLong()
                                    && bbox.isArray()
                                    && bbox.size() == 4) {
                                boxes.computeIfAbsent(item.get("image_id").asLong(), k -> new ArrayList<>())
                                        .add(new double[] {
                                            item.get("category_id").asLong(),
                                            bbox.get(0).asDouble(),
                                            bbox.get(1).asDouble(),
                                            bbox.get(2).asDouble(),
                                            bbox.get(3).asDouble(),
                                            item.path("score").asDouble(0)
                                        });
                            } else {
                                skip(skipped, "annotation " + item.path("id") + ": no image_id, category_id or bbox");
                            }
                        }
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadFileException("not a COCO JSON file: " + e.getOriginalMessage());
        }
        Map<Long, Integer> classOf = new HashMap<>();
        categoryNames.forEach((id, name) -> classOf.put(id, categories.id(name)));
        for (Map.Entry<Long, CocoImage> entry : images.entrySet()) {
            CocoImage image = entry.getValue();
            if (image.width() <= 0 || image.height() <= 0) {
                skip(skipped, "image " + image.fileName() + ": no width and height");
                continue;
            }
            List<ImportedImage.ImportedBox> imported = new ArrayList<>();
            for (double[] b : boxes.getOrDefault(entry.getKey(), List.of())) {
                Integer classId = classOf.get((long) b[0]);
                if (classId == null) {
                    skip(skipped, "a box of image " + image.fileName() + ": no category " + (long) b[0]);
                    continue;
                }
                box(classId, b[1], b[2], b[1] + b[3], b[2] + b[4], image.width(), image.height(), b[5])
                        .ifPresent(imported::add);
            }
            sink.accept(new ImportedImage(
                    prefix.resolve(image.fileName()).toString(), image.width(), image.height(), 3, imported));
        }
    }

    /** A box from corners in pixels, rounded to whole pixels and clipped to the image; empty if nothing is left. */
    private static Optional<ImportedImage.ImportedBox> box(
            int classId, double x0, double y0, double x1, double y1, int width, int height, double confidence) {
        int left = (int) Math.max(0, Math.min(width, Math.round(x0)));
        int top = (int) Math.max(0, Math.min(height, Math.round(y0)));
        int right = (int) Math.max(0, Math.min(width, Math.round(x1)));
        int bottom = (int) Math.max(0, Math.min(height, Math.round(y1)));
        if (right <= left || bottom <= top) {
            return Optional.empty();
        }
        return Optional.of(new ImportedImage.ImportedBox(
                classId, left, top, right - left, bottom - top, Math.max(0, Math.min(1, confidence))));
    }

    // ---- VOC

    private void readVoc(InputStream in, S3Uri prefix, Categories categories, ImageSink sink, List<String> skipped)
            throws IOException {
        DocumentBuilder xml = safeXml();
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()
                        || !entry.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    continue;
                }
                Document document;
                try {
                    document = xml.parse(new ByteArrayInputStream(zip.readAllBytes()));
                } catch (SAXException e) {
                    skip(skipped, entry.getName() + ": not well-formed XML (" + e.getMessage() + ")");
                    continue;
                }
                Element root = document.getDocumentElement();
                String fileName = child(root, "filename");
                Element size = first(root, "size");
                int width = size == null ? 0 : parseInt(child(size, "width"));
                int height = size == null ? 0 : parseInt(child(size, "height"));
                int depth = size == null ? 3 : Math.max(1, parseInt(child(size, "depth")));
                if (fileName == null || fileName.isBlank() || width <= 0 || height <= 0) {
                    skip(skipped, entry.getName() + ": no filename, or no size");
                    continue;
                }
                List<ImportedImage.ImportedBox> boxes = new ArrayList<>();
                NodeList objectsOf = root.getElementsByTagName("object");
                for (int i = 0; i < objectsOf.getLength(); i++) {
                    Element object = (Element) objectsOf.item(i);
                    String name = child(object, "name");
                    Element bndbox = first(object, "bndbox");
                    if (name == null || bndbox == null) {
                        skip(skipped, entry.getName() + ": an object without name or bndbox");
                        continue;
                    }
                    // VOC's corners are 1-based inclusive pixels
                    double xmin = parseDouble(child(bndbox, "xmin"));
                    double ymin = parseDouble(child(bndbox, "ymin"));
                    double xmax = parseDouble(child(bndbox, "xmax"));
                    double ymax = parseDouble(child(bndbox, "ymax"));
                    box(categories.id(name.trim()), xmin - 1, ymin - 1, xmax, ymax, width, height, 0)
                            .ifPresent(boxes::add);
                }
                sink.accept(new ImportedImage(prefix.resolve(fileName.trim()).toString(), width, height, depth, boxes));
            }
        }
    }

    private static DocumentBuilder safeXml() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // no DOCTYPE, no external entities: an uploaded file must not read the function's files or the network
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element first(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String child(Element parent, String name) {
        Element e = first(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : (int) Math.round(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    // ---- YOLO

    private void readYolo(S3Uri zipUri, S3Uri prefix, Categories categories, ImageSink sink, List<String> skipped)
            throws IOException {
        // first pass: data.yaml's names, wherever the zip has it
        List<String> names = null;
        try (ZipInputStream zip = openZip(zipUri)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (name.equals("data.yaml") || name.endsWith("/data.yaml")) {
                    names = yamlNames(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    break;
                }
            }
        }
        if (names == null || names.isEmpty()) {
            throw new BadFileException("the YOLO zip has no data.yaml with names");
        }
        names.forEach(categories::id);
        // the images under the prefix by key without extension: YOLO's label files name an image without its own
        Map<String, S3Uri> imageOfStem = new HashMap<>();
        for (S3Uri image : objects.list(prefix)) {
            String relative = image.key().substring(prefix.key().length());
            int dot = relative.lastIndexOf('.');
            if (dot > relative.lastIndexOf('/') + 1) {
                imageOfStem.putIfAbsent(relative.substring(0, dot), image);
            }
        }
        try (ZipInputStream zip = openZip(zipUri)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".txt") || name.endsWith("images.txt")) {
                    continue;
                }
                String stem = name.substring(0, name.length() - 4);
                if (stem.startsWith("labels/")) {
                    stem = stem.substring("labels/".length());
                }
                S3Uri image = imageOfStem.get(stem);
                if (image == null) {
                    skip(skipped, name + ": no image " + prefix + stem + ".*");
                    continue;
                }
                int[] size = imageSize(image);
                if (size == null) {
                    skip(skipped, name + ": " + image + " is not an image Verity reads");
                    continue;
                }
                List<ImportedImage.ImportedBox> boxes = new ArrayList<>();
                for (String row : new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String[] f = row.trim().split("\\s+");
                    if (f.length < 5) {
                        continue;
                    }
                    try {
                        int classId = Integer.parseInt(f[0]);
                        double cx = Double.parseDouble(f[1]) * size[0];
                        double cy = Double.parseDouble(f[2]) * size[1];
                        double w = Double.parseDouble(f[3]) * size[0];
                        double h = Double.parseDouble(f[4]) * size[1];
                        if (classId < 0 || classId >= names.size()) {
                            skip(skipped, name + ": class " + classId + " is not in data.yaml's names");
                            continue;
                        }
                        box(classId, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, size[0], size[1], 0)
                                .ifPresent(boxes::add);
                    } catch (NumberFormatException e) {
                        skip(skipped, name + ": a line that is not class cx cy w h");
                    }
                }
                sink.accept(new ImportedImage(image.toString(), size[0], size[1], 3, boxes));
            }
        }
    }

    private ZipInputStream openZip(S3Uri uri) throws IOException {
        InputStream in = objects.open(uri).orElseThrow(() -> new BadFileException("there is no object " + uri));
        return new ZipInputStream(in, StandardCharsets.UTF_8);
    }

    /** {@code names:} as a block map ({@code 0: cat}) or list ({@code - cat}), or a flow list ({@code [cat, dog]}). */
    static List<String> yamlNames(String yaml) {
        List<String> names = new ArrayList<>();
        Iterator<String> lines = yaml.lines().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.startsWith("names:")) {
                continue;
            }
            String rest = line.substring("names:".length()).trim();
            if (rest.startsWith("[")) {
                for (String name : rest.substring(1, rest.lastIndexOf(']')).split(",")) {
                    if (!name.isBlank()) {
                        names.add(unquote(name.trim()));
                    }
                }
                return names;
            }
            while (lines.hasNext()) {
                String item = lines.next();
                if (!item.startsWith(" ") && !item.startsWith("-")) {
                    break;
                }
                String t = item.trim();
                if (t.startsWith("- ")) {
                    names.add(unquote(t.substring(2).trim()));
                } else if (t.matches("\\d+\\s*:.*")) {
                    names.add(unquote(t.substring(t.indexOf(':') + 1).trim()));
                }
            }
            return names;
        }
        return names;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }

    /** {width, height} from the image's header, or null if it is missing or not an image. */
    private int[] imageSize(S3Uri uri) throws IOException {
        Optional<InputStream> in = objects.open(uri);
        if (in.isEmpty()) {
            return null;
        }
        try (InputStream stream = in.get();
                ImageInputStream image = new MemoryCacheImageInputStream(stream)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(image);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(image, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    private static void skip(List<String> skipped, String why) {
        if (skipped.size() <= MAX_REASONS) {
            skipped.add(why);
        }
    }

    private static String text(JsonNode body, String field, List<Violation> violations) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            violations.add(new Violation(field, "is required (a string)"));
            return null;
        }
        return value.asText();
    }

    private static S3Uri uri(JsonNode body, String field, boolean prefix, List<Violation> violations) {
        String text = text(body, field, violations);
        if (text == null) {
            return null;
        }
        StringBuilder error = new StringBuilder();
        Optional<S3Uri> uri = S3Uri.tryParse(prefix && !text.endsWith("/") ? text + "/" : text, prefix, error);
        if (uri.isEmpty()) {
            violations.add(new Violation(field, error.toString()));
            return null;
        }
        return uri.get();
    }

    private static String stripExtension(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash + 1 ? key.substring(0, dot) : key;
    }
}
