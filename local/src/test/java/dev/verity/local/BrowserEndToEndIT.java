package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The web UI in a real browser: {@code verity up} (in a child JVM, as a user starts it) serves it at / with the HTTP
 * API, and the browser specs in {@code web/e2e} (Vitest + playwright-core driving Debian's Chromium) act as a
 * requester and as workers (and, on an automated-labeling job run before them, look at its rounds). Skipped, with one
 * line saying so, where Chromium is not installed
 * ({@code apt-get install chromium}).
 */
class BrowserEndToEndIT {

    private static final long TIMEOUT_MINUTES = 20;
    private static final String FORM_CREATED = "image-classification";
    private static final int OBJECTS_PER_JOB = 2;
    private static final String DECLINED = "decline";

    /**
     * One small job per task type (the demo's generated data: images of shapes, texts, earlier labels for the
     * adjustment and verification types), one worker per object; the specs label them in the browser. Image
     * classification is left out: the specs' requester creates that job in the console's form. Answers
     * {@code {"<demo name>": {"job": ..., "taskType": ...}}}.
     */
    private static String stageJobs(S3Client s3) {
        ObjectNode jobs = Json.object();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (String name : DemoTasks.names()) {
            if (name.equals(FORM_CREATED)) {
                continue;
            }
            String job = "browser-" + name + "-" + run;
            String prefix = "browser/" + job + "/";
            DemoTask<?> task = DemoTasks.of(name, new DemoStore.S3(s3, VerityRuntime.BUCKET, prefix));
            stage(s3, task, job, prefix);
            jobs.putObject(name).put("job", job).put("taskType", task.taskType());
        }
        // one more, whose first task the worker declines
        String job = "browser-decline-" + run;
        DemoTask<?> declined = DemoTasks.of("text-classification", null);
        stage(s3, declined, job, "browser/" + job + "/");
        jobs.putObject(DECLINED).put("job", job).put("taskType", declined.taskType());
        return Json.write(jobs);
    }

    private static <T> void stage(S3Client s3, DemoTask<T> task, String job, String prefix) {
        Demo.stage(
                s3,
                VerityRuntime.BUCKET,
                task,
                job,
                prefix,
                task.generate(OBJECTS_PER_JOB, new SplittableRandom(7)),
                1);
    }

    @Test
    void workersLabelEveryTaskTypeAndTheRequesterSeesTheLabels(@TempDir Path stateDir) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            System.out.println("Browser tests skipped: no Chromium at " + chromium
                    + " (apt-get install chromium, or set CHROMIUM_PATH)");
            Assumptions.abort("no Chromium at " + chromium);
        }
        assertThat(BrowserSpecs.WEB.resolve("node_modules/playwright-core"))
                .as("web/node_modules (npm ci in web/)")
                .isDirectory();
        try (RuntimeProcess runtime = RuntimeProcess.start(stateDir, RuntimeProcess.freePort())) {
            JsonNode info = runtime.awaitReady();
            String autoLabeled = runAutoLabelingJob(
                    RuntimeProcess.s3(info),
                    stateDir,
                    URI.create(info.get("apiUrl").asText()));
            runSpecs(
                    info.get("apiUrl").asText(),
                    LocalJobs.signInSecret(stateDir),
                    stageJobs(RuntimeProcess.s3(info)),
                    autoLabeled,
                    chromium);
        }
    }

    /**
     * An automated-labeling job run to its end before the specs, for the console's rounds: 1,250 shapes, one expert
     * per object answering through the worker API, human batches of 250. Answers the job's name.
     */
    private static String runAutoLabelingJob(S3Client s3, Path stateDir, URI api) throws Exception {
        String job = "browser-auto-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        DemoTask<String> task = ClassificationDemo.image();
        List<DemoTask.DemoObject<String>> objects = task.generate(1_250, new SplittableRandom(3));
        List<JsonNode> input = Demo.stage(s3, VerityRuntime.BUCKET, task, job, "browser/" + job + "/", objects, 1, 250);
        Map<String, String> truth = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            truth.put(input.get(i).get("source-ref").asText(), objects.get(i).truth());
        }
        ApiClient requester = LocalJobs.signIn(stateDir, api, "auto-requester", "requesters");
        assertThat(LocalJobs.waitForStatus(requester, job, "InProgress", 60_000)
                        .path("LabelingJobStatus")
                        .asText())
                .isEqualTo("InProgress");
        new SimulatedWorkers(
                        job,
                        (worker, t) -> LocalJobs.answerBody(
                                        truth.get(t.at("/taskInput/sourceRef").asText()))
                                .get("answerContent"),
                        Duration.ofMinutes(5))
                .run(Map.of("expert", LocalJobs.signIn(stateDir, api, "auto-expert", "workers")), answers -> {});
        JsonNode done = LocalJobs.waitForStatus(requester, job, "Completed", 120_000);
        assertThat(done.path("LabelingJobStatus").asText()).as(done.toString()).isEqualTo("Completed");
        return job;
    }

    private static void runSpecs(String apiUrl, String signInSecret, String jobs, String autoLabeled, Path chromium)
            throws Exception {
        BrowserSpecs.run(
                Map.of(
                        "VERITY_URL", apiUrl,
                        "VERITY_SIGN_IN_SECRET", signInSecret,
                        "CHROMIUM_PATH", chromium.toString(),
                        "VERITY_JOBS", jobs,
                        "VERITY_AUTO_JOB", autoLabeled),
                TIMEOUT_MINUTES);
        try (var files = Files.list(BrowserSpecs.screenshots())) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count())
                    .as("screenshots saved")
                    .isPositive();
        }
    }
}
