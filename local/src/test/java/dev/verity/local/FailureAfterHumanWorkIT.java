package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.local.samples.MostCommonAnswerPostAnnotation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A step after the human work fails (here the custom task's consolidation Lambda): the workflow retries it, and a job
 * that failed all the same is resumed by POST /jobs/{name}/resume without losing an answer. Through the whole local
 * runtime and the one state machine.
 */
class FailureAfterHumanWorkIT {

    private static final int OBJECTS = 12;
    private static final int WORKERS_PER_OBJECT = 3;

    private static VerityRuntime runtime;

    /** The sample post-annotation Lambda, failing as many times as a test says first. */
    public static final class FlakyPostAnnotation implements RequestStreamHandler {
        static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
        static final AtomicInteger FAILED = new AtomicInteger();

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                FAILED.incrementAndGet();
                throw new IllegalStateException("injected failure of the consolidation Lambda");
            }
            new MostCommonAnswerPostAnnotation().handleRequest(input, output, context);
        }
    }

    /** The shared runtime, whose sample post-annotation Lambda is {@link FlakyPostAnnotation}. */
    @BeforeAll
    static void start() throws Exception {
        runtime = SharedRuntime.get();
    }

    @AfterAll
    static void noMoreFailures() {
        FlakyPostAnnotation.FAILURES_LEFT.set(0);
    }

    @Test
    void aConsolidationStepThatFailsOnceIsRetriedAndTheJobCompletes() throws Exception {
        FlakyPostAnnotation.FAILED.set(0);
        FlakyPostAnnotation.FAILURES_LEFT.set(1);

        Demo.Report report = demo();

        assertThat(report.status()).isEqualTo("Completed");
        assertThat(FlakyPostAnnotation.FAILED.get()).isEqualTo(1);
        assertThat(report.output()).hasSize(OBJECTS);
    }

    @Test
    void aJobThatFailedAfterItsHumanWorkIsResumedWithEveryAnswer() throws Exception {
        FlakyPostAnnotation.FAILED.set(0);
        FlakyPostAnnotation.FAILURES_LEFT.set(1_000);

        Demo.Report failed = demo();
        assertThat(failed.status()).isEqualTo("Failed");
        assertThat(FlakyPostAnnotation.FAILED.get())
                .as("the first try and two retries")
                .isEqualTo(3);
        assertThat(failed.description().path("FailureReason").asText()).contains("injected failure");
        assertThat(failed.answers()).isEqualTo((long) OBJECTS * WORKERS_PER_OBJECT);

        ApiClient requester = runtime.api(runtime.token("requester", Set.of("requesters")));
        FlakyPostAnnotation.FAILURES_LEFT.set(0);
        ApiClient.Response resumed = requester.post("/jobs/" + failed.job() + "/resume", null);
        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
        // Resuming again while it runs is refused with the reason.
        ApiClient.Response again = requester.post("/jobs/" + failed.job() + "/resume", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("message").asText()).contains("only a failed job can be resumed");

        JsonNode done = requester.awaitJob(failed.job(), Set.of(), Duration.ofMinutes(2));
        assertThat(done.path("LabelingJobStatus").asText()).as(done.toString()).isEqualTo("Completed");
        assertThat(done.has("FailureReason")).isFalse();
        assertThat(done.at("/LabelCounters/HumanLabeled").asInt()).isEqualTo(OBJECTS);
        JsonNode page = requester.expect(
                requester.get("/jobs/" + failed.job() + "/objects?maxResults=100"), "browsing the output");
        assertThat(page.get("objects")).hasSize(OBJECTS);
        int answers = 0;
        for (JsonNode object : page.get("objects")) {
            answers += requester
                    .expect(
                            requester.get("/jobs/" + failed.job() + "/objects/"
                                    + object.get("datasetObjectId").asText() + "/answers"),
                            "reading answers")
                    .get("answers")
                    .size();
        }
        assertThat(answers).isEqualTo(OBJECTS * WORKERS_PER_OBJECT);
    }

    private static Demo.Report demo() throws Exception {
        return new Demo(
                        runtime,
                        new Demo.Options("custom", OBJECTS, 3, WORKERS_PER_OBJECT, 0.9, 7),
                        new PrintStream(new ByteArrayOutputStream()))
                .execute();
    }
}
