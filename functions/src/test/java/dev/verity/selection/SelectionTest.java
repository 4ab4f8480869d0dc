package dev.verity.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectionTest {

    private static final ObjectNode LINE = (ObjectNode) Json.parse("{\"source\":\"x\",\"label\":\"cat\"}");

    @Test
    void allSelectsEveryObject() {
        ObjectSelector selector = new Selection.All().selector(3);

        assertThat(selected(selector, 3)).isEqualTo(3);
    }

    @Test
    void randomSampleOfACountSelectsExactlyThatMany() {
        assertThat(selected(Selection.RandomSample.ofCount(37, 5).selector(1000), 1000))
                .isEqualTo(37);
        assertThat(selected(Selection.RandomSample.ofCount(900, 5).selector(1000), 1000))
                .isEqualTo(900);
    }

    @Test
    void randomSampleLargerThanTheManifestSelectsEverything() {
        assertThat(selected(Selection.RandomSample.ofCount(50, 5).selector(20), 20))
                .isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({
        "1000, 10,    100",
        "1000, 0.05,  1",
        "1000, 0.01,  1",
        "10,   15,    2",
        "10,   14,    1",
        "3,    100,   3",
        "1,    0.001, 1",
        "0,    50,    0"
    })
    void percentageRoundsHalfUpToAtLeastOne(long total, double percentage, long expected) {
        Selection.RandomSample sample = Selection.RandomSample.ofPercentage(percentage, 0);

        assertThat(sample.sampleSize(total)).isEqualTo(expected);
        assertThat(selected(sample.selector(total), total)).isEqualTo(expected);
    }

    @Test
    void randomSampleIsTheSameForTheSameSeed() {
        Selection.RandomSample sample = Selection.RandomSample.ofCount(10, 77);
        ObjectSelector first = sample.selector(500);
        ObjectSelector second = sample.selector(500);

        for (long index = 0; index < 500; index++) {
            assertThat(first.test(index, LINE)).isEqualTo(second.test(index, LINE));
        }
    }

    @Test
    void randomSampleNeedsExactlyOneOfCountAndPercentage() {
        assertThatThrownBy(() -> new Selection.RandomSample(null, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Selection.RandomSample(5L, 10.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one");
    }

    @Test
    void randomSampleRefusesOutOfRangeValues() {
        assertThatThrownBy(() -> Selection.RandomSample.ofCount(0, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Selection.RandomSample.ofPercentage(0, 0)).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Selection.RandomSample.ofPercentage(100.5, 0)).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> Selection.RandomSample.ofPercentage(Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filterSelectsTheMatchingLines() {
        Selection filter =
                new Selection.Filter(FilterExpression.parse("SELECT * FROM S3Object s WHERE s.label = 'cat'"));
        ObjectSelector selector = filter.selector(2);

        assertThat(selector.test(0, LINE)).isTrue();
        assertThat(selector.test(1, (ObjectNode) Json.parse("{\"source\":\"y\",\"label\":\"dog\"}")))
                .isFalse();
    }

    private static long selected(ObjectSelector selector, long total) {
        long count = 0;
        for (long index = 0; index < total; index++) {
            if (selector.test(index, LINE)) {
                count++;
            }
        }
        return count;
    }
}
