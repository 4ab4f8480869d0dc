package dev.verity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelCountersTest {

    @Test
    void emptyCountsEverythingAsUnlabeled() {
        assertThat(LabelCounters.empty(12)).isEqualTo(new LabelCounters(0, 0, 0, 0, 12));
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new LabelCounters(0, 0, 0, -1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FailedNonRetryableError=-1");
    }
}
