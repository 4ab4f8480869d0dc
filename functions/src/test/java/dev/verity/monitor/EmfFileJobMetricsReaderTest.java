package dev.verity.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime's metrics file read back: one job's lines added up, the other job's and broken lines not. */
class EmfFileJobMetricsReaderTest {

    @TempDir
    Path dir;

    private static Map<JobMetric, MetricTotal> totals(Path file, String job) {
        return new EmfFileJobMetricsReader(file).totals(job, "labelers", Instant.EPOCH, Instant.now());
    }

    @Test
    void theTotalsOfAJobAddUpItsLinesAndSkipTheOtherJobsAndAMalformedLine() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        EmfJobMetrics metrics = new EmfJobMetrics(file);
        metrics.add(JobMetric.TasksAccepted, "cats", "labelers", 1);
        metrics.add(JobMetric.TasksAccepted, "cats", "labelers", 1);
        metrics.add(JobMetric.TasksAccepted, "dogs", "labelers", 1);
        metrics.add(JobMetric.TasksSubmitted, "cats", "labelers", 1);
        metrics.add(JobMetric.TimeSpent, "cats", "labelers", 10);
        metrics.add(JobMetric.TimeSpent, "cats", "labelers", 20);
        metrics.add(JobMetric.TimeSpent, "dogs", "labelers", 1000);
        metrics.flush();
        // a line cut short (written while read), and one naming the job in another field only
        Files.writeString(
                file,
                "{\"_aws\":{\"Timestamp\":1},\"LabelingJobName\":\"cats\",\"TasksAcc\n"
                        + "{\"LabelingJobName\":\"cats-2\",\"Workteam\":\"cats\",\"TasksAccepted\":7.0}\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        metrics.add(JobMetric.TasksAccepted, "cats", "other-team", 3);
        metrics.add(JobMetric.TasksSubmitted, "cats", "labelers", 1);
        metrics.add(JobMetric.TimeSpent, "cats", "labelers", 30);
        metrics.flush();

        Map<JobMetric, MetricTotal> cats = totals(file, "cats");

        assertThat(cats).containsOnlyKeys(JobMetric.values());
        assertThat(cats.get(JobMetric.TasksAccepted)).isEqualTo(new MetricTotal(JobMetric.TasksAccepted, 5, 2, 3));
        assertThat(cats.get(JobMetric.TasksSubmitted)).isEqualTo(new MetricTotal(JobMetric.TasksSubmitted, 2, 2, 1));
        MetricTotal spent = cats.get(JobMetric.TimeSpent);
        assertThat(spent.count()).isEqualTo(3);
        assertThat(spent.sum()).isEqualTo(60);
        assertThat(spent.average()).isCloseTo(20, within(1e-9));
        assertThat(cats.get(JobMetric.TasksDeclined)).isEqualTo(MetricTotal.none(JobMetric.TasksDeclined));

        Map<JobMetric, MetricTotal> dogs = totals(file, "dogs");
        assertThat(dogs.get(JobMetric.TasksAccepted).sum()).isEqualTo(1);
        assertThat(dogs.get(JobMetric.TimeSpent).average()).isEqualTo(1000);
    }

    @Test
    void aJobWithNoMetricsFileYetHasZeroTotals() {
        Map<JobMetric, MetricTotal> totals = totals(dir.resolve("none-yet.jsonl"), "cats");

        assertThat(totals.values()).allSatisfy(t -> assertThat(t.count()).isZero());
        assertThat(totals.get(JobMetric.TimeSpent).average()).isNaN();
    }
}
