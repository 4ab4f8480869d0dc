package dev.verity.monitor;

/**
 * One metric's values for a job, added up: their sum, how many there were (CloudWatch's SampleCount: one per
 * invocation for a count, one per task for {@link JobMetric#TimeSpent}) and the largest.
 *
 * @param maximum the largest value; 0 if there was none
 */
public record MetricTotal(JobMetric metric, double sum, long count, double maximum) {

    /** No values. */
    public static MetricTotal none(JobMetric metric) {
        return new MetricTotal(metric, 0, 0, 0);
    }

    /** This and one more value. */
    public MetricTotal plus(double value) {
        return new MetricTotal(metric, sum + value, count + 1, count == 0 ? value : Math.max(maximum, value));
    }

    /** The mean value (seconds per task for {@link JobMetric#TimeSpent}); NaN if there was none. */
    public double average() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
