package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Choice Rules: And/Or/Not and data-test expressions ({@code Variable} plus one comparison operator, literal or
 * {@code ...Path}). A comparison between values of different types is false, as the spec says; a Variable that
 * matches nothing is States.Runtime, except for IsPresent.
 */
final class ChoiceEvaluator {
    private static final Set<String> NOT_OPERATORS = Set.of("Variable", "Next", "Comment", "Assign", "Output");

    private ChoiceEvaluator() {}

    /** The {@code Next} of the first matching rule in {@code choice.Choices}, else {@code Default}, else null. */
    static String next(JsonNode choice, JsonNode input, JsonNode context) {
        for (JsonNode rule : choice.path("Choices")) {
            if (matches(rule, input, context)) {
                return rule.path("Next").asText();
            }
        }
        JsonNode fallback = choice.get("Default");
        return fallback == null ? null : fallback.asText();
    }

    static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(r, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(r, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String operator = operator(rule);
        String variable = rule.path("Variable").asText();
        JsonNode expected = rule.get(operator);
        if (operator.equals("IsPresent")) {
            return PathEvaluator.exists(variable, input, context) == expected.asBoolean();
        }
        JsonNode value = PathEvaluator.read(variable, input, context);
        if (operator.endsWith("Path")) {
            operator = operator.substring(0, operator.length() - 4);
            expected = PathEvaluator.read(expected.asText(), input, context);
        }
        return compare(operator, value, expected);
    }

    private static String operator(JsonNode rule) {
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!NOT_OPERATORS.contains(name)) {
                return name;
            }
        }
        throw StateError.runtime("Choice rule without a comparison operator: " + rule);
    }

    private static boolean compare(String operator, JsonNode value, JsonNode expected) {
        switch (operator) {
            case "IsNull":
                return value.isNull() == expected.asBoolean();
            case "IsNumeric":
                return value.isNumber() == expected.asBoolean();
            case "IsString":
                return value.isTextual() == expected.asBoolean();
            case "IsBoolean":
                return value.isBoolean() == expected.asBoolean();
            case "IsTimestamp":
                return (value.isTextual() && Timestamps.parse(value.asText()) != null) == expected.asBoolean();
            case "BooleanEquals":
                return value.isBoolean() && expected.isBoolean() && value.asBoolean() == expected.asBoolean();
            case "StringMatches":
                return value.isTextual()
                        && expected.isTextual()
                        && wildcard(expected.asText()).matcher(value.asText()).matches();
            default:
                break;
        }
        Integer order = order(operator, value, expected);
        if (order == null) {
            return false;
        }
        String relation = operator.replaceFirst("^(String|Numeric|Timestamp)", "");
        switch (relation) {
            case "Equals":
                return order == 0;
            case "LessThan":
                return order < 0;
            case "GreaterThan":
                return order > 0;
            case "LessThanEquals":
                return order <= 0;
            case "GreaterThanEquals":
                return order >= 0;
            default:
                throw StateError.runtime("Unknown Choice comparison operator " + operator);
        }
    }

    /** The sign of value-vs-expected for String*, Numeric* and Timestamp* operators; null if types do not fit. */
    private static Integer order(String operator, JsonNode value, JsonNode expected) {
        if (operator.startsWith("String")) {
            return value.isTextual() && expected.isTextual()
                    ? Integer.signum(value.asText().compareTo(expected.asText()))
                    : null;
        }
        if (operator.startsWith("Numeric")) {
            return value.isNumber() && expected.isNumber()
                    ? value.decimalValue().compareTo(expected.decimalValue())
                    : null;
        }
        if (operator.startsWith("Timestamp")) {
            Instant a = value.isTextual() ? Timestamps.parse(value.asText()) : null;
            Instant b = expected.isTextual() ? Timestamps.parse(expected.asText()) : null;
            return a == null || b == null ? null : a.compareTo(b);
        }
        throw StateError.runtime("Unknown Choice comparison operator " + operator);
    }

    /** StringMatches patterns: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
