package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.Box;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated answer of the {@code crowd-bounding-box} element, named {@code boundingBox} as in Ground Truth's
 * built-in template: {@code {"boundingBox":{"boundingBoxes":[{height,label,left,top,width}],
 * "inputImageProperties":{height,width}}}}, plus {@code initialValueModified} when adjusting earlier boxes. Box
 * numbers are pixels from the image's top-left corner and may be fractional; the image size is whole pixels.
 *
 * @param initialValueModified null when the answer does not say
 */
record BoxAnswer(int imageWidth, int imageHeight, List<Box> boxes, Boolean initialValueModified) {

    static final String ELEMENT = "boundingBox";
    /** Far more than anyone draws on one image; bounds the work one answer can cause. */
    static final int MAX_BOXES = 500;

    private static final String BOXES = "boundingBoxes";
    private static final String IMAGE = "inputImageProperties";
    private static final String MODIFIED = ElementAnswerShape.MODIFIED;
    private static final Set<String> BOX_FIELDS = Set.of("height", "label", "left", "top", "width");
    private static final String EXPECTED_SHAPE = "expected {\"" + ELEMENT + "\":{\"" + BOXES
            + "\":[{\"height\":h,\"label\":\"<category>\",\"left\":x,\"top\":y,\"width\":w},...],\"" + IMAGE
            + "\":{\"height\":h,\"width\":w}}}";
    private static final ElementAnswerShape SHAPE = new ElementAnswerShape(ELEMENT, EXPECTED_SHAPE);

    BoxAnswer {
        boxes = List.copyOf(boxes);
    }

    /**
     * @param adjusting true if the worker adjusted earlier boxes: {@code initialValueModified} is then required;
     *                  otherwise it is optional
     * @throws InvalidAnswerException saying what is wrong; a box is named by its index in {@code boundingBoxes}
     */
    static BoxAnswer parse(JsonNode answerContent, LabelCategoryConfig categories, boolean adjusting) {
        if (answerContent == null || !answerContent.isObject()) {
            throw SHAPE.error("the answer is not a JSON object", adjusting);
        }
        SHAPE.rejectUnexpectedFields(answerContent, Set.of(ELEMENT), "", adjusting);
        JsonNode element = answerContent.get(ELEMENT);
        if (element == null || !element.isObject()) {
            throw SHAPE.error("\"" + ELEMENT + "\" is " + (element == null ? "missing" : "not an object"), adjusting);
        }
        SHAPE.rejectUnexpectedFields(element, Set.of(BOXES, IMAGE, MODIFIED), ELEMENT + ".", adjusting);
        JsonNode image = element.get(IMAGE);
        if (image == null || !image.isObject()) {
            throw SHAPE.error(
                    "\"" + ELEMENT + "." + IMAGE + "\" is " + (image == null ? "missing" : "not an object"), adjusting);
        }
        SHAPE.rejectUnexpectedFields(image, Set.of("height", "width"), ELEMENT + "." + IMAGE + ".", adjusting);
        int width = imageSide(image, "width", adjusting);
        int height = imageSide(image, "height", adjusting);
        Boolean modified = SHAPE.initialValueModified(element.get(MODIFIED), adjusting);
        JsonNode boxArray = element.get(BOXES);
        if (boxArray == null || !boxArray.isArray()) {
            throw SHAPE.error(
                    "\"" + ELEMENT + "." + BOXES + "\" is " + (boxArray == null ? "missing" : "not an array"),
                    adjusting);
        }
        if (boxArray.size() > MAX_BOXES) {
            throw new InvalidAnswerException(boxArray.size() + " boxes drawn; at most " + MAX_BOXES + " are allowed");
        }
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < boxArray.size(); i++) {
            boxes.add(box(boxArray.get(i), i, width, height, categories, adjusting));
        }
        return new BoxAnswer(width, height, boxes, modified);
    }

    /**
     * This answer, if its {@code inputImageProperties} are the size of the image it answers: the boxes were checked
     * against the stated size, so a worker stating a larger image could otherwise place boxes outside the real one.
     * An image whose header Java cannot read (a format ImageIO lacks) keeps the stated size, as before.
     *
     * @throws InvalidAnswerException if the stated size is not the image's
     */
    BoxAnswer checkedAgainst(AnsweredObject object) {
        ImageSize image;
        try {
            image = object.imageSize().get();
        } catch (IllegalStateException | UncheckedIOException e) {
            return this;
        }
        if (imageWidth != image.width() || imageHeight != image.height()) {
            throw new InvalidAnswerException("\"" + ELEMENT + "." + IMAGE + "\" says " + imageWidth + "x" + imageHeight
                    + " but the image is " + image);
        }
        return this;
    }

    /** The answer in its one normalized shape, labels spelled as in the categories. */
    JsonNode toJson(LabelCategoryConfig categories) {
        ObjectNode element = Json.object();
        ArrayNode boxArray = element.putArray(BOXES);
        for (Box box : boxes) {
            ObjectNode drawn = boxArray.addObject();
            drawn.set("height", number(box.height()));
            drawn.put("label", categories.labels().get(box.classId()).label());
            drawn.set("left", number(box.left()));
            drawn.set("top", number(box.top()));
            drawn.set("width", number(box.width()));
        }
        element.putObject(IMAGE).put("height", imageHeight).put("width", imageWidth);
        if (initialValueModified != null) {
            element.put(MODIFIED, initialValueModified);
        }
        ObjectNode answer = Json.object();
        answer.set(ELEMENT, element);
        return answer;
    }

    private static int imageSide(JsonNode image, String side, boolean adjusting) {
        JsonNode value = image.get(side);
        String path = "\"" + ELEMENT + "." + IMAGE + "." + side + "\"";
        if (value == null || !value.isNumber()) {
            throw SHAPE.error(path + " is " + (value == null ? "missing" : "not a number"), adjusting);
        }
        double pixels = value.doubleValue();
        if (!(pixels >= 1 && pixels <= Integer.MAX_VALUE && pixels == Math.rint(pixels))) {
            throw new InvalidAnswerException(
                    path + " must be a whole number of pixels, at least 1, got " + plain(value));
        }
        return (int) pixels;
    }

    private static Box box(
            JsonNode node,
            int index,
            int imageWidth,
            int imageHeight,
            LabelCategoryConfig categories,
            boolean adjusting) {
        String path = ELEMENT + "." + BOXES + "[" + index + "]";
        if (!node.isObject()) {
            throw SHAPE.error("\"" + path + "\" is not an object", adjusting);
        }
        SHAPE.rejectUnexpectedFields(node, BOX_FIELDS, path + ".", adjusting);
        JsonNode label = node.get("label");
        if (label == null || !label.isTextual()) {
            throw SHAPE.error("\"" + path + ".label\" is " + (label == null ? "missing" : "not a string"), adjusting);
        }
        double left = coordinate(node, "left", path, adjusting);
        double top = coordinate(node, "top", path, adjusting);
        double width = coordinate(node, "width", path, adjusting);
        double height = coordinate(node, "height", path, adjusting);
        int classId = categories.indexOf(label.textValue());
        if (classId < 0) {
            throw new InvalidAnswerException("box " + index + ": unknown label " + Json.write(label.textValue())
                    + "; allowed labels: " + Json.write(categories.labelNames()));
        }
        if (width <= 0 || height <= 0) {
            throw new InvalidAnswerException("box " + index + ": width and height must be greater than 0, got width "
                    + plain(node.get("width")) + " and height " + plain(node.get("height")));
        }
        Box box = new Box(classId, left, top, width, height);
        String overflow = overflow(box, imageWidth, imageHeight);
        if (overflow != null) {
            throw new InvalidAnswerException(
                    "box " + index + " is outside the " + imageWidth + "x" + imageHeight + " image: " + overflow);
        }
        return box;
    }

    private static double coordinate(JsonNode box, String field, String path, boolean adjusting) {
        JsonNode value = box.get(field);
        if (value == null || !value.isNumber()) {
            throw SHAPE.error(
                    "\"" + path + "." + field + "\" is " + (value == null ? "missing" : "not a number"), adjusting);
        }
        // Jackson reads 1e400 as infinity.
        if (!Double.isFinite(value.doubleValue())) {
            throw new InvalidAnswerException("\"" + path + "." + field + "\" is not a finite number");
        }
        return value.doubleValue();
    }

    /** Which edge leaves the image and by how many pixels, or null if the box is inside. */
    private static String overflow(Box box, int imageWidth, int imageHeight) {
        if (box.left() < 0) {
            return "its left edge is " + plain(-box.left()) + " px left of the image";
        }
        if (box.top() < 0) {
            return "its top edge is " + plain(-box.top()) + " px above the image";
        }
        if (box.right() > imageWidth) {
            return "its right edge at " + plain(box.right()) + " is " + plain(box.right() - imageWidth)
                    + " px past the image's width";
        }
        if (box.bottom() > imageHeight) {
            return "its bottom edge at " + plain(box.bottom()) + " is " + plain(box.bottom() - imageHeight)
                    + " px past the image's height";
        }
        return null;
    }

    /** A whole number as an integer, anything else as a double: 12 stays 12, 12.5 stays 12.5. */
    private static JsonNode number(double value) {
        // Validated boxes lie inside an image at most Integer.MAX_VALUE wide, so every whole value fits an int.
        return value == Math.rint(value)
                ? Json.MAPPER.getNodeFactory().numberNode((int) value)
                : Json.MAPPER.getNodeFactory().numberNode(value);
    }

    private static String plain(JsonNode number) {
        return number.isNumber() ? plain(number.doubleValue()) : number.toString();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
