package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code verity demo}: generates a dataset whose truth is known for one task type ({@link DemoTask}), starts a job by
 * uploading its request to {@code jobs/<name>.json}, lets simulated workers label it through the worker API, reads
 * the output manifest and prints how good the consolidated labels are against the truth. The flow is the same for
 * every task type; what differs — data, answers, how labels are read and scored — is the task's.
 */
public final class Demo {

    /**
     * What the demo is asked to do; {@code taskType} is a {@link DemoTasks} name; {@code autoLabelBatch} is the human
     * batch of automated labeling ({@code MaxConcurrentTaskCount}), 0 for a human-only job.
     */
    public record Options(
            String taskType,
            int objects,
            int workers,
            int workersPerObject,
            double accuracy,
            long seed,
            int autoLabelBatch) {

        public Options(String taskType, int objects, int workers, int workersPerObject, double accuracy, long seed) {
            this(taskType, objects, workers, workersPerObject, accuracy, seed, 0);
        }
    }

    /** Ground Truth's image-classification algorithm; Verity runs its own model for it. */
    static final String AUTO_LABEL_ALGORITHM =
            "arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/";

    /**
     * What a run produced: the task it ran, the job's final description, the input and output manifest lines in their
     * order, and the quality of the consolidated labels, of single workers' answers and (chained types) of the earlier
     * labels.
     */
    public record Report(
            DemoTask<?> task,
            String job,
            JsonNode description,
            List<JsonNode> input,
            List<JsonNode> output,
            DemoQuality<?> consolidated,
            DemoQuality<?> singleWorker,
            DemoQuality<?> earlier,
            long answers,
            Duration wall,
            AutoLabeled autoLabeled) {

        public String status() {
            return description.path("LabelingJobStatus").asText();
        }

        String outputUri() {
            return description.at("/LabelingJobOutput/OutputDatasetS3Uri").asText(null);
        }

        boolean completed() {
            return status().equals("Completed") && output.size() == input.size();
        }
    }

    /**
     * What automated labeling did: the machine labels' quality against the truth, how many objects humans labeled, and
     * the rounds ({@code GET /jobs/{name}/rounds}).
     */
    record AutoLabeled(DemoQuality<?> machine, long machineLabeled, long humanLabeled, JsonNode rounds) {}

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(5);
    /** How long simulated workers keep at a job: an automated-labeling job trains between its batches. */
    private static final Duration WORK_TIMEOUT = Duration.ofMinutes(60);

    private final VerityRuntime runtime;
    private final Options options;
    private final PrintStream out;

    public Demo(VerityRuntime runtime, Options options, PrintStream out) {
        this.runtime = runtime;
        this.options = options;
        this.out = out;
    }

    /** Runs the demo and prints its summary; true if the job completed with one labeled output line per object. */
    boolean run() throws Exception {
        Report report = execute();
        print(report);
        return report.completed();
    }

    /** Runs the demo's job to its end; prints progress but not the summary. */
    public Report execute() throws Exception {
        Instant started = Instant.now();
        String job = "demo-" + options.taskType() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(started);
        String prefix = "demo/" + job + "/";
        DemoStore store = new DemoStore.S3(runtime.s3(), runtime.bucket(), prefix);
        return execute(DemoTasks.of(options.taskType(), store), job, prefix, started);
    }

    private <T> Report execute(DemoTask<T> task, String job, String prefix, Instant started) throws Exception {
        String bucket = runtime.bucket();
        S3Client s3 = runtime.s3();

        out.printf("Generating %d %s…%n", options.objects(), task.dataDescription());
        List<DemoTask.DemoObject<T>> objects = task.generate(options.objects(), new SplittableRandom(options.seed()));
        Map<String, T> truth = new HashMap<>();
        List<JsonNode> input =
                stage(s3, bucket, task, job, prefix, objects, options.workersPerObject(), options.autoLabelBatch());
        for (int i = 0; i < objects.size(); i++) {
            truth.putIfAbsent(objectKey(input.get(i)), objects.get(i).truth());
        }
        out.printf("Started %s job %s: upload of s3://%s/jobs/%s.json%n", task.taskType(), job, bucket, job);
        ApiClient requester = runtime.api(runtime.token("demo-requester", Set.of("requesters")));
        JsonNode status = requester.awaitJob(job, Set.of("InProgress"), START_TIMEOUT);
        DemoQuality<T> singleWorker = task.quality();
        if (!status.path("LabelingJobStatus").asText().equals("InProgress")) {
            out.println("The job did not start: " + status);
            return new Report(
                    task,
                    job,
                    status,
                    input,
                    List.of(),
                    task.quality(),
                    singleWorker,
                    null,
                    0,
                    Duration.between(started, Instant.now()),
                    null);
        }

        Map<String, ApiClient> workers = new LinkedHashMap<>();
        for (int i = 1; i <= options.workers(); i++) {
            workers.put("worker-" + i, runtime.api(runtime.token("demo-worker-" + i, Set.of("workers"))));
        }
        SimulatedWorkers simulated = new SimulatedWorkers(
                job,
                (worker, taskJson) -> {
                    T objectTruth = truth.get(objectKey(taskJson.path("taskInput")));
                    JsonNode answer = task.answer(
                            taskJson,
                            objectTruth,
                            options.accuracy(),
                            workerRandom(
                                    task,
                                    worker,
                                    taskJson.path("datasetObjectId").asText()));
                    singleWorker.add(objectTruth, task.fromAnswer(answer));
                    return answer;
                },
                WORK_TIMEOUT);
        SimulatedWorkers.Result result;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Labeling")
                .setStyle(ProgressBarStyle.ASCII)
                .setInitialMax((long) options.objects() * options.workersPerObject())
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                .build()) {
            result = simulated.run(workers, bar::stepTo);
        }

        JsonNode done = requester.awaitJob(job, Set.of("Completed", "Failed", "Stopped"), FINISH_TIMEOUT);
        String outputUri = done.at("/LabelingJobOutput/OutputDatasetS3Uri").asText(null);
        List<JsonNode> output = new ArrayList<>();
        DemoQuality<T> consolidated = task.quality();
        DemoQuality<T> machine = task.quality();
        long machineLabeled = 0;
        if (outputUri != null) {
            String key = outputUri.substring(("s3://" + bucket + "/").length());
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(s3.getObject(b -> b.bucket(bucket).key(key)), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    JsonNode labeled = Json.parse(line);
                    output.add(labeled);
                    consolidated.add(truth.get(objectKey(labeled)), task.fromOutput(labeled));
                    if (labeled.path(task.labelAttribute() + "-metadata")
                            .path("human-annotated")
                            .asText()
                            .equals("no")) {
                        machine.add(truth.get(objectKey(labeled)), task.fromOutput(labeled));
                        machineLabeled++;
                    }
                }
            }
        }
        DemoQuality<T> earlier = null;
        if (task.earlier(input.get(0)).isPresent()) {
            earlier = task.quality();
            for (JsonNode line : input) {
                earlier.add(truth.get(objectKey(line)), task.earlier(line).orElseThrow());
            }
        }
        AutoLabeled autoLabeled = null;
        if (options.autoLabelBatch() > 0) {
            JsonNode rounds = requester
                    .expect(requester.get("/jobs/" + job + "/rounds"), "reading the rounds")
                    .path("rounds");
            autoLabeled = new AutoLabeled(
                    machine,
                    machineLabeled,
                    done.at("/LabelCounters/HumanLabeled").asLong(),
                    rounds);
        }
        return new Report(
                task,
                job,
                done,
                input,
                output,
                consolidated,
                singleWorker,
                earlier,
                result.answers(),
                Duration.between(started, Instant.now()),
                autoLabeled);
    }

    private void print(Report report) {
        DemoTask<?> task = report.task();
        out.println();
        out.println("Job " + report.job() + ": " + report.status());
        out.printf(
                "  %-26s %s (--task-type %s), label attribute \"%s\"%n",
                "task type", task.taskType(), task.name(), task.labelAttribute());
        out.printf("  %-26s %s%n", "label counters", report.description().path("LabelCounters"));
        out.printf(
                "  %-26s %s (%d answers from %d workers)%n",
                "single-worker " + report.singleWorker().metric(),
                report.singleWorker().summary(),
                report.answers(),
                options.workers());
        if (report.earlier() != null) {
            out.printf(
                    "  %-26s %s%n",
                    "earlier labels " + report.earlier().metric(),
                    report.earlier().summary());
        }
        out.printf(
                "  %-26s %s (%d objects, %d workers each)%n",
                "consolidated " + report.consolidated().metric(),
                report.consolidated().summary(),
                report.output().size(),
                options.workersPerObject());
        AutoLabeled auto = report.autoLabeled();
        if (auto != null) {
            long objects = report.output().size();
            long humanOnly = objects * options.workersPerObject();
            out.printf(
                    "  %-26s %d of %d (%.1f%%), %s %s against the truth%n",
                    "machine-labeled",
                    auto.machineLabeled(),
                    objects,
                    100.0 * auto.machineLabeled() / Math.max(1, objects),
                    auto.machine().metric(),
                    auto.machine().summary());
            out.printf(
                    "  %-26s %d objects by humans, %d answers (a human-only job: %d; %d saved, %.1f%%)%n",
                    "human work",
                    auto.humanLabeled(),
                    report.answers(),
                    humanOnly,
                    humanOnly - report.answers(),
                    100.0 * (humanOnly - report.answers()) / Math.max(1, humanOnly));
            for (JsonNode round : auto.rounds()) {
                out.printf(
                        "  %-26s humans %d, machine %d, threshold %s, validation accuracy %s%n",
                        "round " + round.path("iteration").asInt(),
                        round.path("humanBatch").asInt(),
                        round.path("machineLabeled").asInt(),
                        decimal(round.path("threshold")),
                        decimal(round.path("validationAccuracy")));
            }
        }
        out.printf("  %-26s %.1f s%n", "wall time", report.wall().toMillis() / 1000.0);
        out.printf("  %-26s %s%n", "output manifest", report.outputUri());
        runtime.localPath(report.outputUri()).ifPresent(p -> out.printf("  %-26s %s%n", "", p));
    }

    private static String decimal(JsonNode number) {
        return number.isNumber() ? String.format("%.3f", number.asDouble()) : "none";
    }

    /** What identifies an object in a manifest line or a task's input: its S3 URI, or its text. */
    private static String objectKey(JsonNode lineOrTaskInput) {
        if (lineOrTaskInput.has("source-ref")) {
            return lineOrTaskInput.get("source-ref").asText();
        }
        if (lineOrTaskInput.has("sourceRef")) {
            return lineOrTaskInput.get("sourceRef").asText();
        }
        JsonNode text =
                lineOrTaskInput.has("source") ? lineOrTaskInput.get("source") : lineOrTaskInput.get("taskObject");
        return text == null ? "" : text.asText();
    }

    /** A worker's randomness on one object, fixed by (seed, task type, worker, object) whatever order tasks come in. */
    private SplittableRandom workerRandom(DemoTask<?> task, String worker, String objectId) {
        return new SplittableRandom(
                options.seed() * 1_000_003L + (task.name() + "/" + worker + "/" + objectId).hashCode());
    }

    /**
     * Uploads the objects (images under {@code prefix}images/), the manifest and the categories, then the job request
     * to {@code jobs/<job>.json}, which starts the job; answers the manifest's lines in order.
     */
    static <T> List<JsonNode> stage(
            S3Client s3,
            String bucket,
            DemoTask<T> task,
            String job,
            String prefix,
            List<DemoTask.DemoObject<T>> objects,
            int workersPerObject) {
        return stage(s3, bucket, task, job, prefix, objects, workersPerObject, 0);
    }

    /** As above, with automated labeling in human batches of {@code autoLabelBatch} objects (0: humans only). */
    static <T> List<JsonNode> stage(
            S3Client s3,
            String bucket,
            DemoTask<T> task,
            String job,
            String prefix,
            List<DemoTask.DemoObject<T>> objects,
            int workersPerObject,
            int autoLabelBatch) {
        List<JsonNode> input = new ArrayList<>();
        StringBuilder manifest = new StringBuilder();
        for (DemoTask.DemoObject<T> object : objects) {
            ObjectNode line = Json.object();
            if (object.png() != null) {
                String key = prefix + "images/" + object.name();
                s3.putObject(
                        b -> b.bucket(bucket).key(key).contentType("image/png"), RequestBody.fromBytes(object.png()));
                line.put("source-ref", "s3://" + bucket + "/" + key);
            } else {
                line.put("source", object.text());
            }
            if (object.extraFields() != null) {
                line.setAll(object.extraFields());
            }
            input.add(line);
            manifest.append(Json.write(line)).append('\n');
        }
        put(s3, bucket, prefix + "dataset.manifest", manifest.toString());
        put(s3, bucket, prefix + "categories.json", Json.write(task.categories()));
        if (task.uiTemplateHtml() != null) {
            put(s3, bucket, task.uiTemplate(), task.uiTemplateHtml());
        }
        put(
                s3,
                bucket,
                "jobs/" + job + ".json",
                Json.write(jobRequest(task, job, bucket, prefix, workersPerObject, autoLabelBatch)));
        return input;
    }

    private static ObjectNode jobRequest(
            DemoTask<?> task, String job, String bucket, String prefix, int workersPerObject, int autoLabelBatch) {
        ObjectNode request = Json.object();
        request.put("LabelingJobName", job);
        request.put("LabelAttributeName", task.labelAttribute());
        request.putObject("InputConfig")
                .putObject("DataSource")
                .putObject("S3DataSource")
                .put("ManifestS3Uri", "s3://" + bucket + "/" + prefix + "dataset.manifest");
        request.putObject("OutputConfig").put("S3OutputPath", "s3://" + bucket + "/demo-output/");
        request.put("RoleArn", "arn:aws:iam::000000000000:role/verity-demo");
        request.put("LabelCategoryConfigS3Uri", "s3://" + bucket + "/" + prefix + "categories.json");
        ObjectNode human = request.putObject("HumanTaskConfig");
        human.put(
                "WorkteamArn",
                "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce");
        human.putObject("UiConfig").put("UiTemplateS3Uri", "s3://" + bucket + "/" + task.uiTemplate());
        human.put("PreHumanTaskLambdaArn", task.preAnnotationLambda());
        human.put("TaskTitle", task.title());
        human.put("TaskDescription", task.description());
        human.put("NumberOfHumanWorkersPerDataObject", workersPerObject);
        human.put("TaskTimeLimitInSeconds", 300);
        human.put("TaskAvailabilityLifetimeInSeconds", 3600);
        human.putObject("AnnotationConsolidationConfig")
                .put("AnnotationConsolidationLambdaArn", task.consolidationLambda());
        if (autoLabelBatch > 0) {
            human.put("MaxConcurrentTaskCount", autoLabelBatch);
            request.putObject("LabelingJobAlgorithmsConfig")
                    .put(
                            "LabelingJobAlgorithmSpecificationArn",
                            AUTO_LABEL_ALGORITHM
                                    + (task.name().startsWith("text")
                                            ? "text-classification"
                                            : "image-classification"));
        }
        return request;
    }

    private static void put(S3Client s3, String bucket, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }
}
