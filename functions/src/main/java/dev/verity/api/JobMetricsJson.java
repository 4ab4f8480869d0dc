package dev.verity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.monitor.JobMetric;
import dev.verity.monitor.JobMetricsReport;
import dev.verity.monitor.MetricTotal;

/**
 * A job's metric totals as the console gets them ({@code GET /jobs/{name}/metrics}): per metric name its sum, count
 * and maximum; seconds metrics ({@code TimeSpent}) also their average, null before the first value.
 */
public final class JobMetricsJson {

    private JobMetricsJson() {}

    public static ObjectNode report(JobMetricsReport report) {
        ObjectNode out =
                Json.object().put("LabelingJobName", report.labelingJobName()).put("Workteam", report.workteam());
        ObjectNode metrics = out.putObject("metrics");
        for (JobMetric metric : JobMetric.values()) {
            MetricTotal total = report.total(metric);
            ObjectNode figure = metrics.putObject(metric.name())
                    .put("sum", total.sum())
                    .put("count", total.count())
                    .put("maximum", total.maximum());
            if (metric.inSeconds()) {
                if (total.count() > 0) {
                    figure.put("average", total.average());
                } else {
                    figure.putNull("average");
                }
            }
        }
        return out;
    }
}
