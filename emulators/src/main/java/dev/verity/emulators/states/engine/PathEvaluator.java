package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ASL paths over Jackson trees: JsonPath reads (Jayway, so filters, slices and {@code length()} work as in AWS) on
 * the state's data ({@code $...}) or the context object ({@code $$...}), and Reference Paths for ResultPath, which
 * write a result into a copy of the input, creating missing object fields on the way.
 */
final class PathEvaluator {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
            .mappingProvider(new JacksonMappingProvider(JSON))
            .build();
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private PathEvaluator() {}

    /** Reads {@code path} ({@code $...} over {@code input}, {@code $$...} over {@code context}); no match is States.Runtime. */
    static JsonNode read(String path, JsonNode input, JsonNode context) {
        boolean contextPath = path.startsWith("$$");
        JsonNode document = contextPath ? context : input;
        String jsonPath = contextPath ? path.substring(1) : path;
        if (!jsonPath.startsWith("$")) {
            throw StateError.runtime("Invalid path '" + path + "': a path starts with '$' or '$$'");
        }
        try {
            Object value = compile(jsonPath).read(document, JAYWAY);
            return value instanceof JsonNode node ? node : JSON.valueToTree(value);
        } catch (InvalidPathException e) {
            throw StateError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        } catch (JsonPathException | IllegalArgumentException e) {
            throw StateError.runtime("Invalid path '" + path + "' : No results for path: " + path);
        }
    }

    /** Whether {@code path} matches something in {@code input} (IsPresent). */
    static boolean exists(String path, JsonNode input, JsonNode context) {
        try {
            JsonNode value = read(path, input, context);
            return !(value.isArray()
                    && value.isEmpty()
                    && !compile(path.startsWith("$$") ? path.substring(1) : path)
                            .isDefinite());
        } catch (StateError e) {
            return false;
        }
    }

    /**
     * InputPath / OutputPath / ItemsPath semantics: field absent → {@code input} unchanged; present and null → an
     * empty object; otherwise the path's value.
     */
    static JsonNode select(JsonNode state, String field, JsonNode input, JsonNode context) {
        JsonNode path = state.get(field);
        if (path == null) {
            return input;
        }
        if (path.isNull()) {
            return JSON.createObjectNode();
        }
        return read(path.asText(), input, context);
    }

    /** ResultPath: absent → {@code $} (the result), null → the input, else the result written into a copy of the input. */
    static JsonNode applyResultPath(JsonNode state, JsonNode input, JsonNode result) {
        JsonNode path = state.get("ResultPath");
        if (path == null) {
            return result;
        }
        if (path.isNull()) {
            return input;
        }
        return write(path.asText(), input, result);
    }

    /** Writes {@code value} at Reference Path {@code path} in a copy of {@code input}. */
    static JsonNode write(String path, JsonNode input, JsonNode value) {
        List<Object> segments = referenceSegments(path);
        if (segments.isEmpty()) {
            return value;
        }
        JsonNode root = input.deepCopy();
        JsonNode current = root;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment instanceof String field) {
                if (!(current instanceof ObjectNode object)) {
                    throw resultPathFailure(path, input);
                }
                if (last) {
                    object.set(field, value);
                } else {
                    JsonNode child = object.get(field);
                    if (child == null || child.isNull()) {
                        child = object.putObject(field);
                    }
                    current = child;
                }
            } else {
                int index = (Integer) segment;
                if (!(current instanceof ArrayNode array) || index >= array.size()) {
                    throw resultPathFailure(path, input);
                }
                if (last) {
                    array.set(index, value);
                } else {
                    current = array.get(index);
                }
            }
        }
        return root;
    }

    /** The field names and indexes of a Reference Path ({@code $}, {@code $.a.b}, {@code $['a'][0]}). */
    static List<Object> referenceSegments(String path) {
        if (!path.startsWith("$") || path.startsWith("$$")) {
            throw StateError.runtime("Invalid Reference Path '" + path + "'");
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(i + 1, end);
                if (name.isEmpty() || name.contains("*") || name.contains("@")) {
                    throw StateError.runtime("Invalid Reference Path '" + path + "'");
                }
                segments.add(name);
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw StateError.runtime("Invalid Reference Path '" + path + "'");
                }
                String inner = path.substring(i + 1, close).trim();
                if (inner.length() >= 2
                        && (inner.startsWith("'") && inner.endsWith("'")
                                || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        segments.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        throw StateError.runtime(
                                "Invalid Reference Path '" + path + "': only names and indexes are allowed");
                    }
                }
                i = close + 1;
            } else {
                throw StateError.runtime("Invalid Reference Path '" + path + "'");
            }
        }
        return segments;
    }

    private static StateError resultPathFailure(String path, JsonNode input) {
        return new StateError(
                StateError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ReferencePath " + path + " to input " + input);
    }

    private static JsonPath compile(String path) {
        return COMPILED.computeIfAbsent(path, JsonPath::compile);
    }
}
