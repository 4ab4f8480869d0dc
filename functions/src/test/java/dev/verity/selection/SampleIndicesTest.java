package dev.verity.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleIndicesTest {

    @ParameterizedTest
    @CsvSource({
        "1000, 1",
        "1000, 10",
        "1000, 499",
        "1000, 500",
        "1000, 501",
        "1000, 999",
        "1000, 1000",
        "7, 3",
        "7, 4",
        "1, 1",
        "2, 1"
    })
    void choosesExactlyTheRequestedNumberOfDistinctIndexes(long total, long size) {
        SampleIndices sample = SampleIndices.choose(total, size, 12345);

        assertThat(sample.size()).isEqualTo(size);
        assertThat(chosen(sample))
                .hasSize((int) size)
                .allSatisfy(index -> assertThat(index).isBetween(0L, total - 1));
    }

    @Test
    void choosesEveryIndexWhenAskedForAtLeastTheTotal() {
        assertThat(chosen(SampleIndices.choose(5, 5, 1))).containsExactly(0L, 1L, 2L, 3L, 4L);
        SampleIndices more = SampleIndices.choose(5, 50, 1);
        assertThat(more.size()).isEqualTo(5);
        assertThat(chosen(more)).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void choosesNothingFromNothingOrWhenAskedForNone() {
        assertThat(SampleIndices.choose(0, 10, 1).size()).isZero();
        assertThat(SampleIndices.choose(0, 10, 1).contains(0)).isFalse();
        assertThat(chosen(SampleIndices.choose(10, 0, 1))).isEmpty();
    }

    @Test
    void answersNoOutsideTheRange() {
        SampleIndices all = SampleIndices.choose(3, 3, 1);

        assertThat(all.contains(-1)).isFalse();
        assertThat(all.contains(3)).isFalse();
    }

    @Test
    void refusesNegativeArguments() {
        assertThatThrownBy(() -> SampleIndices.choose(-1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleIndices.choose(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSeedGivesTheSameSample() {
        assertThat(chosen(SampleIndices.choose(10_000, 100, 99)))
                .isEqualTo(chosen(SampleIndices.choose(10_000, 100, 99)));
        assertThat(chosen(SampleIndices.choose(10_000, 9_900, 99)))
                .isEqualTo(chosen(SampleIndices.choose(10_000, 9_900, 99)));
    }

    @Test
    void differentSeedsGiveDifferentSamples() {
        assertThat(chosen(SampleIndices.choose(10_000, 100, 1)))
                .isNotEqualTo(chosen(SampleIndices.choose(10_000, 100, 2)));
        assertThat(chosen(SampleIndices.choose(10_000, 9_900, 1)))
                .isNotEqualTo(chosen(SampleIndices.choose(10_000, 9_900, 2)));
    }

    /** Pinned results: a change here means every job's sample changed, across runs and JVMs. */
    @Test
    void sampleIsStableAcrossRunsAndJvms() {
        assertThat(chosen(SampleIndices.choose(20, 5, 42))).containsExactly(5L, 9L, 13L, 16L, 19L);
        assertThat(chosen(SampleIndices.choose(20, 15, 42)))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 6L, 7L, 8L, 10L, 11L, 12L, 14L, 15L, 17L, 18L);
        SampleIndices large = SampleIndices.choose(1_000_000, 8, 0);
        assertThat(List.of(30450L, 173470L, 178914L, 258521L, 302246L, 416759L, 770105L, 972966L))
                .allSatisfy(index -> assertThat(large.contains(index)).isTrue());
    }

    @ParameterizedTest
    @CsvSource({"10, 3", "10, 8"})
    void everyIndexIsEquallyLikely(int total, int size) {
        int seeds = 20_000;
        long[] counts = new long[total];
        for (long seed = 0; seed < seeds; seed++) {
            SampleIndices sample = SampleIndices.choose(total, size, seed);
            for (int index = 0; index < total; index++) {
                if (sample.contains(index)) {
                    counts[index]++;
                }
            }
        }

        double expected = (double) seeds * size / total;
        // 9 degrees of freedom: 27.88 is the 0.1% critical value. The seeds are fixed, so the outcome is too.
        assertThat(chiSquare(counts, expected)).isLessThan(27.88);
    }

    @Test
    void everySubsetIsEquallyLikely() {
        int seeds = 30_000;
        Map<List<Long>, Long> counts = new HashMap<>();
        for (long seed = 0; seed < seeds; seed++) {
            counts.merge(chosen(SampleIndices.choose(6, 2, seed)), 1L, Long::sum);
        }

        assertThat(counts).hasSize(15);
        long[] observed = counts.values().stream().mapToLong(Long::longValue).toArray();
        // 14 degrees of freedom: 36.12 is the 0.1% critical value.
        assertThat(chiSquare(observed, seeds / 15.0)).isLessThan(36.12);
    }

    private static double chiSquare(long[] observed, double expected) {
        double sum = 0;
        for (long count : observed) {
            sum += (count - expected) * (count - expected) / expected;
        }
        return sum;
    }

    private static List<Long> chosen(SampleIndices sample) {
        List<Long> chosen = new ArrayList<>();
        for (long index = 0; index < sample.total(); index++) {
            if (sample.contains(index)) {
                chosen.add(index);
            }
        }
        return chosen;
    }
}
