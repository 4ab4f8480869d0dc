package dev.verity.monitor;

import dev.verity.labeling.JobDescription;
import dev.verity.labeling.JobService;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** A job's task and outcome metrics read back from where {@link JobMetrics} published them. */
public final class JobMetricsService {

    /** The time before a job's creation still counted: CloudWatch rounds a query's start down to the minute. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final JobService jobs;
    private final JobMetricsReader reader;
    private final Clock clock;

    public JobMetricsService(JobService jobs, JobMetricsReader reader, Clock clock) {
        this.jobs = jobs;
        this.reader = reader;
        this.clock = clock;
    }

    /** NotFoundException if there is no such job. */
    public JobMetricsReport report(String jobName) {
        // describe first: a 404 for a job that does not exist, and its name as the job store spells it
        JobDescription job = jobs.describe(jobName);
        String name = job.summary().name();
        String team = JobMonitor.workteam(job.request());
        Map<JobMetric, MetricTotal> read = reader.totals(
                name,
                team,
                job.summary().createdAt().minus(MARGIN),
                clock.instant().plus(MARGIN));
        Map<JobMetric, MetricTotal> totals = new EnumMap<>(JobMetric.class);
        for (JobMetric metric : JobMetric.values()) {
            totals.put(metric, read.getOrDefault(metric, MetricTotal.none(metric)));
        }
        return new JobMetricsReport(name, team, totals);
    }
}
