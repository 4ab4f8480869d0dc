package dev.verity.monitor;

import java.util.ArrayList;
import java.util.List;

/** {@link JobMetrics} kept in memory: what was added, and what the flushes published. */
public final class InMemoryJobMetrics implements JobMetrics {

    /** One added value. */
    public record Value(JobMetric metric, String job, String workteam, double value) {}

    private final List<Value> pending = new ArrayList<>();
    private final List<Value> published = new ArrayList<>();

    @Override
    public synchronized void add(JobMetric metric, String labelingJobName, String workteam, double value) {
        pending.add(new Value(metric, labelingJobName, workteam, value));
    }

    @Override
    public synchronized void flush() {
        published.addAll(pending);
        pending.clear();
    }

    /** Everything added, flushed or not. */
    public synchronized List<Value> added() {
        List<Value> all = new ArrayList<>(published);
        all.addAll(pending);
        return all;
    }

    /** The sum of a metric's values for a job. */
    public synchronized double sum(JobMetric metric, String job) {
        return added().stream()
                .filter(v -> v.metric() == metric && v.job().equals(job))
                .mapToDouble(Value::value)
                .sum();
    }

    public synchronized List<Value> published() {
        return List.copyOf(published);
    }
}
