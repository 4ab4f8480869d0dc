package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.verity.json.Json;
import java.util.Iterator;
import java.util.Optional;

/**
 * Finds the bounding-box label an earlier job wrote into a chained job's manifest line, for adjustment and
 * verification jobs. The earlier label is the attribute {@code <attr>} whose {@code <attr>-metadata.type} is
 * {@code groundtruth/object-detection}; when the line holds several (a chain of adjustments), the last one in the
 * line wins, since each job appends its label after the ones before it.
 */
public final class EarlierBoxLabel {

    private EarlierBoxLabel() {}

    /** The earlier label's attribute name, or empty if the line has no bounding-box label. */
    public static Optional<String> attributeName(JsonNode line) {
        String found = null;
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode metadata = line.get(name + "-metadata");
            if (line.get(name).isObject()
                    && metadata != null
                    && ObjectDetectionLabels.OUTPUT_TYPE.equals(
                            metadata.path("type").asText(null))) {
                found = name;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Why a chained job ({@code typeName}) cannot use this line: it has no earlier bounding-box label, or the job
     * would write its label over it (Ground Truth requires a new attribute name). Empty if the line is usable.
     */
    static Optional<String> problemWith(JsonNode line, String labelAttributeName, String typeName) {
        Optional<String> earlier = attributeName(line);
        if (earlier.isEmpty()) {
            return Optional.of(typeName + " needs an earlier bounding-box label on every line (an attribute whose "
                    + "-metadata has type \"" + ObjectDetectionLabels.OUTPUT_TYPE + "\")");
        }
        if (earlier.get().equals(labelAttributeName)) {
            return Optional.of("the earlier label is under \"" + labelAttributeName + "\", the job's own label "
                    + "attribute; " + typeName + " jobs must use a new LabelAttributeName");
        }
        return Optional.empty();
    }

    /**
     * The earlier boxes as the {@code crowd-bounding-box} element's {@code initial-value}:
     * {@code [{"label","left","top","width","height"}]}, each class id named through the label's {@code class-map}.
     * Empty if the line has no bounding-box label; a box whose class the map does not name is left out.
     */
    public static ArrayNode initialValue(JsonNode line) {
        ArrayNode boxes = Json.array();
        attributeName(line).ifPresent(attribute -> {
            JsonNode classMap = line.get(attribute + "-metadata").path("class-map");
            for (JsonNode annotation : line.get(attribute).path("annotations")) {
                JsonNode label = classMap.get(annotation.path("class_id").asText());
                if (label != null && label.isTextual()) {
                    boxes.addObject()
                            .put("label", label.textValue())
                            .put("left", annotation.path("left").asInt())
                            .put("top", annotation.path("top").asInt())
                            .put("width", annotation.path("width").asInt())
                            .put("height", annotation.path("height").asInt());
                }
            }
        });
        return boxes;
    }
}
