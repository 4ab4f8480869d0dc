package dev.verity.emulators.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * An emulator's state as one JSON document in one file, rewritten whole after each change (to a temporary file, then
 * renamed over the old one, so it is always whole), readable by its owner only ({@link OwnerOnlyFiles}): the state
 * may name people's addresses or hold password hashes.
 */
public final class JsonStateFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final Path file;
    private final String what;

    /**
     * {@code <directory>/<fileName>}; the directory is created now. {@code what} names the state in error messages
     * ("the user pool").
     */
    public JsonStateFile(Path directory, String fileName, String what) {
        this.file = directory.resolve(fileName);
        this.what = what;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /**
     * The state {@code parse} makes of the document, or {@code absent} while there is no file yet.
     *
     * @throws IllegalStateException if the file cannot be read, is not JSON or {@code parse} fails on it
     */
    public <T> T read(Function<JsonNode, T> parse, T absent) {
        if (!Files.exists(file)) {
            return absent;
        }
        try {
            return parse.apply(JSON.readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + what + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the file with {@code document}. */
    public void write(JsonNode document) {
        try {
            OwnerOnlyFiles.write(file, document.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " to " + file, e);
        }
    }

    /** A new, empty JSON object to build a document in. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A JSON object of strings (attributes, tags) as a map. */
    public static Map<String, String> strings(JsonNode node) {
        return JSON.convertValue(node, STRINGS);
    }

    /** The map as a JSON object. */
    public static JsonNode tree(Map<String, String> strings) {
        return JSON.valueToTree(strings);
    }
}
