package dev.verity.monitor;

/**
 * The metrics Verity publishes per labeling job and work team, named as Ground Truth's CloudWatch metrics are
 * ({@code reference/groundtruth.md} §3.4) where Ground Truth has one.
 */
public enum JobMetric {
    /** a worker took a task ({@code next}) */
    TasksAccepted(false),
    /** a worker's answer was stored */
    TasksSubmitted(false),
    /** a worker gave a task back (release) */
    TasksReturned(false),
    /** a worker declined a task for good */
    TasksDeclined(false),
    /** objects whose tasks nobody answered before the task availability lifetime ran out (counted at the job's end) */
    TasksExpired(false),
    /** seconds from a task's acceptance to its submission, one value per submitted task */
    TimeSpent(true),
    /** objects labeled by humans, at the job's end (use the Maximum statistic) */
    DatasetObjectsHumanAnnotated(false),
    /** objects labeled by a model, at the job's end (use the Maximum statistic) */
    DatasetObjectsAutoAnnotated(false),
    JobsSucceeded(false),
    JobsFailed(false),
    JobsStopped(false);

    private final boolean seconds;

    JobMetric(boolean seconds) {
        this.seconds = seconds;
    }

    /** Whether the values are seconds; the others are counts. */
    public boolean inSeconds() {
        return seconds;
    }
}
