package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Simulated workers who label through the public worker API, each in its own thread: take the next task, fetch the
 * image through its presigned URL (text tasks carry their text inline), answer as the {@link Answerer} says, submit.
 * While the job is open they wait for work (an automated-labeling job trains between its human batches); they stop
 * when it is no longer open to them, or when the time allowed runs out.
 */
public final class SimulatedWorkers {

    /** How a worker answers a task: the crowd element's submission. */
    @FunctionalInterface
    public interface Answerer {
        JsonNode answer(String worker, JsonNode task);
    }

    /** What the workers did: how many answers they gave. */
    public record Result(long answers) {}

    private static final Duration IDLE_POLL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String jobName;
    private final Answerer answerer;
    private final Duration timeLimit;

    /** @param timeLimit how long the workers keep at it at most */
    public SimulatedWorkers(String jobName, Answerer answerer, Duration timeLimit) {
        this.jobName = jobName;
        this.answerer = answerer;
        this.timeLimit = timeLimit;
    }

    /** Runs one thread per worker (name → client) until none finds work; {@code onAnswer} sees the answer count. */
    public Result run(Map<String, ApiClient> workers, LongConsumer onAnswer) throws Exception {
        AtomicLong answers = new AtomicLong();
        Instant deadline = Instant.now().plus(timeLimit);
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Void>> running = workers.entrySet().stream()
                    .map(worker -> pool.submit(() -> {
                        work(worker.getKey(), worker.getValue(), answers, onAnswer, deadline);
                        return (Void) null;
                    }))
                    .toList();
            for (Future<Void> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(answers.get());
    }

    private void work(String name, ApiClient worker, AtomicLong answers, LongConsumer onAnswer, Instant deadline)
            throws IOException, InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            ApiClient.Response next = worker.post("/worker/jobs/" + jobName + "/tasks/next", null);
            if (next.status() == 204) {
                if (!jobAcceptsAnswers(worker)) {
                    return;
                }
                Thread.sleep(IDLE_POLL.toMillis());
                continue;
            }
            JsonNode task = worker.expect(next, "taking a task");
            if (task.at("/taskInput/sourceRef").isTextual()) {
                fetch(task.at("/taskInput/taskObject").asText());
            }
            ObjectNode body = Json.object();
            body.set("answerContent", answerer.answer(name, task));
            worker.expect(
                    worker.post(
                            "/worker/assignments/" + task.get("assignmentId").asText(), body),
                    "submitting an answer");
            onAnswer.accept(answers.incrementAndGet());
        }
    }

    private boolean jobAcceptsAnswers(ApiClient worker) throws IOException {
        JsonNode jobs =
                worker.expect(worker.get("/worker/jobs"), "listing jobs").path("jobs");
        for (JsonNode job : jobs) {
            if (job.path("jobName").asText().equals(jobName)) {
                return true;
            }
        }
        return false;
    }

    /** Downloads the object as the worker's browser would; a broken presigned URL stops the demo. */
    private void fetch(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new IOException("the task's image URL answered HTTP " + response.statusCode() + ": " + url);
        }
    }
}
