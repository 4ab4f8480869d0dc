package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Workers of known accuracy who label through the public worker API, each in its own thread: take the next task,
 * fetch the image through its presigned URL, answer (right with probability {@code accuracy}, else a wrong label),
 * submit. They stop when the job has no task left for them.
 */
final class SimulatedWorkers {

    /** What the workers did: answers given and how many of them were right. */
    record Result(long answers, long correct) {
        double accuracy() {
            return answers == 0 ? 0 : (double) correct / answers;
        }
    }

    private static final int IDLE_POLLS_BEFORE_STOPPING = 20;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String jobName;
    private final Map<String, String> truthBySourceRef;
    private final List<String> labels;
    private final double accuracy;

    SimulatedWorkers(String jobName, Map<String, String> truthBySourceRef, List<String> labels, double accuracy) {
        this.jobName = jobName;
        this.truthBySourceRef = truthBySourceRef;
        this.labels = labels;
        this.accuracy = accuracy;
    }

    /** Runs one thread per worker (name → client) until none finds work; {@code onAnswer} sees the answer count. */
    Result run(Map<String, ApiClient> workers, LongConsumer onAnswer) throws Exception {
        AtomicLong answers = new AtomicLong();
        AtomicLong correct = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Void>> running = workers.entrySet().stream().map(worker -> pool.submit(() -> {
                work(worker.getKey(), worker.getValue(), answers, correct, onAnswer);
                return (Void) null;
            })).toList();
            for (Future<Void> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(answers.get(), correct.get());
    }

    private void work(String name, ApiClient worker, AtomicLong answers, AtomicLong correct, LongConsumer onAnswer)
            throws IOException, InterruptedException {
        int idle = 0;
        while (idle < IDLE_POLLS_BEFORE_STOPPING) {
            ApiClient.Response next = worker.post("/worker/jobs/" + jobName + "/tasks/next", null);
            if (next.status() == 204) {
                if (!jobAcceptsAnswers(worker)) {
                    return;
                }
                idle++;
                Thread.sleep(250);
                continue;
            }
            JsonNode task = worker.expect(next, "taking a task");
            idle = 0;
            fetch(task.at("/taskInput/taskObject").asText());
            String truth = truthBySourceRef.get(task.at("/taskInput/sourceRef").asText());
            String label = answer(name + "/" + task.get("datasetObjectId").asText(), truth);
            ObjectNode body = Json.object();
            body.putObject("answerContent").putObject("crowd-image-classifier").put("label", label);
            worker.expect(worker.post("/worker/assignments/" + task.get("assignmentId").asText(), body),
                    "submitting an answer");
            if (label.equals(truth)) {
                correct.incrementAndGet();
            }
            onAnswer.accept(answers.incrementAndGet());
        }
    }

    private boolean jobAcceptsAnswers(ApiClient worker) throws IOException {
        JsonNode jobs = worker.expect(worker.get("/worker/jobs"), "listing jobs").path("jobs");
        for (JsonNode job : jobs) {
            if (job.path("jobName").asText().equals(jobName)) {
                return true;
            }
        }
        return false;
    }

    /** The worker's answer, fixed by (worker, object) so a run is reproducible whatever the task order. */
    private String answer(String key, String truth) {
        SplittableRandom random = new SplittableRandom(key.hashCode());
        if (random.nextDouble() < accuracy) {
            return truth;
        }
        List<String> wrong = labels.stream().filter(l -> !l.equals(truth)).toList();
        return wrong.get(random.nextInt(wrong.size()));
    }

    /** Downloads the object as the worker's browser would; a broken presigned URL stops the demo. */
    private void fetch(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new IOException("the task's image URL answered HTTP " + response.statusCode() + ": " + url);
        }
    }
}
