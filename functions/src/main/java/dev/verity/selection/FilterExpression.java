package dev.verity.selection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A parsed Ground Truth filter query, {@code SELECT * FROM S3Object s WHERE <condition>}: the subset of Amazon S3
 * Select that compares manifest attributes with literals (see {@link FilterParser} for the grammar).
 *
 * <p>Semantics: a missing attribute or JSON null is NULL; a comparison with NULL is UNKNOWN and so is NOT of it
 * (SQL three-valued logic); only a TRUE condition selects the object. Numbers compare numerically and strings
 * lexicographically; a string attribute that reads as a number compares numerically with a number (and "true" /
 * "false" with a boolean), as S3 Select's loose casts do; values of different kinds are not comparable (UNKNOWN).
 * Unquoted attribute names ignore case, "quoted" ones do not.
 */
public final class FilterExpression {

    private final String query;
    private final FilterCondition condition;

    private FilterExpression(String query, FilterCondition condition) {
        this.query = query;
        this.condition = condition;
    }

    /** @throws FilterSyntaxException naming the position and what was expected or is unsupported */
    public static FilterExpression parse(String query) {
        Objects.requireNonNull(query, "query");
        return new FilterExpression(query, FilterParser.parse(query));
    }

    /** True if the condition holds (is TRUE, not FALSE or UNKNOWN) for this manifest line. */
    public boolean matches(ObjectNode line) {
        return condition.evaluate(line) == Truth.TRUE;
    }

    public String query() {
        return query;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilterExpression that && query.equals(that.query);
    }

    @Override
    public int hashCode() {
        return query.hashCode();
    }

    @Override
    public String toString() {
        return query;
    }
}
