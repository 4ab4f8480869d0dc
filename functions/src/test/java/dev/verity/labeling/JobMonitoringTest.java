package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.job.LabelingJobStatus;
import dev.verity.monitor.InMemoryJobMetrics;
import dev.verity.monitor.JobMetric;
import dev.verity.monitor.JobStatusChange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The labeling services tell monitoring each status change and each task's fate, once each. */
class JobMonitoringTest {

    private final LabelingBench bench = new LabelingBench();

    @Test
    void aCompletedJobAnnouncesEachStatusItTookOnceWithItsFinalCounters() {
        String job = bench.imageJob("monitored", 2, 1);
        bench.takeAndAnswer(job, "w1");
        bench.takeAndAnswer(job, "w2");
        bench.finish(job);
        bench.finish(job); // a retried WriteOutput changes no status

        List<JobStatusChange> changes = bench.jobEvents.changes();
        assertThat(changes)
                .extracting(JobStatusChange::status)
                .containsExactly(
                        LabelingJobStatus.Initializing, LabelingJobStatus.InProgress, LabelingJobStatus.Completed);
        JobStatusChange completed = changes.get(2);
        assertThat(completed.labelingJobName()).isEqualTo(job);
        assertThat(completed.labelingJobArn()).isEqualTo(bench.record(job).arn());
        assertThat(completed.counters().totalLabeled()).isEqualTo(2);
        assertThat(completed.counters().humanLabeled()).isEqualTo(2);
        assertThat(completed.counters().unlabeled()).isZero();
        assertThat(bench.metrics.sum(JobMetric.JobsSucceeded, job)).isEqualTo(1);
        assertThat(bench.metrics.sum(JobMetric.DatasetObjectsHumanAnnotated, job))
                .isEqualTo(2);
        assertThat(bench.metrics.sum(JobMetric.DatasetObjectsAutoAnnotated, job))
                .isZero();
        assertThat(bench.metrics.sum(JobMetric.JobsFailed, job)).isZero();
    }

    @Test
    void eachTaskAcceptedSubmittedReturnedOrDeclinedIsCountedForTheJobAndItsTeam() {
        String job = bench.imageJob("tasks", 3, 1);
        AssignedTask first = bench.next(job, "w1");
        bench.clock.advance(Duration.ofSeconds(42));
        bench.answer(first, "w1", "cat");
        AssignedTask second = bench.next(job, "w1");
        bench.tasks.release(second.assignmentId(), LabelingBench.worker("w1"));
        AssignedTask third = bench.next(job, "w2");
        bench.tasks.decline(third.assignmentId(), LabelingBench.worker("w2"));

        InMemoryJobMetrics metrics = bench.metrics;
        assertThat(metrics.sum(JobMetric.TasksAccepted, job)).isEqualTo(3);
        assertThat(metrics.sum(JobMetric.TasksSubmitted, job)).isEqualTo(1);
        assertThat(metrics.sum(JobMetric.TimeSpent, job)).isEqualTo(42);
        assertThat(metrics.sum(JobMetric.TasksReturned, job)).isEqualTo(1);
        assertThat(metrics.sum(JobMetric.TasksDeclined, job)).isEqualTo(1);
        assertThat(metrics.added())
                .extracting(InMemoryJobMetrics.Value::workteam)
                .containsOnly(LabelingBench.WORKTEAM);
    }

    @Test
    void aStoppedJobAnnouncesStoppingThenStoppedAndAFailedOneItsReason() {
        String stopped = bench.imageJob("stopped", 2, 1);
        bench.takeAndAnswer(stopped, "w1");
        bench.jobService.stop(stopped);
        bench.jobService.stop(stopped); // stopping twice is one change
        bench.finish(stopped);
        String failed = bench.imageJob("failed", 1, 1);
        bench.outputs.markFailed(failed, "States.TaskFailed", "the disk is full");
        bench.outputs.markFailed(failed, "States.TaskFailed", "the disk is full");

        assertThat(bench.jobEvents.changes())
                .filteredOn(c -> c.labelingJobName().equals(stopped))
                .extracting(JobStatusChange::status)
                .containsExactly(
                        LabelingJobStatus.Initializing,
                        LabelingJobStatus.InProgress,
                        LabelingJobStatus.Stopping,
                        LabelingJobStatus.Stopped);
        assertThat(bench.jobEvents.changes())
                .filteredOn(c -> c.labelingJobName().equals(failed) && c.status() == LabelingJobStatus.Failed)
                .singleElement()
                .extracting(JobStatusChange::failureReason)
                .isEqualTo("States.TaskFailed: the disk is full");
        assertThat(bench.metrics.sum(JobMetric.JobsStopped, stopped)).isEqualTo(1);
        assertThat(bench.metrics.sum(JobMetric.DatasetObjectsHumanAnnotated, stopped))
                .isEqualTo(1);
        assertThat(bench.metrics.sum(JobMetric.JobsFailed, failed)).isEqualTo(1);
    }
}
