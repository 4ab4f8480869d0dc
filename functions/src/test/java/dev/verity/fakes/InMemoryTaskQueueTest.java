package dev.verity.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.json.Json;
import dev.verity.queue.ReceivedTask;
import dev.verity.queue.TaskMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake queue hides received messages for their visibility timeout, as SQS does. */
class InMemoryTaskQueueTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryTaskQueue queue = new InMemoryTaskQueue(clock);

    private static TaskMessage task(String objectId) {
        return new TaskMessage("j", objectId, Json.object(), null, 1);
    }

    @Test
    void aReceivedMessageIsHiddenUntilItsVisibilityTimeoutEnds() {
        queue.create("j");
        queue.send("j", List.of(task("0")));
        assertThat(queue.receive("j", 10, 30)).hasSize(1);

        assertThat(queue.receive("j", 10, 30)).isEmpty();
        clock.advanceSeconds(30);
        assertThat(queue.receive("j", 10, 30)).hasSize(1);
    }

    @Test
    void onlyTheLatestReceiptDeletesOrReleasesAMessage() {
        queue.create("j");
        queue.send("j", List.of(task("0")));
        ReceivedTask first = queue.receive("j", 1, 30).get(0);
        clock.advanceSeconds(30);
        ReceivedTask second = queue.receive("j", 1, 30).get(0);

        queue.release("j", first.receiptHandle());
        queue.delete("j", first.receiptHandle());
        assertThat(queue.visible("j")).isEmpty();
        assertThat(queue.messages("j")).hasSize(1);

        queue.release("j", second.receiptHandle());
        assertThat(queue.visible("j")).hasSize(1);
        queue.delete("j", queue.receive("j", 1, 30).get(0).receiptHandle());
        assertThat(queue.drained("j")).isTrue();
    }

    @Test
    void sendingToAJobWithoutAQueueFailsAndReceivingFromItFindsNothing() {
        assertThatThrownBy(() -> queue.send("j", List.of(task("0")))).isInstanceOf(IllegalStateException.class);
        assertThat(queue.receive("j", 1, 30)).isEmpty();
    }
}
