package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated answer of the {@code crowd-semantic-segmentation} element, named as in Ground Truth's built-in
 * template: {@code {"crowd-semantic-segmentation":{"inputImageProperties":{height,width},
 * "labelMappings":{"<label>":{"color":"#rrggbb"}},"labeledImage":{"pngImageData":"<base64 PNG>"}}}}, plus
 * {@code initialValueModified} when adjusting an earlier mask. The PNG paints every pixel in the colour
 * {@code labelMappings} gives its label, or white for the background; a fully transparent pixel is background too,
 * since that is what an untouched browser canvas exports.
 *
 * @param labelMappings        label to lower-case {@code #rrggbb}, in category order
 * @param pngImageData         the worker's PNG as submitted (base64), kept so the stored answer is the element's
 * @param mask                 the PNG, read row by row as class indices: 0 background, category index + 1 for a label
 * @param initialValueModified null when the answer does not say
 */
record SegmentationAnswer(
        int imageWidth,
        int imageHeight,
        Map<String, String> labelMappings,
        String pngImageData,
        PaintedMask mask,
        Boolean initialValueModified) {

    static final String ELEMENT = "crowd-semantic-segmentation";
    /** Ground Truth's image resolution limit for jobs without automated labeling (reference §8). */
    static final long MAX_PIXELS = 100_000_000L;
    /** An HTTP API request carries at most 10 MB, so no larger mask can arrive through the worker API. */
    static final int MAX_PNG_BYTES = 10 * 1024 * 1024;

    private static final String IMAGE = "inputImageProperties";
    private static final String MAPPINGS = "labelMappings";
    private static final String LABELED = "labeledImage";
    private static final String PNG = "pngImageData";
    private static final String MODIFIED = ElementAnswerShape.MODIFIED;
    private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final String EXPECTED_SHAPE = "expected {\"" + ELEMENT + "\":{\"" + IMAGE
            + "\":{\"height\":h,\"width\":w},\"" + MAPPINGS + "\":{\"<category>\":{\"color\":\"#rrggbb\"},...},\""
            + LABELED + "\":{\"" + PNG + "\":\"<base64 PNG>\"}}}";
    private static final ElementAnswerShape SHAPE = new ElementAnswerShape(ELEMENT, EXPECTED_SHAPE);

    SegmentationAnswer {
        labelMappings = Collections.unmodifiableMap(new LinkedHashMap<>(labelMappings));
    }

    /**
     * Parses an answer checked before, against its own {@code inputImageProperties}: a stored answer, which the
     * submit path checked against the image.
     *
     * @see #parse(JsonNode, LabelCategoryConfig, boolean, ImageSize)
     */
    static SegmentationAnswer parse(JsonNode answerContent, LabelCategoryConfig categories, boolean adjusting) {
        return parse(answerContent, categories, adjusting, null);
    }

    /**
     * Parses and checks a worker's answer. The PNG's header is checked before any pixel is decoded: its size must be
     * the image's, its format one a mask painter writes ({@link PngHeader}); its pixels are then read row by row.
     *
     * @param adjusting true if the worker adjusted an earlier mask: {@code initialValueModified} is then required;
     *                  otherwise it is optional
     * @param imageSize the labeled image's size from its own header, or null to trust {@code inputImageProperties}
     * @throws InvalidAnswerException saying what is wrong; a wrong pixel is named by its position and colour
     */
    static SegmentationAnswer parse(
            JsonNode answerContent, LabelCategoryConfig categories, boolean adjusting, ImageSize imageSize) {
        if (answerContent == null || !answerContent.isObject()) {
            throw SHAPE.error("the answer is not a JSON object", adjusting);
        }
        SHAPE.rejectUnexpectedFields(answerContent, Set.of(ELEMENT), "", adjusting);
        JsonNode element = object(answerContent, ELEMENT, "", adjusting);
        SHAPE.rejectUnexpectedFields(element, Set.of(IMAGE, MAPPINGS, LABELED, MODIFIED), ELEMENT + ".", adjusting);
        JsonNode image = object(element, IMAGE, ELEMENT + ".", adjusting);
        SHAPE.rejectUnexpectedFields(image, Set.of("height", "width"), ELEMENT + "." + IMAGE + ".", adjusting);
        int width = imageSide(image, "width", adjusting);
        int height = imageSide(image, "height", adjusting);
        if (imageSize != null && (width != imageSize.width() || height != imageSize.height())) {
            throw new InvalidAnswerException("\"" + ELEMENT + "." + IMAGE + "\" says " + width + "x" + height
                    + " but the image is " + imageSize);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new InvalidAnswerException("the image is " + width + "x" + height + " = " + (long) width * height
                    + " pixels; at most " + MAX_PIXELS + " (100 MP) are allowed");
        }
        Boolean modified = SHAPE.initialValueModified(element.get(MODIFIED), adjusting);
        Map<String, String> mappings =
                labelMappings(object(element, MAPPINGS, ELEMENT + ".", adjusting), categories, adjusting);
        JsonNode labeled = object(element, LABELED, ELEMENT + ".", adjusting);
        SHAPE.rejectUnexpectedFields(labeled, Set.of(PNG), ELEMENT + "." + LABELED + ".", adjusting);
        JsonNode data = labeled.get(PNG);
        String path = "\"" + ELEMENT + "." + LABELED + "." + PNG + "\"";
        if (data == null || !data.isTextual()) {
            throw SHAPE.error(path + " is " + (data == null ? "missing" : "not a string"), adjusting);
        }
        // Base64 takes 4 characters per 3 bytes: refuse an oversized PNG before decoding it.
        if (data.textValue().length() / 4L * 3 > MAX_PNG_BYTES) {
            throw new InvalidAnswerException(path + " holds more than " + MAX_PNG_BYTES + " bytes");
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(data.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidAnswerException(path + " is not valid base64: " + e.getMessage());
        }
        PngHeader header = PngHeader.read(png, path, MAX_PIXELS);
        if (header.width() != width || header.height() != height) {
            throw new InvalidAnswerException(
                    "the mask is " + header.size() + " but the image is " + width + "x" + height);
        }
        Map<Integer, Integer> classByRgb = new HashMap<>();
        mappings.forEach(
                (label, hex) -> classByRgb.put(Integer.parseInt(hex.substring(1), 16), categories.indexOf(label) + 1));
        PaintedMask mask = new PaintedMask(png, header, classByRgb, path);
        mask.check();
        return new SegmentationAnswer(width, height, mappings, data.textValue(), mask, modified);
    }

    /** The answer in its one normalized shape: labels in category order, colours in lower case. */
    JsonNode toJson() {
        ObjectNode element = Json.object();
        element.putObject(IMAGE).put("height", imageHeight).put("width", imageWidth);
        ObjectNode mappings = element.putObject(MAPPINGS);
        labelMappings.forEach((label, colour) -> mappings.putObject(label).put("color", colour));
        element.putObject(LABELED).put(PNG, pngImageData);
        if (initialValueModified != null) {
            element.put(MODIFIED, initialValueModified);
        }
        ObjectNode answer = Json.object();
        answer.set(ELEMENT, element);
        return answer;
    }

    private static Map<String, String> labelMappings(JsonNode node, LabelCategoryConfig categories, boolean adjusting) {
        Map<String, String> labelByColour = new HashMap<>();
        Map<String, String> colourByLabel = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String label = field.getKey();
            if (categories.indexOf(label) < 0) {
                throw new InvalidAnswerException("unknown label " + Json.write(label) + " in " + MAPPINGS
                        + "; allowed labels: " + Json.write(categories.labelNames()));
            }
            String path = ELEMENT + "." + MAPPINGS + "." + label;
            if (!field.getValue().isObject()) {
                throw SHAPE.error("\"" + path + "\" is not an object", adjusting);
            }
            SHAPE.rejectUnexpectedFields(field.getValue(), Set.of("color"), path + ".", adjusting);
            JsonNode colour = field.getValue().get("color");
            if (colour == null
                    || !colour.isTextual()
                    || !HEX_COLOUR.matcher(colour.textValue()).matches()) {
                throw new InvalidAnswerException("\"" + path + ".color\" must be a colour \"#rrggbb\", got "
                        + (colour == null ? "nothing" : colour.toString()));
            }
            String hex = colour.textValue().toLowerCase(Locale.ROOT);
            if (hex.equals(MaskPalette.hex(MaskPalette.BACKGROUND))) {
                throw new InvalidAnswerException(
                        "label " + Json.write(label) + " uses " + hex + ", the background's colour");
            }
            String other = labelByColour.putIfAbsent(hex, label);
            if (other != null) {
                throw new InvalidAnswerException(
                        "labels " + Json.write(other) + " and " + Json.write(label) + " both use the colour " + hex);
            }
            colourByLabel.put(label, hex);
        }
        Map<String, String> inCategoryOrder = new LinkedHashMap<>();
        categories.labelNames().stream()
                .filter(colourByLabel::containsKey)
                .forEach(label -> inCategoryOrder.put(label, colourByLabel.get(label)));
        return inCategoryOrder;
    }

    private static JsonNode object(JsonNode parent, String field, String prefix, boolean adjusting) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isObject()) {
            throw SHAPE.error(
                    "\"" + prefix + field + "\" is " + (value == null ? "missing" : "not an object"), adjusting);
        }
        return value;
    }

    private static int imageSide(JsonNode image, String side, boolean adjusting) {
        JsonNode value = image.get(side);
        String path = "\"" + ELEMENT + "." + IMAGE + "." + side + "\"";
        if (value == null || !value.isNumber()) {
            throw SHAPE.error(path + " is " + (value == null ? "missing" : "not a number"), adjusting);
        }
        if (!value.canConvertToInt() || value.doubleValue() != value.intValue() || value.intValue() < 1) {
            throw new InvalidAnswerException(path + " must be a whole number of pixels, at least 1, got " + value);
        }
        return value.intValue();
    }
}
