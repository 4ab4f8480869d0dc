package dev.verity.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics reach CloudWatch as embedded metric format lines on standard output, one per job and team (locally, in a
 * file).
 */
class EmfJobMetricsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStandardOutput() {
        stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(stdout);
    }

    @Test
    void aFlushWritesOneEmfLinePerJobAndTeamWithSummedCountsAndEachTimeSpent() {
        EmfJobMetrics metrics = new EmfJobMetrics();
        metrics.add(JobMetric.TasksAccepted, "cats", "labelers", 1);
        metrics.add(JobMetric.TasksAccepted, "cats", "labelers", 1);
        metrics.add(JobMetric.TasksSubmitted, "cats", "labelers", 1);
        metrics.add(JobMetric.TimeSpent, "cats", "labelers", 12.5);
        metrics.add(JobMetric.TimeSpent, "cats", "labelers", 30);
        metrics.add(JobMetric.JobsFailed, "dogs", "vendors", 1);

        metrics.flush();

        List<JsonNode> lines = emfLines();
        assertThat(lines).hasSize(2);
        JsonNode cats = lines.get(0);
        JsonNode directive = cats.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Verity");
        // per job and team, and the totals (no dimension) that the stack's alarms watch
        assertThat(directive.path("Dimensions")).hasSize(2);
        assertThat(texts(directive.path("Dimensions").get(0))).containsExactly("LabelingJobName", "Workteam");
        assertThat(texts(directive.path("Dimensions").get(1))).isEmpty();
        assertThat(cats.path("_aws").path("Timestamp").asLong()).isPositive();
        Set<String> names = new TreeSet<>();
        directive
                .path("Metrics")
                .forEach(m ->
                        names.add(m.path("Name").asText() + "/" + m.path("Unit").asText()));
        assertThat(names).containsExactly("TasksAccepted/Count", "TasksSubmitted/Count", "TimeSpent/Seconds");
        assertThat(cats.path("LabelingJobName").asText()).isEqualTo("cats");
        assertThat(cats.path("Workteam").asText()).isEqualTo("labelers");
        assertThat(cats.path("TasksAccepted").asDouble()).isEqualTo(2);
        assertThat(cats.path("TasksSubmitted").asDouble()).isEqualTo(1);
        assertThat(cats.path("TimeSpent").isArray()).isTrue();
        assertThat(cats.path("TimeSpent").get(0).asDouble()).isEqualTo(12.5);
        assertThat(cats.path("TimeSpent").get(1).asDouble()).isEqualTo(30);
        JsonNode dogs = lines.get(1);
        assertThat(dogs.path("LabelingJobName").asText()).isEqualTo("dogs");
        assertThat(dogs.path("Workteam").asText()).isEqualTo("vendors");
        assertThat(dogs.path("JobsFailed").asDouble()).isEqualTo(1);
        assertThat(dogs.has("TasksAccepted")).isFalse();
    }

    @Test
    void aFlushAfterAFlushOrWithNothingAddedWritesNothing() {
        EmfJobMetrics metrics = new EmfJobMetrics();
        metrics.flush();
        assertThat(emfLines()).isEmpty();

        metrics.add(JobMetric.TasksDeclined, "cats", "labelers", 1);
        metrics.flush();
        metrics.flush();

        assertThat(emfLines()).hasSize(1);
    }

    @Test
    void givenAFileTheLinesAreAppendedToItAndNotToStandardOutput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/metrics.jsonl");
        EmfJobMetrics metrics = new EmfJobMetrics(file);
        metrics.add(JobMetric.TasksAccepted, "cats", "labelers", 1);
        metrics.flush();
        metrics.add(JobMetric.TasksSubmitted, "dogs", "labelers", 1);
        metrics.flush();

        assertThat(emfLines()).isEmpty();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Json.parse(lines.get(0)).path("TasksAccepted").asDouble()).isEqualTo(1);
        assertThat(Json.parse(lines.get(1)).path("LabelingJobName").asText()).isEqualTo("dogs");
        assertThat(Json.parse(lines.get(1))
                        .at("/_aws/CloudWatchMetrics/0/Namespace")
                        .asText())
                .isEqualTo("Verity");
    }

    /** The JSON lines written to standard output that carry an EMF directive. */
    private List<JsonNode> emfLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                JsonNode node = Json.parse(line);
                if (node.path("_aws").has("CloudWatchMetrics")) {
                    lines.add(node);
                }
            }
        }
        return lines;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
