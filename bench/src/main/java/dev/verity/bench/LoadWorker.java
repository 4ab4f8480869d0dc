package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.local.ApiClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * One simulated worker of the load benchmark: takes the next task of the job and answers it at once, again and again
 * until the deadline, timing each call. A task taken before the deadline is still answered, so the run leaves no
 * task held.
 */
final class LoadWorker implements Callable<LoadWorker.Result> {

    /** After a 204 or an error: a short pause, so a worker with nothing to do does not spin on the API. */
    private static final long PAUSE_MILLIS = 50;

    /**
     * What one worker saw.
     *
     * @param workerId the {@code sub} the service knows the worker by
     * @param accepted the objects whose answer the service accepted (2xx), in order
     * @param errors   calls that failed, warm-up included, by route and HTTP status (or the exception's name when no
     *                 answer came)
     * @param measured answers accepted after the warm-up
     * @param empty    {@code next} calls after the warm-up that found no task (204)
     */
    record Result(
            String workerId,
            LatencySamples next,
            LatencySamples submit,
            List<String> accepted,
            long measured,
            Map<String, Long> errors,
            long empty) {}

    private final String workerId;
    private final ApiClient client;
    private final String job;
    private final long measureFromNanos;
    private final long deadlineNanos;

    /** Calls that start before {@code measureFromNanos} (the warm-up) are made but not counted or timed. */
    LoadWorker(String workerId, ApiClient client, String job, long measureFromNanos, long deadlineNanos) {
        this.workerId = workerId;
        this.client = client;
        this.job = job;
        this.measureFromNanos = measureFromNanos;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public Result call() throws InterruptedException {
        LatencySamples nextTimes = new LatencySamples();
        LatencySamples submitTimes = new LatencySamples();
        List<String> accepted = new ArrayList<>();
        Map<String, Long> errors = new TreeMap<>();
        long measured = 0;
        long empty = 0;
        while (System.nanoTime() < deadlineNanos) {
            boolean measuring = System.nanoTime() >= measureFromNanos;
            Timed next =
                    timed(() -> client.post("/worker/jobs/" + job + "/tasks/next", null), measuring ? nextTimes : null);
            if (next.response() == null
                    || !next.response().ok()
                    || next.response().status() == 204) {
                if (next.response() != null && next.response().status() == 204) {
                    empty += measuring ? 1 : 0;
                } else {
                    errors.merge("next " + next.status(), 1L, Long::sum); // in the warm-up too: a failure is a failure
                }
                Thread.sleep(PAUSE_MILLIS);
                continue;
            }
            JsonNode task = next.response().body();
            String objectId = task.path("datasetObjectId").asText();
            Timed submit = timed(
                    () -> client.post(
                            "/worker/assignments/" + task.path("assignmentId").asText(),
                            LoadJob.REQUEST.answer(objectId)),
                    measuring ? submitTimes : null);
            if (submit.response() != null && submit.response().ok()) {
                accepted.add(objectId); // warm-up answers too: the audit checks every answer
                measured += measuring ? 1 : 0;
            } else {
                errors.merge("submit " + submit.status(), 1L, Long::sum);
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        return new Result(workerId, nextTimes, submitTimes, accepted, measured, errors, empty);
    }

    private interface Call {
        ApiClient.Response send() throws IOException;
    }

    /** A call's answer, or null and why when none came (time-out, connection refused, a body that is not JSON). */
    private record Timed(ApiClient.Response response, String failure) {

        String status() {
            return response == null ? failure : String.valueOf(response.status());
        }
    }

    /** Runs the call and records how long it took, failed or not, in {@code samples} unless null. */
    private static Timed timed(Call call, LatencySamples samples) {
        long start = System.nanoTime();
        ApiClient.Response response = null;
        String failure = null;
        try {
            response = call.send();
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName();
        }
        if (samples != null) {
            samples.add(System.nanoTime() - start);
        }
        return new Timed(response, failure);
    }
}
