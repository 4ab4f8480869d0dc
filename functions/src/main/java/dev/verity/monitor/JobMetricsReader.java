package dev.verity.monitor;

import java.time.Instant;
import java.util.Map;

/** Reads back the job metrics {@link JobMetrics} published: one job's totals per metric. */
public interface JobMetricsReader {

    /**
     * The totals of every {@link JobMetric} of the job and its team (a metric with no value: {@link MetricTotal#none}).
     *
     * @param from the earliest values to count (the job's creation)
     * @param to   the latest (now)
     */
    Map<JobMetric, MetricTotal> totals(String labelingJobName, String workteam, Instant from, Instant to);
}
