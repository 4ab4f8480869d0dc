package dev.verity.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.store.Assignment;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fake keeps JobStore's documented contract, so unit tests over it mean what they say. */
class InMemoryJobStoreTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryJobStore store = new InMemoryJobStore(clock);

    private JobRecord job(String name) {
        return JobRecord.created(name, "arn:" + name, Json.object(), null, clock.instant());
    }

    private static Assignment claimed(String objectId, String workerId) {
        return new Assignment(
                "j",
                objectId,
                workerId,
                "https://issuer.example",
                Assignment.Status.CLAIMED,
                "receipt",
                T0,
                T0.plusSeconds(60),
                null,
                null,
                Json.object(),
                1,
                null);
    }

    @Test
    void jobNamesAreUniqueIgnoringCase() {
        assertThat(store.create(job("Cats"))).isTrue();

        assertThat(store.create(job("cats"))).isFalse();
        assertThat(store.get("CATS").orElseThrow().name()).isEqualTo("Cats");
    }

    @Test
    void aTransitionHappensOnlyFromTheStatusesNamedAndClearsAnEarlierFailure() {
        store.create(job("j"));
        assertThat(store.transition("j", Set.of(LabelingJobStatus.InProgress), LabelingJobStatus.Failed, "x"))
                .isFalse();
        store.transition("j", Set.of(LabelingJobStatus.Initializing), LabelingJobStatus.Failed, "boom");

        store.transition("j", Set.of(LabelingJobStatus.Failed), LabelingJobStatus.InProgress, null);

        assertThat(store.get("j").orElseThrow().failureReason()).isNull();
        assertThat(store.get("j").orElseThrow().status()).isEqualTo(LabelingJobStatus.InProgress);
    }

    @Test
    void onlyTheFirstStartOfABatchSetsItsTargetAndTheSentCountMovesOnlyFromWhereItIs() {
        store.create(job("j"));
        assertThat(store.startBatch("j", 1, 5)).isTrue();
        assertThat(store.startBatch("j", 1, 9)).isFalse();

        assertThat(store.advanceSent("j", 1, 0, 2)).isTrue();
        assertThat(store.advanceSent("j", 1, 0, 2))
                .as("a second caller racing from 0")
                .isFalse();
        assertThat(store.advanceSent("j", 2, 2, 4)).as("not the current batch").isFalse();
        JobRecord record = store.get("j").orElseThrow();
        assertThat(record.batchTarget()).isEqualTo(5);
        assertThat(record.batchSent()).isEqualTo(2);
    }

    @Test
    void anObjectIsCountedCompleteOnceAndTheRecountTrustsTheMarks() {
        store.create(job("j"));
        store.startBatch("j", 1, 3);

        assertThat(store.completeObject("j", "0", 1)).isEqualTo(1);
        assertThat(store.completeObject("j", "0", 1)).isEqualTo(-1);
        store.markCompleteButNotCounted("j", "1", 1);

        assertThat(store.get("j").orElseThrow().completedObjects()).isEqualTo(1);
        assertThat(store.countCompletedObjects("j", 1)).isEqualTo(2);
        assertThat(store.countCompletedObjects("j", 2)).isZero();
    }

    @Test
    void answerersAndDeclinersAreSets() {
        store.create(job("j"));
        store.addAnswerer("j", "0", "w1");

        assertThat(store.addAnswerer("j", "0", "w1")).isEqualTo(1);
        assertThat(store.addAnswerer("j", "0", "w2")).isEqualTo(2);
        assertThat(store.addDecliner("j", "0", "w3")).isEqualTo(1);
        assertThat(store.answerCount("j", "0")).isEqualTo(2);
    }

    @Test
    void aWorkerHoldsOneObjectAtATimeUntilTheHoldRunsOutOrIsLetGo() {
        store.create(job("j"));
        Instant until = T0.plusSeconds(60);
        assertThat(store.hold("j", "w1", "0", until, T0)).isTrue();

        assertThat(store.hold("j", "w1", "1", until, T0)).isFalse();
        assertThat(store.hold("j", "w1", "0", until, T0))
                .as("the same object again")
                .isTrue();
        store.letGo("j", "w1", "1");
        assertThat(store.heldObject("j", "w1", T0))
                .as("letting go of another object")
                .contains("0");
        assertThat(store.heldObject("j", "w1", until)).as("run out at its time").isEmpty();
        assertThat(store.hold("j", "w1", "1", until.plusSeconds(60), until)).isTrue();
        store.letGo("j", "w1", "1");
        assertThat(store.heldObject("j", "w1", until)).isEmpty();
    }

    @Test
    void aHoldTheCallerFoundOverIsReplacedButNotAnotherOne() {
        store.create(job("j"));
        Instant until = T0.plusSeconds(60);
        assertThat(store.hold("j", "w1", "0", until, T0)).isTrue();

        assertThat(store.hold("j", "w1", "1", until, T0, "2"))
                .as("another hold than the one over")
                .isFalse();
        assertThat(store.hold("j", "w1", "1", until, T0, "0")).isTrue();
        assertThat(store.heldObject("j", "w1", T0)).contains("1");
        assertThat(store.hold("j", "w1", "2", until, T0, "0"))
                .as("a second caller who found the same hold over")
                .isFalse();
    }

    @Test
    void anAssignmentIsClaimedOnceAndOnlyAClaimedOneIsSubmittedReleasedOrDeclined() {
        store.create(job("j"));
        assertThat(store.claim(claimed("0", "w1"))).isTrue();
        assertThat(store.claim(claimed("0", "w1"))).isFalse();

        assertThat(store.submit(claimed("0", "w1").submitted(T0, Json.object().put("a", 1))))
                .isTrue();
        assertThat(store.decline("j", "0", "w1")).isFalse();
        store.release("j", "0", "w1");

        Assignment stored = store.assignment("j", "0", "w1").orElseThrow();
        assertThat(stored.status()).isEqualTo(Assignment.Status.SUBMITTED);
        assertThat(store.submittedAnswers("j", 0, 0)).hasSize(1);
        assertThat(store.claim(claimed("0", "w1")))
                .as("never again for that worker")
                .isFalse();
    }

    @Test
    void aRecountIsClaimedAtMostOncePerInterval() {
        store.create(job("j"));
        Duration interval = Duration.ofSeconds(30);
        assertThat(store.claimRecount("j", T0, interval)).isTrue();

        assertThat(store.claimRecount("j", T0.plusSeconds(29), interval)).isFalse();
        assertThat(store.claimRecount("j", T0.plusSeconds(30), interval)).isTrue();
    }

    @Test
    void listingPagesNewestFirstFilteredByStatusAndRefusesATokenItDidNotGive() {
        for (String name : new String[] {"a", "b", "c"}) {
            store.create(job(name));
            clock.advanceSeconds(1);
        }
        store.transition("b", Set.of(LabelingJobStatus.Initializing), LabelingJobStatus.Failed, "x");

        JobStore.Page first = store.list(1, null, LabelingJobStatus.Initializing);
        JobStore.Page second = store.list(1, first.nextPageToken(), LabelingJobStatus.Initializing);

        assertThat(first.jobs()).extracting(JobRecord::name).containsExactly("c");
        assertThat(second.jobs()).extracting(JobRecord::name).containsExactly("a");
        assertThat(second.nextPageToken()).isNull();
        assertThatThrownBy(() -> store.list(1, "!!", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingABatchNeverReopensAnEarlierOne() {
        store.create(job("j"));
        store.closeBatch("j", 2);

        store.closeBatch("j", 1);

        assertThat(store.get("j").orElseThrow().closedBatch()).isEqualTo(2);
    }
}
