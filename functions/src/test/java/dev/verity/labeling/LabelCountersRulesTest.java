package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.assignmentId;
import static dev.verity.labeling.LabelingBench.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingJobStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DescribeLabelingJob's LabelCounters as Ground Truth counts them: an object every worker declined, or whose tasks
 * expired unanswered, could not be labeled (FailedNonRetryableError); objects not labeled otherwise (a stopped job's)
 * are Unlabeled.
 */
class LabelCountersRulesTest {

    private final LabelingBench bench = new LabelingBench();

    private LabelCounters counters(String job) {
        return bench.jobService.describe(job).summary().counters();
    }

    private void declineByAll(String job, String... workers) {
        for (String w : workers) {
            AssignedTask task = bench.next(job, w);
            bench.tasks.decline(assignmentId(task), worker(w));
        }
    }

    @Test
    void anObjectEveryWorkerDeclinedCountsAsFailedNotLabeledWhileTheJobRuns() {
        String job = bench.imageJob("declined-live", 3, 2);
        declineByAll(job, "w1", "w2"); // both slots of object 0

        LabelCounters counters = counters(job);

        assertThat(counters.totalLabeled()).isZero();
        assertThat(counters.humanLabeled()).isZero();
        assertThat(counters.failedNonRetryableError()).isEqualTo(1);
        assertThat(counters.unlabeled()).isEqualTo(2);
    }

    @Test
    void decliningAgainDoesNotCountTheFailedObjectTwice() {
        String job = bench.imageJob("declined-twice-counted", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.tasks.decline(assignmentId(task), worker("w1"));

        bench.tasks.decline(assignmentId(task), worker("w1"));

        assertThat(counters(job).failedNonRetryableError()).isEqualTo(1);
    }

    @Test
    void anObjectEveryWorkerDeclinedCountsAsFailedWhenTheJobEnds() {
        String job = bench.imageJob("declined-final", 2, 1);
        declineByAll(job, "w1");
        bench.takeAndAnswer(job, "w2");

        List<ObjectNode> output = bench.finish(job);

        LabelCounters counters = counters(job);
        assertThat(bench.jobService.describe(job).summary().status()).isEqualTo(LabelingJobStatus.Completed);
        assertThat(counters.totalLabeled()).isEqualTo(1);
        assertThat(counters.humanLabeled()).isEqualTo(1);
        assertThat(counters.failedNonRetryableError()).isEqualTo(1);
        assertThat(counters.unlabeled()).isZero();
        // the declined object is copied to the output without a label
        assertThat(output.get(0).has("label")).isFalse();
        assertThat(output.get(1).has("label")).isTrue();
    }

    @Test
    void objectsWhoseTasksExpiredUnansweredCountAsFailed() {
        String job = bench.imageJob("expired", 3, 2);
        AssignedTask task = bench.next(job, "w1");
        bench.answer(task, "w1", "cat"); // object 0 has one of its two answers: it is labeled

        // the task availability lifetime runs out: the workflow's wait times out and goes on to consolidation
        bench.finish(job);

        LabelCounters counters = counters(job);
        assertThat(counters.totalLabeled()).isEqualTo(1);
        assertThat(counters.failedNonRetryableError()).isEqualTo(2);
        assertThat(counters.unlabeled()).isZero();
    }

    @Test
    void aStoppedJobsObjectsLeftWithoutALabelAreUnlabeledNotFailed() {
        String job = bench.imageJob("stopped", 3, 1);
        bench.takeAndAnswer(job, "w1");
        declineByAll(job, "w2");
        bench.jobService.stop(job);

        bench.finish(job);

        LabelCounters counters = counters(job);
        assertThat(bench.jobService.describe(job).summary().status()).isEqualTo(LabelingJobStatus.Stopped);
        assertThat(counters.totalLabeled()).isEqualTo(1);
        assertThat(counters.failedNonRetryableError()).isEqualTo(1);
        assertThat(counters.unlabeled()).isEqualTo(1);
    }
}
