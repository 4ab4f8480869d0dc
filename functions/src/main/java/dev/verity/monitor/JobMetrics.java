package dev.verity.monitor;

/**
 * Where the job and task metrics go: values added during an invocation, published together by {@link #flush()} at its
 * end. Every value has two dimensions, the job's name and its work team's name.
 */
public interface JobMetrics {

    /** Adds one value (a count, or seconds for {@link JobMetric#TimeSpent}). */
    void add(JobMetric metric, String labelingJobName, String workteam, double value);

    /** Publishes what was added since the last flush and forgets it; nothing if nothing was added. */
    void flush();

    /** Metrics that go nowhere. */
    JobMetrics NONE = new JobMetrics() {
        @Override
        public void add(JobMetric metric, String labelingJobName, String workteam, double value) {}

        @Override
        public void flush() {}
    };
}
