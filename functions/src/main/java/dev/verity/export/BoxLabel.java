package dev.verity.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Ground Truth object-detection label: the image's size and its boxes in pixels from the top-left corner, each with
 * the confidence the metadata's {@code objects[]} gives in the same order.
 */
record BoxLabel(int width, int height, int depth, List<Box> boxes) {

    record Box(int classId, double left, double top, double width, double height, Double confidence) {}

    /** What to do with each image's boxes. */
    @FunctionalInterface
    interface ImageVisitor {
        void visit(long lineNo, String sourceRef, BoxLabel label) throws IOException;
    }

    /**
     * Visits each manifest line that labels an image of known size with boxes; returns how many lines did not (no
     * label, no {@code source-ref}, or no image size), which the exports count as skipped.
     */
    static long forEachImage(ManifestLines manifest, String labelAttribute, ImageVisitor visitor) throws IOException {
        long[] skipped = {0};
        manifest.forEach((lineNo, line) -> {
            Optional<Labeled> labeled = Labeled.of(lineNo, line, labelAttribute);
            BoxLabel label = labeled.isEmpty() || labeled.get().sourceRef() == null
                    ? null
                    : read(labeled.get().value(), labeled.get().metadata());
            if (label == null || label.width() <= 0 || label.height() <= 0) {
                skipped[0]++;
                return;
            }
            visitor.visit(lineNo, labeled.get().sourceRef(), label);
        });
        return skipped[0];
    }

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
