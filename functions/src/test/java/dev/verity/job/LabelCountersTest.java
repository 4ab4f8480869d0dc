package dev.verity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.json.Json;
import org.junit.jupiter.api.Test;

class LabelCountersTest {

    @Test
    void writesDescribeLabelingJobsShape() {
        assertThat(Json.write(new LabelCounters(7, 5, 2, 1, 3).toJson()))
                .isEqualTo(
                        "{\"TotalLabeled\":7,\"HumanLabeled\":5,\"MachineLabeled\":2,\"FailedNonRetryableError\":1,\"Unlabeled\":3}");
    }

    @Test
    void emptyCountsEverythingAsUnlabeled() {
        assertThat(LabelCounters.empty(12)).isEqualTo(new LabelCounters(0, 0, 0, 0, 12));
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new LabelCounters(0, 0, 0, -1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"FailedNonRetryableError\":-1");
    }
}
