package dev.verity.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Applies Ground Truth's input manifest rules to the text of one line. */
final class ManifestLineParser {

    private static final String EXACTLY_ONE = "exactly one is required";

    // Keeps numbers as written (1.10 stays 1.10) and refuses a repeated attribute, of which only the last
    // would survive.
    private final ObjectReader reader = Json.EXACT_NUMBERS.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final int maxObjectChars;
    private final int maxAttributeChars;

    ManifestLineParser(int maxObjectChars, int maxAttributeChars) {
        this.maxObjectChars = maxObjectChars;
        this.maxAttributeChars = maxAttributeChars;
    }

    /** The entry for a non-blank line of at most the object limit. */
    ManifestEntry parse(long lineNumber, String text) {
        JsonNode node;
        try (JsonParser parser = reader.createParser(text)) {
            node = reader.readTree(parser);
            if (parser.nextToken() != null) {
                return new LineError(
                        lineNumber,
                        "malformed JSON" + at(parser.currentTokenLocation())
                                + ": unexpected content after the first JSON value");
            }
        } catch (JsonProcessingException e) {
            return new LineError(
                    lineNumber,
                    "malformed JSON" + at(e.getLocation()) + ": " + withoutSourceLocation(e.getOriginalMessage()));
        } catch (NumberFormatException e) {
            return new LineError(lineNumber, "malformed JSON: unreadable number: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string", e);
        }
        if (!node.isObject()) {
            return new LineError(lineNumber, "line is " + describe(node) + ", not a JSON object");
        }
        ObjectNode object = (ObjectNode) node;
        String problem = sourceProblem(object);
        if (problem == null) {
            problem = attributeProblem(object, text.length());
        }
        return problem == null ? new DataObject(lineNumber, object) : new LineError(lineNumber, problem);
    }

    /** The reason for a line longer than the object limit. */
    LineError tooLong(long lineNumber, long length) {
        return new LineError(
                lineNumber, "object is " + length + " characters long; the limit is " + maxObjectChars + " characters");
    }

    private static String sourceProblem(ObjectNode object) {
        JsonNode sourceRef = object.get(DataObject.SOURCE_REF);
        JsonNode source = object.get(DataObject.SOURCE);
        if (sourceRef != null && source != null) {
            return "object has both \"source-ref\" and \"source\"; " + EXACTLY_ONE;
        }
        if (sourceRef == null && source == null) {
            return "object has neither \"source-ref\" nor \"source\"; " + EXACTLY_ONE;
        }
        if (sourceRef != null) {
            if (!sourceRef.isTextual()) {
                return "\"source-ref\" must be a string, not " + describe(sourceRef);
            }
            try {
                S3Uri.parse(sourceRef.textValue());
            } catch (IllegalArgumentException e) {
                return "\"source-ref\" is not an S3 object URI: " + e.getMessage();
            }
            return null;
        }
        if (!source.isTextual()) {
            return "\"source\" must be a string, not " + describe(source);
        }
        return source.textValue().isEmpty() ? "\"source\" is empty" : null;
    }

    private String attributeProblem(ObjectNode object, int objectChars) {
        for (Map.Entry<String, JsonNode> attribute : object.properties()) {
            String name = attribute.getKey();
            if (name.startsWith("$")) {
                return "attribute name \"" + name + "\" starts with '$', which is not allowed";
            }
            // No value can be longer than the object text it came from, so short objects skip the measuring.
            if (objectChars > maxAttributeChars) {
                long chars = valueChars(attribute.getValue());
                if (chars > maxAttributeChars) {
                    return "attribute \"" + name + "\" is " + chars + " characters long; the limit is "
                            + maxAttributeChars + " characters";
                }
            }
        }
        return null;
    }

    /** A string counts its characters; any other value the characters of its compact JSON. */
    private static long valueChars(JsonNode value) {
        return value.isTextual()
                ? value.textValue().length()
                : Json.write(value).length();
    }

    /** Drops Jackson's "(start marker at [Source: ...])", which only repeats where the object started. */
    private static String withoutSourceLocation(String message) {
        int source = message.indexOf("[Source:");
        if (source < 0) {
            return message;
        }
        int parenthesis = message.lastIndexOf('(', source);
        return message.substring(0, parenthesis >= 0 ? parenthesis : source).trim();
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at character " + location.getColumnNr();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
