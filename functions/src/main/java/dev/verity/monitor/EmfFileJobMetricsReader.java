package dev.verity.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@link JobMetricsReader} over the EMF lines {@link EmfJobMetrics} appends to a file (the local runtime's
 * {@code <state dir>/metrics.jsonl}): read line by line, never whole, counting the lines whose
 * {@value EmfJobMetrics#JOB_DIMENSION} is the job, whichever their team and time. A line that is not an EMF object (one
 * being written, a stray) is skipped.
 */
public final class EmfFileJobMetricsReader implements JobMetricsReader {

    private final Path file;

    public EmfFileJobMetricsReader(Path file) {
        this.file = file;
    }

    @Override
    public Map<JobMetric, MetricTotal> totals(String labelingJobName, String workteam, Instant from, Instant to) {
        Map<JobMetric, MetricTotal> totals = new EnumMap<>(JobMetric.class);
        for (JobMetric metric : JobMetric.values()) {
            totals.put(metric, MetricTotal.none(metric));
        }
        long skipped = 0;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // most lines are other jobs': no parse for a line that cannot name this one
                if (!line.contains(labelingJobName)) {
                    continue;
                }
                JsonNode emf;
                try {
                    emf = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    skipped++;
                    continue;
                }
                if (emf == null
                        || !emf.isObject()
                        || !labelingJobName.equals(
                                emf.path(EmfJobMetrics.JOB_DIMENSION).asText(null))) {
                    continue;
                }
                for (JobMetric metric : JobMetric.values()) {
                    JsonNode value = emf.get(metric.name());
                    if (value == null) {
                        continue;
                    }
                    for (JsonNode one : value.isArray() ? value : java.util.List.of(value)) {
                        if (one.isNumber()) {
                            totals.computeIfPresent(metric, (m, total) -> total.plus(one.asDouble()));
                        }
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return totals; // nothing published yet
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the metrics in " + file, e);
        }
        if (skipped > 0) {
            LoggerFactory.getLogger(EmfFileJobMetricsReader.class)
                    .debug("skipped {} unreadable lines of {}", skipped, file);
        }
        return totals;
    }
}
