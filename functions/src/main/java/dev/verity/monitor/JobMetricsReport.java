package dev.verity.monitor;

import java.util.Map;

/**
 * A job's metrics so far, as {@code GET /jobs/{name}/metrics} answers them.
 *
 * @param workteam the team dimension the job's metrics carry
 * @param totals   every {@link JobMetric}, in declaration order
 */
public record JobMetricsReport(String labelingJobName, String workteam, Map<JobMetric, MetricTotal> totals) {

    public MetricTotal total(JobMetric metric) {
        return totals.getOrDefault(metric, MetricTotal.none(metric));
    }
}
