package dev.verity.selection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the "DataObjectSelection" block of a job request:
 * {@code {"Mode": "All" | "RandomSample" | "Filter", "SampleSize": n, "SamplePercentage": p, "Seed": s,
 * "FilterQuery": "SELECT * FROM S3Object s WHERE ..."}}. Each field is allowed only with the mode that uses it.
 */
final class SelectionConfigParser {

    static final String BLOCK = "DataObjectSelection";
    static final String MODE = "Mode";
    static final String SAMPLE_SIZE = "SampleSize";
    static final String SAMPLE_PERCENTAGE = "SamplePercentage";
    static final String SEED = "Seed";
    static final String FILTER_QUERY = "FilterQuery";

    private static final List<String> FIELDS = List.of(MODE, SAMPLE_SIZE, SAMPLE_PERCENTAGE, SEED, FILTER_QUERY);
    private static final List<String> MODES = List.of("All", "RandomSample", "Filter");

    private SelectionConfigParser() {}

    static Selection parse(JsonNode config) {
        if (config == null || config.isMissingNode() || config.isNull()) {
            return new Selection.All();
        }
        if (!config.isObject()) {
            throw new IllegalArgumentException(
                    BLOCK + " must be a JSON object with fields " + String.join(", ", FIELDS));
        }
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(
                        BLOCK + " has unknown field \"" + name + "\"; allowed fields: " + String.join(", ", FIELDS));
            }
        }
        String mode = mode(config.get(MODE));
        return switch (mode) {
            case "All" -> {
                onlyFields(config, mode, Set.of(MODE));
                yield new Selection.All();
            }
            case "RandomSample" -> {
                onlyFields(config, mode, Set.of(MODE, SAMPLE_SIZE, SAMPLE_PERCENTAGE, SEED));
                yield randomSample(config);
            }
            default -> {
                onlyFields(config, mode, Set.of(MODE, FILTER_QUERY));
                yield filter(config.get(FILTER_QUERY));
            }
        };
    }

    private static String mode(JsonNode mode) {
        String allowed = "; allowed values: " + String.join(", ", MODES);
        if (mode == null || mode.isNull()) {
            throw new IllegalArgumentException(BLOCK + "." + MODE + " is required" + allowed);
        }
        if (!mode.isTextual() || !MODES.contains(mode.textValue())) {
            throw new IllegalArgumentException(BLOCK + "." + MODE + " is " + mode + allowed);
        }
        return mode.textValue();
    }

    private static void onlyFields(JsonNode config, String mode, Set<String> allowed) {
        for (String field : FIELDS) {
            if (config.has(field) && !allowed.contains(field)) {
                throw new IllegalArgumentException(BLOCK + "." + field + " is not allowed with Mode " + mode
                        + "; allowed fields: "
                        + String.join(
                                ", ", FIELDS.stream().filter(allowed::contains).toList()));
            }
        }
    }

    private static Selection randomSample(JsonNode config) {
        JsonNode size = config.get(SAMPLE_SIZE);
        JsonNode percentage = config.get(SAMPLE_PERCENTAGE);
        if ((size == null) == (percentage == null)) {
            throw new IllegalArgumentException(BLOCK + " with Mode RandomSample needs exactly one of " + SAMPLE_SIZE
                    + " (an integer >= 1) and " + SAMPLE_PERCENTAGE + " (a number > 0 and <= 100)");
        }
        long seed = config.has(SEED) ? integer(config.get(SEED), SEED, "an integer") : 0;
        if (size != null) {
            long count = integer(size, SAMPLE_SIZE, "an integer >= 1");
            if (count < 1) {
                throw new IllegalArgumentException(
                        BLOCK + "." + SAMPLE_SIZE + " is " + count + "; it must be an integer >= 1");
            }
            return Selection.RandomSample.ofCount(count, seed);
        }
        if (!percentage.isNumber() || !(percentage.doubleValue() > 0 && percentage.doubleValue() <= 100)) {
            throw new IllegalArgumentException(
                    BLOCK + "." + SAMPLE_PERCENTAGE + " is " + percentage + "; it must be a number > 0 and <= 100");
        }
        return Selection.RandomSample.ofPercentage(percentage.doubleValue(), seed);
    }

    private static long integer(JsonNode value, String field, String expected) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(BLOCK + "." + field + " is " + value + "; it must be " + expected);
        }
        return value.longValue();
    }

    private static Selection filter(JsonNode query) {
        if (query == null || !query.isTextual()) {
            throw new IllegalArgumentException(
                    BLOCK + "." + FILTER_QUERY + (query == null ? " is required" : " is " + query)
                            + " with Mode Filter; it must be a string of the form " + FilterParser.EXPECTED_FORM);
        }
        try {
            return new Selection.Filter(FilterExpression.parse(query.textValue()));
        } catch (FilterSyntaxException e) {
            throw new IllegalArgumentException(BLOCK + "." + FILTER_QUERY + ": " + e.getMessage(), e);
        }
    }
}
