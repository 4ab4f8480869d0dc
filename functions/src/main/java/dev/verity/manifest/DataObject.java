package dev.verity.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An accepted manifest line: a JSON object with exactly one of {@code source-ref} (an S3 URI) or {@code source}
 * (inline text), plus any attributes of the user's, kept as read.
 */
public record DataObject(long lineNumber, ObjectNode line) implements ManifestEntry {

    public static final String SOURCE_REF = "source-ref";
    public static final String SOURCE = "source";

    /** True if the object points at S3 data ({@code source-ref}) rather than carrying inline text. */
    public boolean isSourceRef() {
        return line.has(SOURCE_REF);
    }

    /** The value of {@code source-ref}, or null. */
    public String sourceRef() {
        return textOf(SOURCE_REF);
    }

    /** The value of {@code source}, or null. */
    public String source() {
        return textOf(SOURCE);
    }

    private String textOf(String field) {
        JsonNode value = line.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
