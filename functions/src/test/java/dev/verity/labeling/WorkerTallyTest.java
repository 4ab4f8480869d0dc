package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class WorkerTallyTest {

    @Test
    void chunkTalliesMergeIntoOnePerWorkerReport() {
        WorkerTally first = new WorkerTally();
        first.answer("w2");
        first.answer("w1");
        first.goldAnswer("w1", true);
        WorkerTally second = new WorkerTally();
        second.answer("w1");
        second.goldAnswer("w1", false);
        second.goldAnswer("w1", true);

        WorkerTally job = new WorkerTally();
        job.merge(first.toJson());
        job.merge(second.toJson());
        JsonNode report = job.toJson();

        assertThat(report.get("workers")).hasSize(2);
        JsonNode w1 = report.get("workers").get(0);
        assertThat(w1.get("workerId").asText()).isEqualTo("w1");
        assertThat(w1.get("answers").asLong()).isEqualTo(2);
        assertThat(w1.get("goldAnswered").asLong()).isEqualTo(3);
        assertThat(w1.get("goldCorrect").asLong()).isEqualTo(2);
        assertThat(w1.get("goldAccuracy").decimalValue()).isEqualByComparingTo("0.6667");
        JsonNode w2 = report.get("workers").get(1);
        assertThat(w2.get("answers").asLong()).isEqualTo(1);
        assertThat(w2.has("goldAccuracy")).isFalse();
    }
}
