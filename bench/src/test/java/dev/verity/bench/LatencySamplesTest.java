package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesAreNearestRankOverEverySampleInMilliseconds() {
        LatencySamples samples = new LatencySamples();
        for (int ms = 100; ms >= 1; ms--) { // added out of order, and past the first array's growth
            samples.add(ms * 1_000_000L);
        }
        LatencySamples more = new LatencySamples();
        for (int i = 0; i < 2000; i++) {
            more.add(50_000_000L);
        }
        LatencySamples one = new LatencySamples();
        one.addAll(samples);

        assertThat(one.count()).isEqualTo(100);
        assertThat(one.percentileMillis(50)).isEqualTo(50.0);
        assertThat(one.percentileMillis(95)).isEqualTo(95.0);
        assertThat(one.percentileMillis(99)).isEqualTo(99.0);
        assertThat(one.maxMillis()).isEqualTo(100.0);
        assertThat(one.meanMillis()).isEqualTo(50.5);
        one.addAll(more);
        assertThat(one.percentileMillis(50)).isEqualTo(50.0);
        assertThat(one.percentileMillis(99.99)).isEqualTo(100.0);
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertThat(new LatencySamples().percentileMillis(50)).isNaN();
    }
}
