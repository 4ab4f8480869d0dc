package dev.verity.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** One output line's label under the job's attribute, with its metadata (an empty object if the line has none). */
record Labeled(long lineNo, ObjectNode line, JsonNode value, JsonNode metadata) {

    /** The line's label, or empty if the line has none under {@code attribute} (an unlabeled object). */
    static Optional<Labeled> of(long lineNo, ObjectNode line, String attribute) {
        JsonNode value = line.get(attribute);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        JsonNode metadata = line.path(attribute + "-metadata");
        return Optional.of(new Labeled(lineNo, line, value, metadata.isObject() ? metadata : MISSING));
    }

    private static final JsonNode MISSING = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    /** {@code source-ref}, or null. */
    String sourceRef() {
        JsonNode ref = line.get("source-ref");
        return ref != null && ref.isTextual() ? ref.asText() : null;
    }

    /** {@code source} (inline text), or null. */
    String source() {
        JsonNode text = line.get("source");
        return text != null && text.isTextual() ? text.asText() : null;
    }

    /** {@code human} when the metadata says {@code human-annotated: yes}, {@code machine} when {@code no}, else "". */
    String annotatedBy() {
        String human = metadata.path("human-annotated").asText("");
        return switch (human) {
            case "yes" -> "human";
            case "no" -> "machine";
            default -> "";
        };
    }
}
