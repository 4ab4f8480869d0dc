package dev.verity.crowd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * botocore's model of Mechanical Turk's requester API (test resource {@code botocore/mturk-2017-01-17.json}: the
 * operations Verity calls, cut from {@code botocore/data/mturk/2017-01-17/service-2.json}), to check a request body
 * against its operation's input shape as botocore would before sending it.
 */
public final class BotocoreModel {

    private static final JsonNode MODEL = load();

    private BotocoreModel() {}

    private static JsonNode load() {
        try (InputStream in = BotocoreModel.class.getResourceAsStream("/botocore/mturk-2017-01-17.json")) {
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String targetPrefix() {
        return MODEL.at("/metadata/targetPrefix").asText();
    }

    public static String signingName() {
        return MODEL.at("/metadata/endpointPrefix").asText();
    }

    public static String jsonVersion() {
        return MODEL.at("/metadata/jsonVersion").asText();
    }

    /** What is wrong with {@code body} as the input of {@code operation}; empty if botocore would send it. */
    public static List<String> inputProblems(String operation, JsonNode body) {
        JsonNode op = MODEL.path("operations").path(operation);
        if (op.isMissingNode()) {
            return List.of("botocore's model has no operation " + operation);
        }
        List<String> problems = new ArrayList<>();
        check(op.at("/input/shape").asText(), body, operation, problems);
        return problems;
    }

    private static void check(String shapeName, JsonNode value, String path, List<String> problems) {
        JsonNode shape = MODEL.path("shapes").path(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + " must be an object (" + shapeName + ")");
                    return;
                }
                shape.path("required").forEach(required -> {
                    if (!value.hasNonNull(required.asText())) {
                        problems.add(path + "." + required.asText() + " is required");
                    }
                });
                value.fieldNames().forEachRemaining(field -> {
                    JsonNode member = shape.path("members").path(field);
                    if (member.isMissingNode()) {
                        problems.add(path + "." + field + " is not a member of " + shapeName);
                    } else {
                        check(member.path("shape").asText(), value.get(field), path + "." + field, problems);
                    }
                });
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(path + " must be a list (" + shapeName + ")");
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    check(shape.at("/member/shape").asText(), item, path + "[" + i++ + "]", problems);
                }
                bounds(shape, value.size(), path + " has " + value.size() + " items", problems);
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + " must be a string (" + shapeName + "), got " + value);
                    return;
                }
                String text = value.asText();
                bounds(shape, text.length(), path + " is " + text.length() + " characters long", problems);
                if (shape.has("pattern")
                        && !Pattern.compile(shape.get("pattern").asText())
                                .matcher(text)
                                .find()) {
                    problems.add(path + " = \"" + text + "\" does not match "
                            + shape.get("pattern").asText());
                }
                if (shape.has("enum")) {
                    List<String> values = new ArrayList<>();
                    shape.get("enum").forEach(e -> values.add(e.asText()));
                    if (!values.contains(text)) {
                        problems.add(path + " = \"" + text + "\" is not one of " + values);
                    }
                }
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + " must be a whole number (" + shapeName + "), got " + value);
                    return;
                }
                bounds(shape, value.asLong(), path + " = " + value.asLong(), problems);
            }
            case "timestamp" -> {
                if (!value.isNumber()) {
                    problems.add(path + " must be epoch seconds (a Timestamp in the JSON protocol), got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + " must be a boolean, got " + value);
                }
            }
            default -> problems.add(path + ": unknown shape " + shapeName);
        }
    }

    private static void bounds(JsonNode shape, long size, String what, List<String> problems) {
        if (shape.has("min") && size < shape.get("min").asLong()) {
            problems.add(what + ", below the minimum " + shape.get("min").asLong());
        }
        if (shape.has("max") && size > shape.get("max").asLong()) {
            problems.add(what + ", above the maximum " + shape.get("max").asLong());
        }
    }
}
