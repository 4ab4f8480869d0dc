package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.assignmentId;
import static dev.verity.labeling.LabelingBench.classifier;
import static dev.verity.labeling.LabelingBench.objectId;
import static dev.verity.labeling.LabelingBench.token;
import static dev.verity.labeling.LabelingBench.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.fakes.InMemoryJobStore;
import dev.verity.job.ConflictException;
import dev.verity.store.Assignment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Declining a task for good: TaskService.decline over in-memory ports. */
class TaskDeclineRulesTest {

    private final LabelingBench bench = new LabelingBench();

    @Test
    void aDeclinedTaskGoesBackToTheQueueForOtherWorkers() {
        String job = bench.imageJob("given-back", 1, 2);
        AssignedTask task = bench.next(job, "w1");

        DeclinedTask result = bench.tasks.decline(assignmentId(task), worker("w1"));

        assertThat(result.declines()).isEqualTo(1);
        assertThat(result.objectComplete()).isFalse();
        assertThat(bench.queue.visible(job)).hasSize(2);
        assertThat(bench.store.assignment(job, "0", "w1").orElseThrow().status())
                .isEqualTo(Assignment.Status.DECLINED);
    }

    @Test
    void decliningTheSameTaskAgainCountsTheWorkerOnce() {
        String job = bench.imageJob("declined-twice", 1, 2);
        AssignedTask task = bench.next(job, "w1");
        bench.tasks.decline(assignmentId(task), worker("w1"));

        DeclinedTask again = bench.tasks.decline(assignmentId(task), worker("w1"));

        assertThat(again.declines()).isEqualTo(1);
        assertThat(bench.store.isComplete(job, "0")).isFalse();
    }

    @Test
    void anObjectEveryWorkerDeclinedIsCompleteWithoutAnswers() {
        String job = bench.imageJob("all-declined", 1, 2);
        bench.tasks.decline(assignmentId(bench.next(job, "w1")), worker("w1"));

        DeclinedTask last = bench.tasks.decline(assignmentId(bench.next(job, "w2")), worker("w2"));

        assertThat(last.declines()).isEqualTo(2);
        assertThat(last.objectComplete()).isTrue();
        assertThat(bench.store.isComplete(job, "0")).isTrue();
        assertThat(bench.store.answerCount(job, "0")).isZero();
        assertThat(bench.workflow.resumed(token(job))).isTrue();
    }

    @Test
    void theOtherMessageOfAnObjectEveryWorkerDeclinedIsDroppedNotHandedOut() {
        String job = bench.imageJob("all-declined-rest", 1, 2);
        bench.tasks.decline(assignmentId(bench.next(job, "w1")), worker("w1"));
        bench.tasks.decline(assignmentId(bench.next(job, "w2")), worker("w2"));
        // the last decline deleted its own message; the slot w1 gave back is still queued
        assertThat(bench.queue.messages(job)).hasSize(1);

        assertThat(bench.poll(job, "w3")).isEmpty();
        assertThat(bench.queue.messages(job)).isEmpty();
    }

    @Test
    void decliningLetsGoOfTheHoldSoTheWorkerTakesAnotherObject() {
        String job = bench.imageJob("decline-then-next", 2, 1);
        AssignedTask declined = bench.next(job, "w1");
        bench.tasks.decline(assignmentId(declined), worker("w1"));

        AssignedTask next = bench.next(job, "w1");

        assertThat(objectId(next)).isNotEqualTo(objectId(declined));
    }

    @Test
    void aSubmittedTaskCannotBeDeclined() {
        String job = bench.imageJob("submitted", 1, 2);
        AssignedTask task = bench.next(job, "w1");
        bench.answer(task, "w1", "cat");

        assertThatThrownBy(() -> bench.tasks.decline(assignmentId(task), worker("w1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was submitted and cannot be declined");
        assertThat(bench.store.decliners(job, "0")).isEmpty();
    }

    @Test
    void whenTheAnswerWinsTheRaceWithADeclineTheAnswerStandsAndTheDeclineIsRefused() {
        // The worker's answer (another tab) lands between the decline's read and its conditional write.
        LabelingBench racing = new LabelingBench(
                clock -> new InMemoryJobStore(clock) {
                    @Override
                    public synchronized boolean decline(String jobName, String objectId, String workerId) {
                        Assignment claimed =
                                assignment(jobName, objectId, workerId).orElseThrow();
                        submit(claimed.submitted(Instant.parse("2024-01-01T00:00:05Z"), classifier("cat")));
                        return super.decline(jobName, objectId, workerId);
                    }
                },
                JobLayout.CHUNK_SIZE);
        String job = racing.imageJob("answer-first", 1, 2);
        AssignedTask task = racing.next(job, "w1");

        assertThatThrownBy(() -> racing.tasks.decline(assignmentId(task), worker("w1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was submitted");
        Assignment stored = racing.store.assignment(job, "0", "w1").orElseThrow();
        assertThat(stored.status()).isEqualTo(Assignment.Status.SUBMITTED);
        assertThat(stored.answer()).isEqualTo(classifier("cat"));
        assertThat(racing.store.decliners(job, "0")).isEmpty();
    }

    @Test
    void aWorkerCannotDeclineAnotherWorkersTask() {
        String job = bench.imageJob("not-yours", 1, 1);
        AssignedTask task = bench.next(job, "w1");

        assertThatThrownBy(() -> bench.tasks.decline(assignmentId(task), worker("w2")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(bench.store.assignment(job, "0", "w1").orElseThrow().status())
                .isEqualTo(Assignment.Status.CLAIMED);
    }

    @Test
    void anObjectCompletedByDeclinesLetsTheNextObjectIntoTheWindow() {
        String job = bench.imageJob("decline-window", 3, 1, LabelingBench.window(1));
        AssignedTask task = bench.next(job, "w1");

        bench.tasks.decline(assignmentId(task), worker("w1"));

        assertThat(bench.queue.objectIds(job)).containsExactly("1");
        assertThat(bench.record(job).batchSent()).isEqualTo(2);
    }

    @Test
    void aDeclineAfterItsBatchClosedIsRefusedAndCountsTowardsNoLaterBatch() {
        String job = bench.imageJob("decline-after-close", 2, 1);
        AssignedTask task = bench.next(job, "w1");
        // consolidation took batch 1; automated labeling started batch 2, of one other object
        bench.store.closeBatch(job, 1);
        bench.store.startBatch(job, 2, 1);

        assertThatThrownBy(() -> bench.tasks.decline(assignmentId(task), worker("w1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("human work on this task ended");
        assertThat(bench.record(job).batchComplete()).isFalse();
        assertThat(bench.workflow.resumes(token(job))).isEmpty();
    }

    @Test
    void aDeclineAfterTheTaskTimeLimitIsRefusedAndLeavesTheSlotToTheWorkerWhoHasItNow() {
        String job = bench.imageJob("decline-late", 1, 1);
        AssignedTask expired = bench.next(job, "w1");
        bench.clock.advanceSeconds(LabelingBench.TIME_LIMIT + 1);
        AssignedTask retaken = bench.next(job, "w2");

        assertThatThrownBy(() -> bench.tasks.decline(assignmentId(expired), worker("w1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("time limit for this task");
        assertThat(bench.store.isComplete(job, "0")).isFalse();

        bench.answer(retaken, "w2", "dog");
        assertThat(bench.store.answerCount(job, "0")).isEqualTo(1);
        assertThat(bench.workflow.resumes(token(job)))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.output().get("completedObjects").asLong()).isEqualTo(1));
    }
}
