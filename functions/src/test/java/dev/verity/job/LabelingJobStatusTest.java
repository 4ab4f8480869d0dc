package dev.verity.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabelingJobStatusTest {

    @Test
    void spellsTheStatusesAsDescribeLabelingJobDoes() {
        assertThat(Arrays.stream(LabelingJobStatus.values()).map(Enum::name))
                .containsExactly("Initializing", "InProgress", "Completed", "Failed", "Stopping", "Stopped");
    }

    @Test
    void onlyCompletedFailedAndStoppedAreTerminal() {
        assertThat(Arrays.stream(LabelingJobStatus.values()).filter(LabelingJobStatus::isTerminal))
                .containsExactly(LabelingJobStatus.Completed, LabelingJobStatus.Failed, LabelingJobStatus.Stopped);
    }
}
