package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.TIME_LIMIT;
import static dev.verity.labeling.LabelingBench.assignmentId;
import static dev.verity.labeling.LabelingBench.objectId;
import static dev.verity.labeling.LabelingBench.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.fakes.InMemoryJobStore;
import dev.verity.job.ConflictException;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import dev.verity.queue.TaskMessage;
import dev.verity.store.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who gets which task: TaskService.next over in-memory ports. */
class TaskClaimRulesTest {

    private final LabelingBench bench = new LabelingBench();

    @Test
    void aWorkerIsHandedTheFirstObjectWithItsDeadlineLabelsAndAPresignedImage() {
        String job = bench.imageJob("first-task", 2, 1);

        AssignedTask task = bench.next(job, "w1");

        assertThat(objectId(task)).isEqualTo("0");
        Instant now = bench.clock.instant();
        assertThat(task.acceptedAt()).isEqualTo(now);
        assertThat(task.deadline()).isEqualTo(now.plusSeconds(TIME_LIMIT));
        assertThat(task.content().taskInput().at("/labels")).isEqualTo(Json.parse("[\"cat\",\"dog\"]"));
        assertThat(task.content().taskInput().at("/sourceRef").asText())
                .isEqualTo("s3://verity-data/images/first-task-0.jpg");
        assertThat(task.content().taskInput().at("/taskObject").asText())
                .startsWith("https://verity-data.s3.fake/images/")
                .endsWith("?expires=" + TIME_LIMIT);
        Assignment claimed = bench.store.assignment(job, "0", "w1").orElseThrow();
        assertThat(claimed.status()).isEqualTo(Assignment.Status.CLAIMED);
        assertThat(claimed.deadline()).isEqualTo(now.plusSeconds(TIME_LIMIT));
    }

    @Test
    void aBuiltInTaskCarriesTheRequestersTemplateWithReadAccessToItsObjectAndKeepsItsOwnToolsInput() {
        String job = bench.imageJob("templated", 1, 1);

        AssignedTask task = bench.next(job, "w1");

        assertThat(task.content().ui().tool().path("element").asText()).isEqualTo("crowd-image-classifier");
        assertThat(task.content().ui().template().s3Uri()).isEqualTo("s3://verity-data/templates/t.liquid.html");
        assertThat(task.content().ui().template().url())
                .startsWith("https://verity-data.s3.fake/templates/t.liquid.html")
                .endsWith("?expires=" + TIME_LIMIT);
        assertThat(task.content().ui().template().readAccess().get("s3://verity-data/images/templated-0.jpg"))
                .isEqualTo(task.content().taskInput().at("/taskObject").asText());
    }

    @Test
    void aWorkerWhoAlreadyAnsweredAnObjectIsNeverOfferedItAgain() {
        String job = bench.imageJob("answered-once", 1, 2);
        bench.takeAndAnswer(job, "w1");

        assertThat(bench.poll(job, "w1")).isEmpty();
        // the object's second slot is still there, for someone else
        assertThat(objectId(bench.next(job, "w2"))).isEqualTo("0");
    }

    @Test
    void aWorkerWhoDeclinedAnObjectIsNeverOfferedItAgain() {
        String job = bench.imageJob("declined-once", 1, 2);
        bench.tasks.decline(assignmentId(bench.next(job, "w1")), worker("w1"));

        assertThat(bench.poll(job, "w1")).isEmpty();
        assertThat(objectId(bench.next(job, "w2"))).isEqualTo("0");
    }

    @Test
    void aWorkerWhoAsksAgainWhileHoldingATaskGetsTheSameTaskNotASecondOne() {
        String job = bench.imageJob("held", 3, 1);
        AssignedTask held = bench.next(job, "w1");

        AssignedTask again = bench.next(job, "w1");

        assertThat(assignmentId(again)).isEqualTo(assignmentId(held));
        assertThat(again.deadline()).isEqualTo(held.deadline());
        assertThat(bench.queue.visible(job)).extracting(TaskMessage::objectId).containsExactly("1", "2");
    }

    @Test
    void aWorkerWhoseOtherRequestTakesATaskAtTheSameTimeGetsNoSecondOne() {
        // w1's other request (a second tab) holds a task between this request's claims and its holds.
        LabelingBench racing = new LabelingBench(
                clock -> new InMemoryJobStore(clock) {
                    private boolean raced;

                    @Override
                    public synchronized boolean hold(
                            String jobName,
                            String workerId,
                            String objectId,
                            Instant until,
                            Instant now,
                            String ended) {
                        if (!raced) {
                            raced = true;
                            super.hold(jobName, workerId, "other", until, now, null);
                        }
                        return super.hold(jobName, workerId, objectId, until, now, ended);
                    }
                },
                JobLayout.CHUNK_SIZE);
        String job = racing.imageJob("concurrent", 2, 1);

        assertThat(racing.poll(job, "w1")).isEmpty();
        assertThat(racing.store.assignment(job, "0", "w1")).isEmpty();
        assertThat(racing.store.assignment(job, "1", "w1")).isEmpty();
        assertThat(racing.queue.visible(job)).extracting(TaskMessage::objectId).containsExactly("0", "1");
    }

    @Test
    void aWorkerWhoAnsweredTheirTaskHoldsTheNextOneInItsPlace() {
        String job = bench.imageJob("in-its-place", 2, 1);
        AssignedTask first = bench.next(job, "w1");
        bench.answer(first, "w1", "cat");

        AssignedTask second = bench.next(job, "w1");

        assertThat(objectId(second)).isNotEqualTo(objectId(first));
        assertThat(bench.store.heldObject(job, "w1", bench.clock.instant())).contains(objectId(second));
    }

    @Test
    void whileOneWorkerHoldsATaskOtherWorkersGetOtherObjects() {
        String job = bench.imageJob("others", 2, 1);
        AssignedTask held = bench.next(job, "w1");

        AssignedTask other = bench.next(job, "w2");

        assertThat(objectId(other)).isNotEqualTo(objectId(held));
        assertThat(bench.poll(job, "w3")).isEmpty();
    }

    @Test
    void aWorkerTakesTheNextTaskOnceTheyAnsweredTheOneTheyHeld() {
        String job = bench.imageJob("one-then-next", 2, 1);
        String first = bench.takeAndAnswer(job, "w1");

        AssignedTask next = bench.next(job, "w1");

        assertThat(objectId(next)).isNotEqualTo(first);
    }

    @Test
    void aTaskWhoseTimeLimitRanOutGoesToAnotherWorkerAndTheLateWorkerMovesOn() {
        String job = bench.imageJob("timed-out", 2, 1);
        AssignedTask expired = bench.next(job, "w1");
        bench.clock.advanceSeconds(TIME_LIMIT + 1);

        // the hold ran out with the task: w1 may take another object, and the expired one is back in the queue
        AssignedTask next = bench.next(job, "w1");
        AssignedTask retaken = bench.next(job, "w2");

        assertThat(objectId(next)).isNotEqualTo(objectId(expired));
        assertThat(objectId(retaken)).isEqualTo(objectId(expired));
    }

    @Test
    void aHeldTaskIsNotGivenAgainOnceItsTimeLimitRanOut() {
        String job = bench.imageJob("expired-hold", 1, 1);
        bench.next(job, "w1");
        bench.clock.advanceSeconds(TIME_LIMIT + 1);

        // w1's claim on the only object stays, so its message (visible again) is not theirs to take
        assertThat(bench.poll(job, "w1")).isEmpty();
    }

    @Test
    void aReleasedTaskGoesToTheNextWorkerAtOnce() {
        String job = bench.imageJob("released", 1, 1);
        AssignedTask task = bench.next(job, "w1");

        bench.tasks.release(assignmentId(task), worker("w1"));

        assertThat(objectId(bench.next(job, "w2"))).isEqualTo(objectId(task));
    }

    @Test
    void aWorkerWhoReleasedATaskMayTakeItAgain() {
        String job = bench.imageJob("release-retake", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.tasks.release(assignmentId(task), worker("w1"));

        AssignedTask again = bench.next(job, "w1");

        assertThat(objectId(again)).isEqualTo(objectId(task));
        assertThat(bench.store
                        .assignment(job, objectId(task), "w1")
                        .orElseThrow()
                        .status())
                .isEqualTo(Assignment.Status.CLAIMED);
    }

    @Test
    void releasingATaskThatWasAnsweredIsAConflict() {
        String job = bench.imageJob("release-answered", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.answer(task, "w1", "cat");

        assertThatThrownBy(() -> bench.tasks.release(assignmentId(task), worker("w1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was submitted");
    }

    @Test
    void aWorkerOutsideTheJobsPrivateTeamIsRefusedWithTheTeamsName() {
        String job = bench.imageJob("team-only", 1, 1);
        Worker outsider = new Worker("outsider", "issuer", Set.of("others"));

        assertThatThrownBy(() -> bench.tasks.next(job, outsider))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("'" + LabelingBench.WORKTEAM + "'")
                .hasMessageContaining("[others]");
        assertThat(bench.queue.visible(job)).hasSize(1);
    }

    @Test
    void noTaskIsHandedOutOnceTheBatchIsClosedForConsolidation() {
        String job = bench.imageJob("closed", 2, 1);
        bench.store.closeBatch(job, 1);

        assertThat(bench.poll(job, "w1")).isEmpty();
        assertThat(bench.store.assignment(job, "0", "w1")).isEmpty();
    }

    @Test
    void aHeldTaskIsNotGivenAgainOnceTheBatchIsClosed() {
        String job = bench.imageJob("closed-held", 2, 1);
        bench.next(job, "w1");
        bench.store.closeBatch(job, 1);

        assertThat(bench.poll(job, "w1")).isEmpty();
    }

    @Test
    void noTaskIsHandedOutWhileTheJobIsStopping() {
        String job = bench.imageJob("stopping", 2, 1);
        bench.jobService.stop(job);

        assertThat(bench.poll(job, "w1")).isEmpty();
    }

    @Test
    void aMessageForAnObjectThatIsCompleteAlreadyIsDeletedNotHandedOut() {
        String job = bench.imageJob("duplicate", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        bench.answer(task, "w1", "cat");
        // a duplicate of the object's message (SQS may deliver a message twice)
        bench.queue.send(
                job,
                List.of(new TaskMessage(
                        job,
                        "0",
                        Json.object().put("source-ref", "s3://verity-data/images/duplicate-0.jpg"),
                        null,
                        1)));

        assertThat(bench.poll(job, "w2")).isEmpty();
        assertThat(bench.queue.messages(job)).isEmpty();
    }

    @Test
    void aMessageOfABatchThatHasEndedIsDeletedNotHandedOut() {
        String job = bench.imageJob("old-batch", 1, 1);
        // automated labeling moved on to batch 2 while batch 1's message was still queued
        bench.store.startBatch(job, 2, 1);

        assertThat(bench.poll(job, "w1")).isEmpty();
        assertThat(bench.queue.messages(job)).isEmpty();
        assertThat(bench.store.assignment(job, "0", "w1")).isEmpty();
    }

    @Test
    void aTaskIsFoundBehindMessagesTheWorkerCannotTake() {
        String job = bench.imageJob("behind", 2, 2);
        // w1 answers each object once; for the second, w1 passed over object 0's other message and gave it back
        bench.takeAndAnswer(job, "w1");
        bench.takeAndAnswer(job, "w1");

        // each object's other message is still there, in order: w2 gets the first
        AssignedTask task = bench.next(job, "w2");

        assertThat(objectId(task)).isEqualTo("0");
        assertThat(bench.queue.visible(job)).extracting(TaskMessage::objectId).containsExactly("1");
    }

    @Test
    void askingForATaskOfAJobThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> bench.poll("no-such-job", "w1"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-job");
    }

    @Test
    void theWorkerPortalListsOnlyJobsOfTheWorkersTeamsWithTheObjectsLeft() {
        String job = bench.imageJob("listed", 3, 1);
        bench.takeAndAnswer(job, "w1");
        bench.team("others", "others");
        bench.imageJob(
                "elsewhere",
                1,
                1,
                r -> r.with("HumanTaskConfig")
                        .put("WorkteamArn", "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/others"));

        List<OpenJob> open = bench.tasks.openJobs(worker("w1"));

        assertThat(open).hasSize(1);
        assertThat(open.get(0).jobName()).isEqualTo(job);
        assertThat(open.get(0).objectsRemaining()).isEqualTo(2);
        assertThat(open.get(0).taskType()).isEqualTo("ImageMultiClass");
    }

    @Test
    void theWorkerPortalShowsNoObjectsLeftOnceTheBatchIsClosed() {
        String job = bench.imageJob("listed-closed", 3, 1);
        bench.store.closeBatch(job, 1);

        assertThat(bench.tasks.openJobs(worker("w1")))
                .singleElement()
                .satisfies(j -> assertThat(j.objectsRemaining()).isZero());
    }
}
