package dev.verity.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/** The WHERE condition of a filter query, evaluated per manifest line with SQL's three-valued logic. */
sealed interface FilterCondition {

    Truth evaluate(ObjectNode line);

    record Or(FilterCondition left, FilterCondition right) implements FilterCondition {
        @Override
        public Truth evaluate(ObjectNode line) {
            Truth first = left.evaluate(line);
            return first == Truth.TRUE ? Truth.TRUE : first.or(right.evaluate(line));
        }
    }

    record And(FilterCondition left, FilterCondition right) implements FilterCondition {
        @Override
        public Truth evaluate(ObjectNode line) {
            Truth first = left.evaluate(line);
            return first == Truth.FALSE ? Truth.FALSE : first.and(right.evaluate(line));
        }
    }

    record Not(FilterCondition operand) implements FilterCondition {
        @Override
        public Truth evaluate(ObjectNode line) {
            return operand.evaluate(line).not();
        }
    }

    enum Operator {
        EQUAL(c -> c == 0),
        NOT_EQUAL(c -> c != 0),
        LESS(c -> c < 0),
        LESS_OR_EQUAL(c -> c <= 0),
        GREATER(c -> c > 0),
        GREATER_OR_EQUAL(c -> c >= 0);

        private final IntPredicate holdsFor;

        Operator(IntPredicate holdsFor) {
            this.holdsFor = holdsFor;
        }

        /** The operator a symbol stands for, or null if it is not a comparison. */
        static Operator of(String symbol) {
            return switch (symbol) {
                case "=" -> EQUAL;
                case "<>", "!=" -> NOT_EQUAL;
                case "<" -> LESS;
                case "<=" -> LESS_OR_EQUAL;
                case ">" -> GREATER;
                case ">=" -> GREATER_OR_EQUAL;
                default -> null;
            };
        }

        Truth apply(JsonNode left, JsonNode right) {
            Integer order = ValueComparison.compare(left, right);
            return order == null ? Truth.UNKNOWN : Truth.of(holdsFor.test(order));
        }
    }

    record Comparison(FilterOperand left, Operator operator, FilterOperand right) implements FilterCondition {
        @Override
        public Truth evaluate(ObjectNode line) {
            return operator.apply(left.resolve(line), right.resolve(line));
        }
    }

    /** {@code value [NOT] LIKE 'pattern'}; only strings can match, anything else is UNKNOWN. */
    record Like(FilterOperand value, Pattern pattern, boolean negated) implements FilterCondition {
        @Override
        public Truth evaluate(ObjectNode line) {
            JsonNode resolved = value.resolve(line);
            if (resolved == null || !resolved.isTextual()) {
                return Truth.UNKNOWN;
            }
            return negatedIf(
                    negated, Truth.of(pattern.matcher(resolved.textValue()).matches()));
        }
    }

    /** {@code value IS [NOT] NULL}; a missing attribute is NULL. Never UNKNOWN. */
    record IsNull(FilterOperand value, boolean negated) implements FilterCondition {
        @Override
        public Truth evaluate(ObjectNode line) {
            return negatedIf(negated, Truth.of(value.resolve(line) == null));
        }
    }

    /** {@code value [NOT] IN (a, b, ...)}: TRUE on a match, else UNKNOWN if any comparison was, else FALSE. */
    record In(FilterOperand value, List<FilterOperand.Literal> candidates, boolean negated) implements FilterCondition {

        public In {
            candidates = List.copyOf(candidates);
        }

        @Override
        public Truth evaluate(ObjectNode line) {
            JsonNode resolved = value.resolve(line);
            Truth result = Truth.FALSE;
            for (FilterOperand.Literal candidate : candidates) {
                result = result.or(Operator.EQUAL.apply(resolved, candidate.value()));
                if (result == Truth.TRUE) {
                    break;
                }
            }
            return negatedIf(negated, result);
        }
    }

    /** {@code value [NOT] BETWEEN low AND high}, both ends included. */
    record Between(FilterOperand value, FilterOperand low, FilterOperand high, boolean negated)
            implements FilterCondition {
        @Override
        public Truth evaluate(ObjectNode line) {
            JsonNode resolved = value.resolve(line);
            Truth within = Operator.GREATER_OR_EQUAL
                    .apply(resolved, low.resolve(line))
                    .and(Operator.LESS_OR_EQUAL.apply(resolved, high.resolve(line)));
            return negatedIf(negated, within);
        }
    }

    private static Truth negatedIf(boolean negated, Truth truth) {
        return negated ? truth.not() : truth;
    }
}
