package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.fakes.InMemoryStreamQueue;
import dev.verity.fakes.InMemoryStreamStore;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A streaming job's intake over in-memory fakes: what a round takes in from the job's queue, once per
 * de-duplication id, and when the stream ends.
 */
class StreamingServiceTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:" + LabelingBench.ACCOUNT + ":incoming";

    private final LabelingBench bench = new LabelingBench();
    private final InMemoryStreamStore streams = new InMemoryStreamStore();
    private final InMemoryStreamQueue queue = new InMemoryStreamQueue();
    private final StreamingService streaming =
            new StreamingService(bench.store, streams, queue, bench.objects, bench.workflow, bench.clock, 0);

    /** A streaming image-classification job, opened and InProgress, with no initial manifest. */
    private String streamingJob(String job, int maxConcurrentTaskCount) throws IOException {
        ObjectNode request = bench.imageRequest(job, 0, 1, LabelingBench.window(maxConcurrentTaskCount));
        ObjectNode dataSource = (ObjectNode) request.at("/InputConfig/DataSource");
        dataSource.remove("S3DataSource");
        dataSource.putObject("SnsDataSource").put("SnsTopicArn", TOPIC);
        bench.jobService.create(request, LabelingBench.ACCOUNT);
        streaming.open(job);
        new DatasetService(bench.store, bench.objects, JobLayout.CHUNK_SIZE, bench.monitor).prepare(job);
        return job;
    }

    private static String envelope(String messageId, String message) {
        return Json.write(Json.object()
                .put("Type", "Notification")
                .put("MessageId", messageId)
                .put("TopicArn", TOPIC)
                .put("Message", message));
    }

    private static String image(int n) {
        return "{\"source-ref\":\"s3://verity-data/images/" + n + ".jpg\"}";
    }

    private List<ChunkReader.ChunkObject> chunk(String job, int chunk) throws IOException {
        return ChunkReader.read(
                bench.objects,
                JobLayout.of(JobContext.load(bench.store, job).request()).selectedChunk(chunk));
    }

    @Test
    void aRoundTakesInEachObjectOnceWithItsMessageIdAndLeavesNoMessageBehind() throws IOException {
        String job = streamingJob("stream-once", 100);
        queue.deliver(job, envelope("m-1", image(1)));
        queue.deliver(job, envelope("m-2", image(2)));
        String named =
                "{\"source-ref\":\"s3://verity-data/images/3.jpg\",\"dataset-objectid-attribute-name\":\"photo\","
                        + "\"photo\":\"p-3\"}";
        queue.deliver(job, envelope("m-3", named));
        queue.deliver(job, envelope("m-4", named)); // the same object published twice
        queue.deliver(job, image(5)); // raw delivery: no envelope, the queue's message id
        queue.deliver(job, envelope("m-6", "{\"source\":\"text, not an image\"}"));
        queue.deliver(job, envelope("m-7", "not json"));

        StreamingService.Intake intake = streaming.intake(job, 1, 0, 0);

        assertThat(intake.objects()).isEqualTo(4);
        assertThat(intake.batch()).isEqualTo(2);
        assertThat(intake.nextRound()).isEqualTo(2);
        List<ChunkReader.ChunkObject> taken = chunk(job, intake.chunk());
        assertThat(taken).extracting(ChunkReader.ChunkObject::objectId).containsExactly("0", "1", "2", "3");
        assertThat(taken.get(0).line().get("label-object-id").asText()).isEqualTo("m-1");
        assertThat(taken.get(0).line().get("dataset-objectid-attribute-name").asText())
                .isEqualTo("label-object-id");
        assertThat(taken.get(2).line().get("photo").asText()).isEqualTo("p-3");
        assertThat(taken.get(3).line().get("label-object-id").asText()).startsWith("sqs-");
        assertThat(queue.waiting(job) + queue.inFlight(job)).isZero();
        assertThat(streams.state(job).rejected()).isEqualTo(2);
        assertThat(bench.store.get(job).orElseThrow().datasetObjects()).isEqualTo(4);
        assertThat(bench.store.get(job).orElseThrow().chunkCount()).isEqualTo(1);
    }

    @Test
    void anObjectTakenInByAnEarlierRoundIsNotTakenAgainAndIdsGoOn() throws IOException {
        String job = streamingJob("stream-later", 100);
        String named =
                "{\"source-ref\":\"s3://verity-data/images/1.jpg\",\"dataset-objectid-attribute-name\":\"source-ref\"}";
        queue.deliver(job, envelope("m-1", named));
        streaming.intake(job, 1, 0, 0);
        queue.deliver(job, envelope("m-2", named));
        queue.deliver(job, envelope("m-3", image(2)));

        StreamingService.Intake second = streaming.intake(job, 2, 1, 0);

        assertThat(second.objects()).isEqualTo(1);
        assertThat(chunk(job, second.chunk()))
                .singleElement()
                .satisfies(o -> assertThat(o.objectId()).isEqualTo("1"));
    }

    @Test
    void anS3EventBringsItsObjectsByDecodedKeyAndTheTestEventNone() throws IOException {
        String job = streamingJob("stream-s3", 100);
        String event = """
                {"Records":[{"eventSource":"aws:s3","s3":{"bucket":{"name":"photos"},
                  "object":{"key":"summer/my+photo%281%29.jpg","sequencer":"0055AED6DCD90281E5"}}}]}""";
        queue.deliver(job, envelope("m-1", event));
        queue.deliver(job, envelope("m-2", event)); // S3 delivered the event twice: one object
        queue.deliver(
                job, envelope("m-3", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"photos\"}"));

        StreamingService.Intake intake = streaming.intake(job, 1, 0, 0);

        assertThat(chunk(job, intake.chunk())).singleElement().satisfies(o -> {
            assertThat(o.line().get("source-ref").asText()).isEqualTo("s3://photos/summer/my photo(1).jpg");
            assertThat(o.line().get("label-object-id").asText())
                    .isEqualTo("s3://photos/summer/my photo(1).jpg#0055AED6DCD90281E5");
        });
        assertThat(streams.state(job).rejected()).isZero();
    }

    @Test
    void anS3EventOfAFileTheJobWroteItselfIsNoObject() throws IOException {
        String job = streamingJob("stream-loop", 100);
        String ownFile = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{\"bucket\":{\"name\":\"verity-data\"},"
                + "\"object\":{\"key\":\"output/stream-loop/manifests/output/output.manifest\",\"sequencer\":\"01\"}}}]}";
        queue.deliver(job, envelope("m-1", ownFile));

        assertThat(streaming.intake(job, 1, 0, 0).objects()).isZero();
        assertThat(streams.state(job).rejected()).isEqualTo(1);
    }

    @Test
    void aRoundTakesAtMostMaxConcurrentTaskCountObjectsAndTheRestWait() throws IOException {
        String job = streamingJob("stream-window", 3);
        for (int i = 0; i < 5; i++) {
            queue.deliver(job, envelope("m-" + i, image(i)));
        }

        assertThat(streaming.intake(job, 1, 0, 0).objects()).isEqualTo(3);
        assertThat(queue.waiting(job)).isEqualTo(2);
        assertThat(streaming.intake(job, 2, 1, 0).objects()).isEqualTo(2);
    }

    @Test
    void aRetriedIntakeAnswersTheRoundItTookInAndTakesNothingMore() throws IOException {
        String job = streamingJob("stream-retry", 100);
        queue.deliver(job, envelope("m-1", image(1)));
        StreamingService.Intake first = streaming.intake(job, 1, 0, 0);
        queue.deliver(job, envelope("m-2", image(2)));

        StreamingService.Intake retried = streaming.intake(job, 1, 0, 0);

        assertThat(retried.objects()).isEqualTo(first.objects());
        assertThat(retried.chunk()).isEqualTo(first.chunk());
        assertThat(queue.waiting(job)).isEqualTo(1);
        assertThat(bench.store.get(job).orElseThrow().datasetObjects()).isEqualTo(1);
    }

    @Test
    void anIntakeThatFailedAfterWritingItsChunkTakesTheSameObjectsInAgain() throws IOException {
        String job = streamingJob("stream-crash", 100);
        queue.deliver(job, envelope("m-1", image(1)));
        queue.deliver(job, envelope("m-2", image(2)));
        // the first attempt wrote the round's chunk, then died: its messages come back once their visibility ends
        StreamingService failing = new StreamingService(
                bench.store, new FailingCommit(streams), queue, bench.objects, bench.workflow, bench.clock, 0);
        try {
            failing.intake(job, 1, 0, 0);
        } catch (IllegalStateException expected) {
            // as a Lambda would fail
        }
        queue.returnInFlight(job);

        StreamingService.Intake retried = streaming.intake(job, 1, 0, 0);
        StreamingService.Intake next = streaming.intake(job, 2, 1, 0);

        assertThat(retried.objects()).isEqualTo(2);
        assertThat(next.objects())
                .as("the returned messages are the round's, taken in already")
                .isZero();
        assertThat(queue.waiting(job) + queue.inFlight(job)).isZero();
    }

    @Test
    void aStoppingJobEndsItsSubscriptionAndTheStream() throws IOException {
        String job = streamingJob("stream-stop", 100);
        assertThat(queue.subscriptions()).hasSize(1);
        bench.store.transition(job, EnumSet.of(LabelingJobStatus.InProgress), LabelingJobStatus.Stopping, null);

        StreamingService.Intake intake = streaming.intake(job, 1, 0, 0);

        assertThat(intake.open()).isFalse();
        assertThat(queue.subscriptions()).isEmpty();
    }

    @Test
    void aStreamIdleForTenDaysEndsAndOneIdleForLessGoesOn() throws IOException {
        String job = streamingJob("stream-idle", 100);
        bench.clock.advance(StreamingService.IDLE_LIMIT.minus(Duration.ofMinutes(1)));
        assertThat(streaming.intake(job, 1, 0, 0).open()).isTrue();
        queue.deliver(job, envelope("m-1", image(1)));
        streaming.intake(job, 1, 1, 0);
        bench.clock.advance(StreamingService.IDLE_LIMIT.minus(Duration.ofMinutes(1)));
        assertThat(streaming.intake(job, 2, 2, 0).open())
                .as("a message arrived since")
                .isTrue();

        bench.clock.advance(Duration.ofMinutes(2));

        assertThat(streaming.intake(job, 2, 3, 0).open()).isFalse();
        assertThat(queue.subscriptions()).isEmpty();
    }

    @Test
    void aLongStreamIsCarriedOnByANewExecution() throws IOException {
        String job = streamingJob("stream-long", 100);

        StreamingService.Intake intake = streaming.intake(job, 7, StreamingService.INTAKES_PER_EXECUTION, 2);

        assertThat(intake.continued()).isTrue();
        assertThat(bench.workflow.starts())
                .filteredOn(s -> s.executionName().equals(job + "-s3"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.input().at("/stream/nextRound").asInt()).isEqualTo(7);
                    assertThat(s.input().at("/stream/generation").asInt()).isEqualTo(3);
                });
    }

    @Test
    void aJobNamingAnotherAccountsOrVeritysOwnTopicIsRefused() {
        ObjectNode request = bench.imageRequest("stream-topics", 0, 1, r -> {});
        ObjectNode dataSource = (ObjectNode) request.at("/InputConfig/DataSource");
        dataSource.remove("S3DataSource");
        dataSource.putObject("SnsDataSource").put("SnsTopicArn", "arn:aws:sns:us-east-1:999988887777:theirs");
        ((ObjectNode) request.get("OutputConfig"))
                .put("SnsTopicArn", "arn:aws:sns:us-east-1:" + LabelingBench.ACCOUNT + ":verity-team-annotators");

        assertThatThrownBy(() -> bench.jobService.create(request, LabelingBench.ACCOUNT))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("InputConfig.DataSource.SnsDataSource.SnsTopicArn")
                .hasMessageContaining("this account (" + LabelingBench.ACCOUNT + ")")
                .hasMessageContaining("OutputConfig.SnsTopicArn")
                .hasMessageContaining("Verity's own topics");
        assertThat(bench.store.get("stream-topics")).isEmpty();
    }

    @Test
    void closingAFailedJobsStreamEndsItsSubscriptionOnce() throws IOException {
        String job = streamingJob("stream-failed", 100);

        streaming.close(job);
        streaming.close(job);

        assertThat(queue.subscriptions()).isEmpty();
    }

    @Test
    void openingTwiceSubscribesOnce() throws IOException {
        String job = streamingJob("stream-open", 100);

        streaming.open(job);

        assertThat(queue.subscriptions()).hasSize(1);
        assertThat(streams.state(job).subscriptionArn()).isNotNull();
    }

    /** A store whose round commit fails, as a function dying between writing the chunk and recording the round. */
    private static final class FailingCommit implements dev.verity.store.StreamStore {
        private final InMemoryStreamStore inner;

        FailingCommit(InMemoryStreamStore inner) {
            this.inner = inner;
        }

        @Override
        public dev.verity.store.StreamState state(String jobName) {
            return inner.state(jobName);
        }

        @Override
        public void recordSubscription(String jobName, String subscriptionArn, java.time.Instant at) {
            inner.recordSubscription(jobName, subscriptionArn, at);
        }

        @Override
        public void touch(String jobName, java.time.Instant at) {
            inner.touch(jobName, at);
        }

        @Override
        public boolean claim(String jobName, String dedupId, int round) {
            return inner.claim(jobName, dedupId, round);
        }

        @Override
        public java.util.OptionalInt claimedBy(String jobName, String dedupId) {
            return inner.claimedBy(jobName, dedupId);
        }

        @Override
        public boolean commitRound(
                String jobName, int round, int chunk, long roundObjects, long datasetObjects, long selectedObjects) {
            throw new IllegalStateException("the function died");
        }

        @Override
        public void addRejected(String jobName, long messages) {
            inner.addRejected(jobName, messages);
        }

        @Override
        public boolean addRoundOutput(String jobName, int round, long labeled, long failed) {
            return inner.addRoundOutput(jobName, round, labeled, failed);
        }
    }
}
