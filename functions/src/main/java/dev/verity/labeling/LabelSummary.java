package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the data browser filters on, read from a label in Ground Truth's output shapes (§2.3) by their fields rather
 * than by task type, so every built-in type and a custom label that borrows a shape are covered alike.
 */
final class LabelSummary {

    private LabelSummary() {}

    /**
     * The class names a label holds: single-label/verification {@code class-name}; multi-label the
     * {@code class-map} names of the chosen ids; boxes the {@code class-map} names of the boxes' {@code class_id}s;
     * entities their {@code label}s; segmentation every {@code internal-color-map} class.
     */
    static Set<String> classNames(JsonNode label, JsonNode metadata) {
        Set<String> names = new LinkedHashSet<>();
        if (metadata == null || !metadata.isObject()) {
            return names;
        }
        if (metadata.path("class-name").isTextual()) {
            names.add(metadata.get("class-name").asText());
        }
        JsonNode classMap = metadata.path("class-map");
        if (classMap.isObject()) {
            if (label != null && label.path("annotations").isArray()) {
                label.get("annotations").forEach(box -> addMapped(names, classMap, box.path("class_id")));
            } else if (label != null && label.isArray()) {
                label.forEach(id -> addMapped(names, classMap, id));
            } else {
                classMap.forEach(name -> names.add(name.asText()));
            }
        }
        metadata.path("internal-color-map").forEach(entry -> {
            if (entry.path("class-name").isTextual()) {
                names.add(entry.get("class-name").asText());
            }
        });
        if (label != null) {
            label.path("annotations").path("entities").forEach(entity -> {
                if (entity.path("label").isTextual()) {
                    names.add(entity.get("label").asText());
                }
            });
        }
        return names;
    }

    private static void addMapped(Set<String> names, JsonNode classMap, JsonNode id) {
        if (id.isNumber() || id.isTextual()) {
            JsonNode name = classMap.get(id.asText());
            if (name != null && name.isTextual()) {
                names.add(name.asText());
            }
        }
    }

    /**
     * The label's confidence: the metadata's {@code confidence}, else the lowest of its per-class or per-object ones
     * ({@code confidence-map}, {@code objects[]}, {@code entities[]}, {@code internal-color-map}); empty if none.
     */
    static OptionalDouble confidence(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return OptionalDouble.empty();
        }
        if (metadata.path("confidence").isNumber()) {
            return OptionalDouble.of(metadata.get("confidence").asDouble());
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (JsonNode value : metadata.path("confidence-map")) {
            lowest = lower(lowest, value);
        }
        for (String list : new String[] {"objects", "entities"}) {
            for (JsonNode item : metadata.path(list)) {
                lowest = lower(lowest, item.path("confidence"));
            }
        }
        for (JsonNode entry : metadata.path("internal-color-map")) {
            lowest = lower(lowest, entry.path("confidence"));
        }
        return lowest == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(lowest);
    }

    private static double lower(double lowest, JsonNode value) {
        return value.isNumber() ? Math.min(lowest, value.asDouble()) : lowest;
    }

    /** Ground Truth marks human labels {@code "human-annotated": "yes"}, auto-labels {@code "no"}. */
    static String annotatedBy(JsonNode metadata) {
        String value = metadata == null ? "" : metadata.path("human-annotated").asText("");
        return switch (value) {
            case "yes" -> "human";
            case "no" -> "machine";
            default -> null;
        };
    }
}
