package dev.verity.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Ground Truth object-detection label: the image's size and its boxes in pixels from the top-left corner, each with
 * the confidence the metadata's {@code objects[]} gives in the same order.
 */
record BoxLabel(int width, int height, int depth, List<Box> boxes) {

    record Box(int classId, double left, double top, double width, double height, Double confidence) {}

    /** Reads {@code {"image_size":[{width,height,depth}],"annotations":[…]}}; a malformed box is left out. */
    static BoxLabel read(JsonNode value, JsonNode metadata) {
        JsonNode size = value.path("image_size").path(0);
        int width = size.path("width").asInt(0);
        int height = size.path("height").asInt(0);
        int depth = size.path("depth").asInt(3);
        List<Box> boxes = new ArrayList<>();
        JsonNode annotations = value.path("annotations");
        JsonNode objects = metadata.path("objects");
        for (int i = 0; i < annotations.size(); i++) {
            JsonNode a = annotations.get(i);
            if (!a.path("class_id").canConvertToInt()
                    || !a.path("left").isNumber()
                    || !a.path("top").isNumber()
                    || !a.path("width").isNumber()
                    || !a.path("height").isNumber()) {
                continue;
            }
            JsonNode confidence = objects.path(i).path("confidence");
            boxes.add(new Box(
                    a.get("class_id").asInt(),
                    a.get("left").asDouble(),
                    a.get("top").asDouble(),
                    a.get("width").asDouble(),
                    a.get("height").asDouble(),
                    confidence.isNumber() ? confidence.asDouble() : null));
        }
        return new BoxLabel(width, height, depth, List.copyOf(boxes));
    }
}
