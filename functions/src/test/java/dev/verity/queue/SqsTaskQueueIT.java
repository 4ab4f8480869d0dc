package dev.verity.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The task queue over the embedded SQS, through the SDK's client, as the functions use it. */
@ExtendWith(EmulatorsExtension.class)
class SqsTaskQueueIT {

    private final SqsClient sqs = new AwsClients(Environment.current()).sqs();
    private final SqsTaskQueue queue = new SqsTaskQueue(() -> sqs, "verity-test-");

    private List<ReceivedTask> receiveAll(String job, int expected) {
        List<ReceivedTask> received = new ArrayList<>();
        for (int round = 0; round < 20 && received.size() < expected; round++) {
            received.addAll(queue.receive(job, 10, 600));
        }
        return received;
    }

    private void send(String job, int tasks) {
        queue.create(job);
        queue.send(
                job,
                IntStream.range(0, tasks)
                        .mapToObj(i -> new TaskMessage(
                                job, Integer.toString(i), Json.object().put("source", "text " + i), null, 1))
                        .toList());
    }

    @Test
    void releasingMoreThanTenTasksAtOnceMakesEveryOneVisibleAgain() {
        send("release-all", 13);
        List<ReceivedTask> taken = receiveAll("release-all", 13);
        assertThat(taken).hasSize(13);
        assertThat(queue.receive("release-all", 10, 600)).isEmpty();

        queue.releaseAll(
                "release-all", taken.stream().map(ReceivedTask::receiptHandle).toList());

        assertThat(receiveAll("release-all", 13))
                .extracting(t -> t.task().objectId())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 13).mapToObj(Integer::toString).toList());
    }

    @Test
    void aDeletedTaskAmongThoseReleasedFailsNothingAndTheOthersComeBack() {
        send("release-some", 3);
        List<ReceivedTask> taken = receiveAll("release-some", 3);
        assertThat(taken).hasSize(3);
        queue.delete("release-some", taken.get(0).receiptHandle());

        queue.releaseAll(
                "release-some", taken.stream().map(ReceivedTask::receiptHandle).toList());

        assertThat(receiveAll("release-some", 2))
                .extracting(t -> t.task().objectId())
                .containsExactlyInAnyOrder(
                        taken.get(1).task().objectId(), taken.get(2).task().objectId());
    }
}
