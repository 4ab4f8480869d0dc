package dev.verity.selection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Which objects of a prepared manifest get labeled: all of them, a seeded random sample, or those matching an
 * S3 Select style filter.
 */
public sealed interface Selection permits Selection.All, Selection.RandomSample, Selection.Filter {

    /** The selector for a manifest of {@code totalObjects} accepted objects. */
    ObjectSelector selector(long totalObjects);

    /**
     * Parses Verity's "DataObjectSelection" request block (null or missing node → All). Bad config →
     * IllegalArgumentException naming the field and allowed values.
     */
    static Selection fromConfig(JsonNode config) {
        return SelectionConfigParser.parse(config);
    }

    /** Every object. */
    record All() implements Selection {
        @Override
        public ObjectSelector selector(long totalObjects) {
            return (index, line) -> true;
        }
    }

    /**
     * A uniformly random subset of exactly {@link #sampleSize(long)} objects, the same for the same seed and total.
     * Exactly one of {@code count} (>= 1) and {@code percentage} (0 < p <= 100) is given.
     */
    record RandomSample(Long count, Double percentage, long seed) implements Selection {

        public RandomSample {
            if ((count == null) == (percentage == null)) {
                throw new IllegalArgumentException("a random sample needs exactly one of a count and a percentage");
            }
            if (count != null && count < 1) {
                throw new IllegalArgumentException("sample count must be at least 1, got " + count);
            }
            if (percentage != null && !(percentage > 0 && percentage <= 100)) {
                throw new IllegalArgumentException(
                        "sample percentage must be greater than 0 and at most 100, got " + percentage);
            }
        }

        public static RandomSample ofCount(long count, long seed) {
            return new RandomSample(count, null, seed);
        }

        public static RandomSample ofPercentage(double percentage, long seed) {
            return new RandomSample(null, percentage, seed);
        }

        /**
         * How many of {@code totalObjects} are picked: the count, or the percentage rounded half up (at least 1 when
         * there is any object); never more than there are.
         */
        public long sampleSize(long totalObjects) {
            if (totalObjects <= 0) {
                return 0;
            }
            long wanted = count != null ? count : Math.max(1, Math.round(totalObjects * percentage / 100));
            return Math.min(wanted, totalObjects);
        }

        @Override
        public ObjectSelector selector(long totalObjects) {
            SampleIndices sample = SampleIndices.choose(totalObjects, sampleSize(totalObjects), seed);
            return (index, line) -> sample.contains(index);
        }
    }

    /** The objects whose manifest line matches the expression. */
    record Filter(FilterExpression expression) implements Selection {

        public Filter {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public ObjectSelector selector(long totalObjects) {
            return (index, line) -> expression.matches(line);
        }
    }
}
