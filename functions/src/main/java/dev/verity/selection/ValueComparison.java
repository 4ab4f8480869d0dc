package dev.verity.selection;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * How two filter values compare. Numbers compare numerically, strings by Java's string order, booleans false
 * before true. Like S3 Select's loose casting, a string that reads as a number (or as true/false) compares with a
 * number (or a boolean) as that. Anything else — NULL, objects, arrays, a string that does not read as the other
 * side's type — cannot be compared, and the comparison is UNKNOWN.
 */
final class ValueComparison {

    private ValueComparison() {}

    /** Negative, zero or positive as {@code a} is less than, equal to or greater than {@code b}; null if incomparable. */
    static Integer compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.isTextual() && !b.isTextual()) {
            Integer reversed = compare(b, a);
            return reversed == null ? null : -reversed;
        }
        if (a.isNumber()) {
            BigDecimal left = number(a);
            BigDecimal right = b.isTextual() ? parseNumber(b.textValue()) : number(b);
            return left == null || right == null ? null : left.compareTo(right);
        }
        if (a.isBoolean()) {
            Boolean right = b.isTextual() ? parseBoolean(b.textValue()) : b.isBoolean() ? b.booleanValue() : null;
            return right == null ? null : Boolean.compare(a.booleanValue(), right);
        }
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().compareTo(b.textValue());
        }
        return null;
    }

    private static BigDecimal number(JsonNode node) {
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return null;
        }
        return node.decimalValue();
    }

    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean parseBoolean(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return true;
        }
        return trimmed.equalsIgnoreCase("false") ? false : null;
    }
}
