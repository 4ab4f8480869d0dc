package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.TIME_LIMIT;
import static dev.verity.labeling.LabelingBench.assignmentId;
import static dev.verity.labeling.LabelingBench.classifier;
import static dev.verity.labeling.LabelingBench.objectId;
import static dev.verity.labeling.LabelingBench.token;
import static dev.verity.labeling.LabelingBench.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.fakes.InMemoryJobStore;
import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import dev.verity.store.Assignment;
import dev.verity.tasktype.InvalidAnswerException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which answers count: TaskService.submit over in-memory ports. */
class TaskSubmitRulesTest {

    private final LabelingBench bench = new LabelingBench();

    @Test
    void anAnswerIsStoredAndWrittenToTheObjectsGroundTruthWorkerResponseFileWhenItsBatchIsConsolidated()
            throws Exception {
        String job = bench.imageJob("stored", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.clock.advanceSeconds(42);

        SubmittedAnswer result = bench.answer(task, "w1", "dog");

        assertThat(result.status()).isEqualTo(Assignment.Status.SUBMITTED);
        assertThat(result.datasetObjectId()).isEqualTo("0");
        Assignment stored = bench.store.assignment(job, "0", "w1").orElseThrow();
        assertThat(stored.status()).isEqualTo(Assignment.Status.SUBMITTED);
        assertThat(stored.answer()).isEqualTo(classifier("dog"));
        assertThat(stored.submittedAt()).isEqualTo(bench.clock.instant());
        // no S3 request per answer: the file is written once per object, from the job store, at consolidation
        assertThat(bench.objects.keys(bench.layout(job).workerResponses(1, "0")))
                .isEmpty();

        bench.finish(job);

        JsonNode file = Json.parse(bench.objects.text(bench.layout(job).workerResponse(1, "0", stored.submittedAt())));
        assertThat(file.at("/answers")).hasSize(1);
        assertThat(file.at("/answers/0/workerId").asText()).isEqualTo("w1");
        assertThat(file.at("/answers/0/timeSpentInSeconds").asDouble()).isEqualTo(42.0);
        assertThat(file.at("/answers/0/answerContent")).isEqualTo(classifier("dog"));
        assertThat(file.at("/answers/0/workerMetadata/identityData/identityProviderType")
                        .asText())
                .isEqualTo("Cognito");
        assertThat(file.at("/answers/0/workerMetadata/identityData/issuer").asText())
                .isEqualTo(LabelingBench.worker("w1").issuer());
        assertThat(file.at("/answers/0/workerMetadata/identityData/sub").asText())
                .isEqualTo("w1");
    }

    @Test
    void anObjectsWorkerResponseFileHoldsEveryAnswerInOrderEvenWhenTwoCameAtTheSameInstant() throws Exception {
        String job = bench.imageJob("same-instant", 1, 2);
        AssignedTask first = bench.next(job, "w1");
        AssignedTask second = bench.next(job, "w2");

        bench.answer(first, "w1", "dog");
        bench.answer(second, "w2", "cat");
        bench.finish(job);
        bench.finish(job); // a retried consolidation rewrites the same file

        assertThat(bench.objects.keys(bench.layout(job).workerResponses(1, "0")))
                .singleElement()
                .extracting(key -> Json.parse(bench.objects.text(key)).at("/answers"))
                .satisfies(answers -> {
                    assertThat(answers).hasSize(2);
                    assertThat(answers.get(0).path("workerId").asText()).isEqualTo("w1");
                    assertThat(answers.get(0).at("/answerContent")).isEqualTo(classifier("dog"));
                    assertThat(answers.get(1).path("workerId").asText()).isEqualTo("w2");
                    assertThat(answers.get(1).at("/answerContent")).isEqualTo(classifier("cat"));
                });
    }

    @Test
    void anObjectIsCompleteOnlyOnceEveryWorkerItNeedsHasAnswered() {
        String job = bench.imageJob("two-answers", 1, 2);
        bench.takeAndAnswer(job, "w1");

        assertThat(bench.store.isComplete(job, "0")).isFalse();
        assertThat(bench.record(job).completedObjects()).isZero();

        bench.takeAndAnswer(job, "w2");
        assertThat(bench.store.isComplete(job, "0")).isTrue();
        assertThat(bench.record(job).completedObjects()).isEqualTo(1);
    }

    @Test
    void theBatchsLastAnswerResumesTheWorkflowWithTheCompletedCount() {
        String job = bench.imageJob("last-answer", 2, 1);
        bench.takeAndAnswer(job, "w1");
        assertThat(bench.workflow.resumes(token(job))).isEmpty();

        bench.takeAndAnswer(job, "w2");

        assertThat(bench.workflow.resumes(token(job)))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.output().get("completedObjects").asLong()).isEqualTo(2));
    }

    @Test
    void aRetriedSubmissionIsANoOpThatCountsTheObjectOnce() throws Exception {
        String job = bench.imageJob("retried", 2, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.answer(task, "w1", "cat");

        SubmittedAnswer again = bench.tasks.submit(assignmentId(task), worker("w1"), classifier("dog"));

        assertThat(again.status()).isEqualTo(Assignment.Status.SUBMITTED);
        assertThat(bench.store.assignment(job, "0", "w1").orElseThrow().answer())
                .isEqualTo(classifier("cat"));
        assertThat(bench.store.answerCount(job, "0")).isEqualTo(1);
        assertThat(bench.record(job).completedObjects()).isEqualTo(1);
    }

    @Test
    void aRetryOfTheBatchsLastAnswerDoesNotMoveTheWorkflowOnTwice() throws Exception {
        String job = bench.imageJob("retried-last", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.answer(task, "w1", "cat");

        bench.tasks.submit(assignmentId(task), worker("w1"), classifier("cat"));

        assertThat(bench.workflow.resumes(token(job)))
                .filteredOn(r -> r.accepted())
                .hasSize(1);
        assertThat(bench.record(job).completedObjects()).isEqualTo(1);
    }

    @Test
    void anAnswerAfterTheTaskTimeLimitIsRefusedWithTheReasonAndNotRecorded() {
        String job = bench.imageJob("late", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.clock.advanceSeconds(TIME_LIMIT + 1);

        assertThatThrownBy(() -> bench.answer(task, "w1", "cat"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("time limit for this task (300 s)")
                .hasMessageContaining("not recorded");
        assertThat(bench.store.assignment(job, "0", "w1").orElseThrow().status())
                .isEqualTo(Assignment.Status.CLAIMED);
        assertThat(bench.store.answerCount(job, "0")).isZero();
        assertThat(bench.objects.keys(bench.layout(job).workerResponses(1, "0")))
                .isEmpty();
    }

    @Test
    void anAnswerAtTheDeadlineItselfIsStillOnTime() {
        String job = bench.imageJob("just-in-time", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.clock.advanceSeconds(TIME_LIMIT);

        bench.answer(task, "w1", "cat");

        assertThat(bench.store.isComplete(job, "0")).isTrue();
    }

    @Test
    void anAnswerAfterTheBatchWasClosedForConsolidationIsRefusedWithTheReason() {
        String job = bench.imageJob("after-close", 2, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.store.closeBatch(job, 1);

        assertThatThrownBy(() -> bench.answer(task, "w1", "cat"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("human work on this task ended")
                .hasMessageContaining("not recorded");
        assertThat(bench.store.answerCount(job, "0")).isZero();
    }

    @Test
    void anAnswerToAJobThatIsStoppingIsRefused() {
        String job = bench.imageJob("stopped", 2, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.jobService.stop(job);

        assertThatThrownBy(() -> bench.answer(task, "w1", "cat"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has status Stopping and accepts no more answers");
        assertThat(bench.store.assignment(job, "0", "w1").orElseThrow().status())
                .isEqualTo(Assignment.Status.CLAIMED);
    }

    @Test
    void anAnswerThatDoesNotFitTheTaskTypeIsRefusedAndTheWorkerKeepsTheTask() {
        String job = bench.imageJob("wrong-label", 2, 1);
        AssignedTask task = bench.next(job, "w1");

        assertThatThrownBy(() -> bench.answer(task, "w1", "bird"))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageContaining("unknown label \"bird\"");
        assertThat(assignmentId(bench.next(job, "w1"))).isEqualTo(assignmentId(task));
    }

    @Test
    void aWorkerCannotAnswerAnotherWorkersAssignment() {
        String job = bench.imageJob("someone-elses", 1, 1);
        AssignedTask task = bench.next(job, "w1");

        assertThatThrownBy(() -> bench.answer(task, "w2", "cat"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("belongs to another worker");
        assertThat(bench.store.answerCount(job, "0")).isZero();
    }

    @Test
    void anAssignmentIdThisServiceDidNotGiveOutIsABadRequest() {
        bench.imageJob("bad-id", 1, 1);

        assertThatThrownBy(() -> bench.tasks.submit("not-an-id!", worker("w1"), classifier("cat")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anAnswerToAReleasedAssignmentIsNotFound() {
        String job = bench.imageJob("released", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.tasks.release(assignmentId(task), worker("w1"));

        assertThatThrownBy(() -> bench.answer(task, "w1", "cat"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("released");
    }

    @Test
    void aDeclinedAssignmentTakesNoAnswer() {
        String job = bench.imageJob("declined", 1, 2);
        AssignedTask task = bench.next(job, "w1");
        bench.tasks.decline(assignmentId(task), worker("w1"));

        assertThatThrownBy(() -> bench.answer(task, "w1", "cat"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was declined");
        assertThat(bench.store.answerCount(job, "0")).isZero();
    }

    @Test
    void whenADeclineWinsTheRaceWithTheAnswerTheAnswerIsRefusedAndNotCounted() {
        // The worker's decline (another tab) lands between the answer's checks and its conditional write.
        LabelingBench racing = new LabelingBench(
                clock -> new InMemoryJobStore(clock) {
                    @Override
                    public synchronized boolean submit(Assignment submitted) {
                        decline(submitted.jobName(), submitted.objectId(), submitted.workerId());
                        return super.submit(submitted);
                    }
                },
                JobLayout.CHUNK_SIZE);
        String job = racing.imageJob("decline-first", 1, 1);
        AssignedTask task = racing.next(job, "w1");

        assertThatThrownBy(() -> racing.answer(task, "w1", "cat"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was declined");
        assertThat(racing.store.assignment(job, "0", "w1").orElseThrow().status())
                .isEqualTo(Assignment.Status.DECLINED);
        assertThat(racing.store.answerCount(job, "0")).isZero();
        assertThat(racing.store.isComplete(job, "0")).isFalse();
    }

    @Test
    void answeringDeletesTheTaskFromTheQueue() {
        String job = bench.imageJob("deleted", 1, 2);
        AssignedTask task = bench.next(job, "w1");

        bench.answer(task, "w1", "cat");

        // one message per slot was sent; the answered one is gone, the other stays for another worker
        assertThat(bench.queue.sent(job)).hasSize(2);
        assertThat(bench.queue.messages(job)).hasSize(1);
    }

    @Test
    void theAnswerKeepsTheTimeItCameNotTheTimeTheTaskWasTaken() {
        String job = bench.imageJob("times", 1, 1);
        Instant taken = bench.clock.instant();
        AssignedTask task = bench.next(job, "w1");
        bench.clock.advanceSeconds(10);

        bench.answer(task, "w1", "cat");

        Assignment stored = bench.store.assignment(job, objectId(task), "w1").orElseThrow();
        assertThat(stored.acceptedAt()).isEqualTo(taken);
        assertThat(stored.submittedAt()).isEqualTo(taken.plusSeconds(10));
    }
}
