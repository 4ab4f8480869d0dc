package dev.verity.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.LabelCounters;
import dev.verity.store.JobRecord;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job's steps tell monitoring: each status change as an event (and, when the job ends, its outcome and label
 * counts as metrics), and each task a worker accepted, submitted, returned or declined as a metric of the job and its
 * work team. A failure to announce is logged, never the step's failure: monitoring must not stop labeling.
 */
public final class JobMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(JobMonitor.class);
    private static final String PRIVATE_CROWD = "private-crowd/";

    /** Monitoring that goes nowhere (tests and tools that do not look at it). */
    public static final JobMonitor NONE = new JobMonitor(JobEvents.NONE, JobMetrics.NONE, job -> null);

    private final JobEvents events;
    private final JobMetrics metrics;
    private final Function<JobRecord, LabelCounters> counters;

    /** @param counters a job's label counters as {@code DescribeLabelingJob} reports them */
    public JobMonitor(JobEvents events, JobMetrics metrics, Function<JobRecord, LabelCounters> counters) {
        this.events = events;
        this.metrics = metrics;
        this.counters = counters;
    }

    /**
     * The job's status just changed to {@code job.status()} (call it once per change: after the conditional write that
     * made it, when that write succeeded).
     */
    public void statusChanged(JobRecord job) {
        LabelCounters labels = counters.apply(job);
        try {
            events.statusChanged(new JobStatusChange(job.name(), job.arn(), job.status(), job.failureReason(), labels));
        } catch (RuntimeException e) {
            LOG.warn("could not announce that job {} is {}", job.name(), job.status(), e);
        }
        JobMetric outcome = switch (job.status()) {
            case Completed -> JobMetric.JobsSucceeded;
            case Failed -> JobMetric.JobsFailed;
            case Stopped -> JobMetric.JobsStopped;
            default -> null;
        };
        if (outcome != null) {
            add(outcome, job, 1);
            if (labels != null) {
                add(JobMetric.DatasetObjectsHumanAnnotated, job, labels.humanLabeled());
                add(JobMetric.DatasetObjectsAutoAnnotated, job, labels.machineLabeled());
            }
        }
    }

    public void taskAccepted(JobRecord job) {
        add(JobMetric.TasksAccepted, job, 1);
    }

    /** A task's answer was stored, {@code spent} after the worker accepted the task. */
    public void taskSubmitted(JobRecord job, Duration spent) {
        add(JobMetric.TasksSubmitted, job, 1);
        add(JobMetric.TimeSpent, job, Math.max(0, spent.toMillis()) / 1000.0);
    }

    public void taskReturned(JobRecord job) {
        add(JobMetric.TasksReturned, job, 1);
    }

    public void taskDeclined(JobRecord job) {
        add(JobMetric.TasksDeclined, job, 1);
    }

    /** Objects whose tasks nobody answered before the task availability lifetime ran out. */
    public void tasksExpired(JobRecord job, long objects) {
        if (objects > 0) {
            add(JobMetric.TasksExpired, job, objects);
        }
    }

    /** Publishes this invocation's metrics (the handler calls it once, at the end of each invocation). */
    public void flush() {
        try {
            metrics.flush();
        } catch (RuntimeException e) {
            LOG.warn("could not publish the metrics of this invocation", e);
        }
    }

    private void add(JobMetric metric, JobRecord job, double value) {
        try {
            metrics.add(metric, job.name(), workteam(job), value);
        } catch (RuntimeException e) {
            LOG.warn("could not count {} for job {}", metric, job.name(), e);
        }
    }

    /**
     * The work team's dimension value: a private team's name, else what follows {@code workteam/} in its ARN
     * ({@code public-crowd/default}, a vendor's).
     */
    static String workteam(JobRecord job) {
        return workteam(job.request());
    }

    /** The work team's dimension value of a job created from {@code request} (its CreateLabelingJob request). */
    static String workteam(JsonNode request) {
        String arn = request.path("HumanTaskConfig").path("WorkteamArn").asText("");
        int at = arn.indexOf(":workteam/");
        String team = at < 0 ? arn : arn.substring(at + ":workteam/".length());
        team = team.startsWith(PRIVATE_CROWD) ? team.substring(PRIVATE_CROWD.length()) : team;
        return team.isEmpty() ? "none" : team;
    }
}
