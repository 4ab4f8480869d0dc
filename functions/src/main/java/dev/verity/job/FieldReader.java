package dev.verity.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object and records a {@link Violation}, named by its JSON path, for every field that is
 * missing, of the wrong type, out of bounds or unknown, instead of stopping at the first.
 *
 * <p>A reader over an absent or malformed object reads every field as absent and records nothing more, so one missing
 * object is reported once rather than once per field inside it. JSON {@code null} counts as absent.
 */
public final class FieldReader {

    private final ObjectNode object;
    private final String path;
    private final Violations violations;
    private final Set<String> known = new LinkedHashSet<>();

    private FieldReader(ObjectNode object, String path, Violations violations) {
        this.object = object;
        this.path = path;
        this.violations = violations;
    }

    /** A reader over a whole document; {@code what} names it if it is not a JSON object at all. */
    public static FieldReader root(JsonNode json, String what, Violations violations) {
        if (json instanceof ObjectNode object) {
            return new FieldReader(object, "", violations);
        }
        violations.add("", what + " must be a JSON object, got " + typeOf(json));
        return new FieldReader(null, "", violations);
    }

    /** False when the object is absent or not an object (already recorded); its fields then read as absent. */
    public boolean isPresent() {
        return object != null;
    }

    /** The JSON path of a field of this object, e.g. {@code HumanTaskConfig.TaskTitle}; "" is the object itself. */
    public String path(String name) {
        return path.isEmpty() || name.isEmpty() ? path + name : path + "." + name;
    }

    /** Records a violation on a field of this object, on {@code name[i]} (an element of one) or, for "", on itself. */
    public void add(String name, String message) {
        violations.add(path(name), message);
    }

    /** The field's value as it is, or null when absent; marks the field as known. */
    public JsonNode raw(String name) {
        known.add(name);
        JsonNode value = object == null ? null : object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public String requiredString(String name) {
        return asString(name, required(name));
    }

    public String optionalString(String name) {
        return asString(name, raw(name));
    }

    public Integer requiredInt(String name) {
        return asInt(name, required(name));
    }

    public Integer optionalInt(String name) {
        return asInt(name, raw(name));
    }

    public FieldReader requiredObject(String name) {
        return asObject(name, required(name));
    }

    public Optional<FieldReader> optionalObject(String name) {
        JsonNode value = raw(name);
        return value == null ? Optional.empty() : Optional.of(asObject(name, value));
    }

    /** The array's elements as objects; a missing array is a violation and reads as empty. */
    public List<FieldReader> requiredObjects(String name) {
        JsonNode value = required(name);
        return value == null ? List.of() : asObjects(name, value).orElse(List.of());
    }

    /** The array's elements as objects, empty when the field is absent or not an array. */
    public Optional<List<FieldReader>> optionalObjects(String name) {
        JsonNode value = raw(name);
        return value == null ? Optional.empty() : asObjects(name, value);
    }

    /**
     * The array's elements as strings, empty when the field is absent or not an array. An element that is not a string
     * is recorded and read as null, so the list keeps the array's length and positions.
     */
    public Optional<List<String>> optionalStrings(String name) {
        JsonNode value = raw(name);
        if (value == null || !isArray(name, value)) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            strings.add(asString(name + "[" + i + "]", value.get(i)));
        }
        return Optional.of(strings);
    }

    /**
     * Records the fields of this object that were never read as unknown, in one violation that lists the allowed
     * fields once: on the field itself when there is one ({@code "Bucket: unknown field; expected one of [...]"}), on
     * this object when there are several ({@code "unknown fields "version", "body"; expected one of [...]"}), so a
     * document of the wrong kind gives one line rather than one per field, each repeating the list.
     */
    public void rejectUnknownFields() {
        if (object == null) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.size() == 1) {
            add(unknown.get(0), "unknown field; expected one of " + known);
        } else if (!unknown.isEmpty()) {
            add("", "unknown fields \"" + String.join("\", \"", unknown) + "\"; expected one of " + known);
        }
    }

    // The checks below skip a null value: it is absent, or its problem is already recorded.

    /**
     * Checks a string's length in characters (code points).
     *
     * @return true if the value is present and within bounds, so further checks make sense
     */
    public boolean length(String name, String value, int min, int max) {
        if (value == null) {
            return false;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            add(name, "must be " + bounds(min, max) + " characters long, got " + length);
            return false;
        }
        return true;
    }

    /**
     * Checks a number's bounds.
     *
     * @return true if the value is present and within bounds
     */
    public boolean range(String name, Integer value, int min, int max) {
        if (value == null) {
            return false;
        }
        if (value < min || value > max) {
            add(name, "must be " + bounds(min, max) + ", got " + value);
            return false;
        }
        return true;
    }

    /**
     * Checks that the whole string matches {@code pattern}; {@code shape} says in words what is expected.
     *
     * @return true if the value is present and matches
     */
    public boolean matches(String name, String value, Pattern pattern, String shape) {
        if (value == null) {
            return false;
        }
        if (!pattern.matcher(value).matches()) {
            add(name, "must be " + shape + " (pattern " + pattern.pattern() + "), got \"" + value + "\"");
            return false;
        }
        return true;
    }

    private JsonNode required(String name) {
        JsonNode value = raw(name);
        if (value == null && object != null) {
            add(name, "is required");
        }
        return value;
    }

    private String asString(String name, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            add(name, "must be a string, got " + typeOf(value));
            return null;
        }
        return value.textValue();
    }

    private Integer asInt(String name, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            add(name, "must be an integer, got " + typeOf(value) + (value.isNumber() ? " " + value : ""));
            return null;
        }
        return value.intValue();
    }

    private FieldReader asObject(String name, JsonNode value) {
        if (value != null && !value.isObject()) {
            add(name, "must be an object, got " + typeOf(value));
        }
        return new FieldReader(value instanceof ObjectNode o ? o : null, path(name), violations);
    }

    private Optional<List<FieldReader>> asObjects(String name, JsonNode value) {
        if (!isArray(name, value)) {
            return Optional.empty();
        }
        List<FieldReader> readers = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            readers.add(asObject(name + "[" + i + "]", value.get(i)));
        }
        return Optional.of(readers);
    }

    private boolean isArray(String name, JsonNode value) {
        if (!value.isArray()) {
            add(name, "must be an array, got " + typeOf(value));
            return false;
        }
        return true;
    }

    private static String bounds(int min, int max) {
        return max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    }

    private static String typeOf(JsonNode value) {
        return value == null ? "nothing" : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
