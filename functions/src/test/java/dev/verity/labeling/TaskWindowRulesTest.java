package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.token;
import static dev.verity.labeling.LabelingBench.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.fakes.InMemoryJobStore;
import dev.verity.queue.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dispatching a batch and keeping MaxConcurrentTaskCount objects open (fill), sending lost tasks again (resendLost)
 * and recounting a batch cut short by a crash (recount): TaskService over in-memory ports.
 */
class TaskWindowRulesTest {

    private final LabelingBench bench = new LabelingBench();

    @Test
    void onlyMaxConcurrentTaskCountObjectsAreSentAtFirst() {
        String job = bench.imageJob("window-of-two", 5, 1, window(2));

        assertThat(bench.queue.objectIds(job)).containsExactly("0", "1");
        assertThat(bench.record(job).batchSent()).isEqualTo(2);
        assertThat(bench.record(job).batchObjects()).isEqualTo(5);
    }

    @Test
    void eachSentObjectGetsOneMessagePerWorkerItNeeds() {
        String job = bench.imageJob("three-slots", 3, 3, window(2));

        assertThat(bench.queue.objectIds(job)).containsExactly("0", "0", "0", "1", "1", "1");
    }

    @Test
    void eachCompletedObjectLetsTheNextObjectIn() {
        String job = bench.imageJob("next-in", 5, 1, window(2));

        bench.takeAndAnswer(job, "w1");

        assertThat(bench.queue.objectIds(job)).containsExactly("1", "2");
        assertThat(bench.poll(job, "w2")).isPresent();
    }

    @Test
    void eachSendingOfTasksIsAHeartbeatSoEveryTaskGetsTheWholeLifetime() {
        String job = bench.imageJob("heartbeats", 3, 2, window(1));
        int atDispatch = bench.workflow.heartbeats().size();

        bench.takeAndAnswer(job, "w1");
        assertThat(bench.workflow.heartbeats())
                .as("half an object answered: nothing sent")
                .hasSize(atDispatch);
        bench.takeAndAnswer(job, "w2");

        assertThat(bench.workflow.heartbeats()).hasSize(atDispatch + 1).allMatch(token(job)::equals);
        assertThat(bench.queue.objectIds(job)).containsExactly("1", "1");
    }

    @Test
    void anObjectWaitingForMoreAnswersKeepsItsPlaceInTheWindow() {
        String job = bench.imageJob("half-answered", 3, 2, window(1));

        bench.takeAndAnswer(job, "w1");

        assertThat(bench.queue.objectIds(job)).containsExactly("0");
        assertThat(bench.poll(job, "w1")).as("w1 answered the only open object").isEmpty();
    }

    @Test
    void aBatchIsAnsweredInItsOrderThroughTheWindowAndResumesTheWorkflowOnce() {
        String job = bench.imageJob("in-order", 5, 1, window(2));

        List<String> answered = new ArrayList<>();
        for (var task = bench.poll(job, "w1"); task.isPresent(); task = bench.poll(job, "w1")) {
            bench.answer(task.get(), "w1", "cat");
            answered.add(LabelingBench.objectId(task.get()));
        }

        assertThat(answered).containsExactly("0", "1", "2", "3", "4");
        assertThat(bench.workflow.resumes(token(job))).hasSize(1);
        assertThat(bench.record(job).batchComplete()).isTrue();
    }

    @Test
    void theWindowFollowsTheBatchsOrderAcrossChunkFiles() {
        LabelingBench chunked = new LabelingBench(InMemoryJobStore::new, 2);
        String job = chunked.imageJob("chunked", 5, 1, window(3));
        assertThat(chunked.record(job).chunkCount()).isEqualTo(3);
        assertThat(chunked.queue.objectIds(job)).containsExactly("0", "1", "2");

        chunked.takeAndAnswer(job, "w1");
        chunked.takeAndAnswer(job, "w1");

        assertThat(chunked.queue.sent(job)).extracting(TaskMessage::objectId).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void aRepeatedDispatchSendsNothingTwiceAndKeepsTheBatchsTarget() {
        String job = bench.imageJob("dispatched-twice", 3, 1, window(2));
        bench.takeAndAnswer(job, "w1");
        long target = bench.record(job).batchTarget();

        bench.dispatch(job);

        assertThat(bench.queue.sent(job)).extracting(TaskMessage::objectId).containsExactly("0", "1", "2");
        assertThat(bench.record(job).batchTarget()).isEqualTo(target);
    }

    @Test
    void aJobStoppedBeforeItsDispatchGetsNoTasksAndItsWorkflowGoesOnAtOnce() {
        String job = bench.createAndSelect(bench.imageRequest("stopped-early", 2, 1, r -> {}));
        bench.jobService.stop(job);

        bench.dispatch(job);

        assertThat(bench.queue.exists(job)).isFalse();
        assertThat(bench.workflow.resumes(token(job)))
                .singleElement()
                .satisfies(r -> assertThat(r.output().get("dispatched").asInt()).isZero());
    }

    @Test
    void tasksLostBetweenCountingThemSentAndSendingThemAreSentAgainWhenTheQueueRunsDry() {
        String job = bench.imageJob("lost-send", 3, 1, window(1));
        // a sender counted object 1 sent and died before sending it
        assertThat(bench.store.advanceSent(job, 1, 1, 2)).isTrue();
        bench.takeAndAnswer(job, "w1");
        assertThat(bench.queue.messages(job)).isEmpty();

        // the worker who finds nothing makes the job send the lost task again; the next call gets it
        assertThat(bench.poll(job, "w2")).isEmpty();
        assertThat(bench.takeAndAnswer(job, "w2")).isEqualTo("1");
        assertThat(bench.takeAndAnswer(job, "w1")).isEqualTo("2");
        assertThat(bench.workflow.resumed(token(job))).isTrue();
    }

    @Test
    void aLostObjectIsSentAgainOnlyForTheAnswersItStillLacks() {
        String job = bench.imageJob("lost-half", 2, 2, window(1));
        bench.takeAndAnswer(job, "w1");
        bench.queue.lose(job); // object 0's second message vanished

        assertThat(bench.poll(job, "w2")).isEmpty();

        assertThat(bench.queue.objectIds(job)).containsExactly("0");
    }

    @Test
    void nothingIsSentAgainWhileTasksAreStillOutWithWorkers() {
        String job = bench.imageJob("still-out", 3, 1, window(2));
        assertThat(bench.store.advanceSent(job, 1, 2, 3)).isTrue(); // object 2 lost on its way
        bench.next(job, "w1");
        bench.next(job, "w2");

        assertThat(bench.poll(job, "w3")).isEmpty();

        assertThat(bench.queue.sent(job)).extracting(TaskMessage::objectId).containsExactly("0", "1");
    }

    @Test
    void aBatchWhoseLastCompletionWasCutShortByACrashStillResumesTheWorkflow() {
        String job = bench.imageJob("crash-between-writes", 2, 1);
        // object 1's last answer crashed between its two writes: marked complete, never counted
        bench.store.markCompleteButNotCounted(job, "1", 1);
        assertThat(bench.takeAndAnswer(job, "w1")).isEqualTo("0");
        assertThat(bench.workflow.resumes(token(job))).isEmpty();

        // a worker finding nothing to do makes the job recount its objects, and the workflow moves on
        assertThat(bench.poll(job, "w2")).isEmpty();

        assertThat(bench.workflow.resumes(token(job)))
                .singleElement()
                .satisfies(r -> assertThat(r.output().get("recounted").asLong()).isEqualTo(2));
    }

    @Test
    void theJobRecountsAtMostOncePerIntervalHoweverManyWorkersFindNothing() {
        String job = bench.imageJob("recount-interval", 2, 1);
        bench.store.markCompleteButNotCounted(job, "1", 1);
        bench.takeAndAnswer(job, "w1");
        bench.poll(job, "w2");

        bench.poll(job, "w3");
        bench.clock.advance(TaskService.RECOUNT_INTERVAL.minusSeconds(1));
        bench.poll(job, "w4");
        assertThat(bench.workflow.resumes(token(job))).hasSize(1);

        bench.clock.advanceSeconds(1);
        bench.poll(job, "w5");
        assertThat(bench.workflow.resumes(token(job))).hasSize(2);
    }
}
