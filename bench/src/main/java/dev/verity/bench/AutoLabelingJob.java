package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.local.ApiClient;
import dev.verity.local.SimulatedWorkers;
import dev.verity.local.VerityRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one dataset through the local runtime as a job with automated labeling, the way a requester would: uploads
 * the objects, the manifest and the categories, then the request to {@code jobs/<name>.json} (which starts the job);
 * simulated workers answer every task through the worker API; when the job ends, the output manifest is scored
 * against the truth and the rounds and models are read back.
 */
final class AutoLabelingJob {

    /**
     * @param batch            {@code MaxConcurrentTaskCount}: objects per human batch
     * @param workers          simulated worker threads (each object still gets {@code workersPerObject} answers)
     * @param workersPerObject {@code NumberOfHumanWorkersPerDataObject}
     * @param accuracy         each simulated worker's chance to answer right
     */
    record Settings(int batch, int workers, int workersPerObject, double accuracy, long seed) {}

    /** Labels against the truth: how many, and how many right. */
    record Score(long labels, long correct) {

        double accuracy() {
            return labels == 0 ? Double.NaN : (double) correct / labels;
        }
    }

    /** What a finished (or failed) run measured. */
    record Result(
            LabelingDataset dataset,
            Settings settings,
            String job,
            JsonNode description,
            int objects,
            Score human,
            Score machine,
            Score all,
            long unlabeled,
            long answers,
            Score singleWorker,
            JsonNode rounds,
            List<JobFiles.RoundCheck> checks,
            List<Duration> answering,
            Duration staging,
            Duration toFirstAnswer,
            Duration wall,
            long peakHeapBytes,
            long peakHeapAfterGcBytes) {

        String status() {
            return description.path("LabelingJobStatus").asText();
        }

        boolean completed() {
            return status().equals("Completed") && all.labels() + unlabeled == objects;
        }

        /** Answers a human-only job would have asked for: every object, {@code workersPerObject} times. */
        long humanOnlyAnswers() {
            return (long) objects * settings.workersPerObject();
        }
    }

    static final String ALGORITHM_ARN =
            "arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/";
    static final String BUILT_IN_LAMBDAS = "arn:aws:lambda:us-east-1:432418664414:function:";
    private static final String OUTPUT_PREFIX = "bench-output/";
    private static final int TASK_TIME_LIMIT_SECONDS = 300;
    /** A day: each human batch stays open until its answers are in, however slow the machine. */
    private static final int TASK_LIFETIME_SECONDS = 86_400;

    private static final int UPLOAD_THREADS = 4;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration WORK_TIMEOUT = Duration.ofHours(4);
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(30);

    private final VerityRuntime runtime;
    private final PrintStream log;

    AutoLabelingJob(VerityRuntime runtime, PrintStream log) {
        this.runtime = runtime;
        this.log = log;
    }

    Result run(LabelingDataset dataset, Settings settings) throws Exception {
        try (HeapSampler heap = new HeapSampler()) {
            return run(dataset, settings, heap);
        }
    }

    private Result run(LabelingDataset dataset, Settings settings, HeapSampler heap) throws Exception {
        Instant started = Instant.now();
        ApiClient requester = runtime.api(runtime.token("bench-requester", Set.of("requesters")));
        String job = freeName(requester, "bench-" + dataset.name() + "-b" + settings.batch() + "-s" + settings.seed());
        log.printf(
                Locale.ROOT,
                "%s: staging %,d objects for job %s%n",
                dataset.title(),
                dataset.items().size(),
                job);
        Map<String, LabelingDataset.Item> byKey = stage(dataset, settings, job);
        Duration staging = Duration.between(started, Instant.now());
        long staged = System.nanoTime();
        log.printf(Locale.ROOT, "%s: staged in %.1f s; job started%n", dataset.title(), seconds(staging));

        JsonNode status = requester.awaitJob(job, Set.of("InProgress"), START_TIMEOUT);
        AnswerTimes answers = new AnswerTimes();
        SimulatedAnnotator annotator = new SimulatedAnnotator(settings.accuracy(), dataset.classes(), settings.seed());
        AtomicLong singleCorrect = new AtomicLong();
        if (status.path("LabelingJobStatus").asText().equals("InProgress")) {
            Map<String, ApiClient> workers = new LinkedHashMap<>();
            for (int i = 1; i <= settings.workers(); i++) {
                workers.put("worker-" + i, runtime.api(runtime.token("bench-worker-" + i, Set.of("workers"))));
            }
            SimulatedWorkers simulated = new SimulatedWorkers(
                    job,
                    (worker, task) -> {
                        LabelingDataset.Item item = byKey.get(objectKey(task.path("taskInput")));
                        if (item == null) {
                            throw new IllegalStateException(
                                    "a task for an object the benchmark did not stage: " + task);
                        }
                        int answer = annotator.answer(worker, item.name(), item.truth());
                        singleCorrect.addAndGet(answer == item.truth() ? 1 : 0);
                        answers.add(System.nanoTime());
                        ObjectNode content = Json.object();
                        content.putObject(dataset.element())
                                .put("label", dataset.labels().get(answer));
                        return content;
                    },
                    WORK_TIMEOUT);
            long expected = (long) dataset.items().size() * settings.workersPerObject();
            simulated.run(workers, n -> {
                if (n % 3000 == 0) {
                    log.printf(
                            Locale.ROOT,
                            "%s: %,d answers (a human-only job: %,d), %.0f s%n",
                            dataset.title(),
                            n,
                            expected,
                            seconds(Duration.between(started, Instant.now())));
                }
            });
            status = requester.awaitJob(job, Set.of(), FINISH_TIMEOUT);
        }
        Duration wall = Duration.between(started, Instant.now());
        log.printf(
                Locale.ROOT,
                "%s: job %s %s after %.1f s, %,d answers%n",
                dataset.title(),
                job,
                status.path("LabelingJobStatus").asText(),
                seconds(wall),
                answers.size());

        JsonNode rounds = requester
                .expect(requester.get("/jobs/" + job + "/rounds"), "reading the rounds")
                .path("rounds");
        List<JobFiles.RoundCheck> checks =
                new JobFiles(runtime.s3(), runtime.bucket(), OUTPUT_PREFIX + job + "/").rounds(rounds, byKey);
        Scoring scoring = score(dataset, byKey, status);
        long answerCount = answers.size();
        return new Result(
                dataset,
                settings,
                job,
                status,
                dataset.items().size(),
                scoring.human,
                scoring.machine,
                scoring.all,
                scoring.unlabeled,
                answerCount,
                new Score(answerCount, singleCorrect.get()),
                rounds,
                checks,
                answers.windows(batches(rounds), settings.workersPerObject()),
                staging,
                answers.first().map(first -> Duration.ofNanos(first - staged)).orElse(Duration.ZERO),
                wall,
                heap.peakBytes(),
                heap.peakAfterGcBytes());
    }

    /**
     * Uploads the objects (in parallel: 10,000 PNGs one by one would dominate a small job), the manifest, the
     * categories, and last the request, whose upload starts the job. Answers each object by the key a task names it
     * with: its S3 URI or its text.
     */
    private Map<String, LabelingDataset.Item> stage(LabelingDataset dataset, Settings settings, String job)
            throws Exception {
        S3Client s3 = runtime.s3();
        String bucket = runtime.bucket();
        String prefix = "bench/" + job + "/";
        Map<String, LabelingDataset.Item> byKey = new HashMap<>();
        StringBuilder manifest = new StringBuilder();
        List<Runnable> uploads = new ArrayList<>();
        for (LabelingDataset.Item item : dataset.items()) {
            ObjectNode line = Json.object();
            String key;
            if (item.png() != null) {
                String objectKey = prefix + "objects/" + item.name();
                uploads.add(() -> s3.putObject(
                        b -> b.bucket(bucket).key(objectKey).contentType("image/png"),
                        RequestBody.fromBytes(item.png())));
                key = "s3://" + bucket + "/" + objectKey;
                line.put("source-ref", key);
            } else {
                key = item.text();
                line.put("source", key);
            }
            if (byKey.put(key, item) != null) {
                throw new IllegalStateException(dataset.title() + ": two objects are the same (" + item.name()
                        + "); the simulated workers could not tell their truths apart");
            }
            manifest.append(Json.write(line)).append('\n');
        }
        ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            uploads.forEach(upload -> done.add(pool.submit(upload)));
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        put(prefix + "dataset.manifest", manifest.toString());
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        dataset.labels().forEach(l -> categories.withArray("labels").addObject().put("label", l));
        put(prefix + "categories.json", Json.write(categories));
        put("jobs/" + job + ".json", Json.write(request(dataset, settings, job, "s3://" + bucket + "/" + prefix)));
        return byKey;
    }

    /**
     * The job's name: the same for the same dataset, batch and seed, because Verity seeds the job's validation set and
     * trainings from it; a state folder that already has that job gets a numbered one.
     */
    private static String freeName(ApiClient requester, String name) throws IOException {
        String candidate = name;
        for (int n = 2; requester.get("/jobs/" + candidate).ok(); n++) {
            candidate = name + "-" + n;
        }
        return candidate;
    }

    /** CreateLabelingJob as a requester of Ground Truth's built-in classification types writes it. */
    static ObjectNode request(LabelingDataset dataset, Settings settings, String job, String input) {
        ObjectNode request = Json.object();
        request.put("LabelingJobName", job);
        request.put("LabelAttributeName", dataset.labelAttribute());
        request.putObject("InputConfig")
                .putObject("DataSource")
                .putObject("S3DataSource")
                .put("ManifestS3Uri", input + "dataset.manifest");
        request.putObject("OutputConfig").put("S3OutputPath", "s3://" + VerityRuntime.BUCKET + "/" + OUTPUT_PREFIX);
        request.put("RoleArn", "arn:aws:iam::000000000000:role/verity-bench");
        request.put("LabelCategoryConfigS3Uri", input + "categories.json");
        ObjectNode human = request.putObject("HumanTaskConfig");
        human.put(
                "WorkteamArn",
                "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce");
        human.putObject("UiConfig").put("UiTemplateS3Uri", input + "template.html");
        human.put("PreHumanTaskLambdaArn", BUILT_IN_LAMBDAS + "PRE-" + dataset.taskType());
        human.put("TaskTitle", dataset.question());
        human.put("TaskDescription", "Choose the one category that fits best");
        human.put("NumberOfHumanWorkersPerDataObject", settings.workersPerObject());
        human.put("TaskTimeLimitInSeconds", TASK_TIME_LIMIT_SECONDS);
        human.put("TaskAvailabilityLifetimeInSeconds", TASK_LIFETIME_SECONDS);
        human.put("MaxConcurrentTaskCount", settings.batch());
        human.putObject("AnnotationConsolidationConfig")
                .put("AnnotationConsolidationLambdaArn", BUILT_IN_LAMBDAS + "ACS-" + dataset.taskType());
        request.putObject("LabelingJobAlgorithmsConfig")
                .put("LabelingJobAlgorithmSpecificationArn", ALGORITHM_ARN + dataset.algorithm());
        return request;
    }

    private record Scoring(Score human, Score machine, Score all, long unlabeled) {}

    /** Every output line's label against its object's truth, split by who labeled it ({@code human-annotated}). */
    private Scoring score(LabelingDataset dataset, Map<String, LabelingDataset.Item> byKey, JsonNode description)
            throws IOException {
        String uri = description.at("/LabelingJobOutput/OutputDatasetS3Uri").asText(null);
        long[] human = new long[2];
        long[] machine = new long[2];
        long unlabeled = 0;
        if (uri != null) {
            String key = uri.substring(("s3://" + runtime.bucket() + "/").length());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    runtime.s3().getObject(b -> b.bucket(runtime.bucket()).key(key)), StandardCharsets.UTF_8))) {
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    JsonNode line = Json.parse(text);
                    LabelingDataset.Item item = byKey.get(objectKey(line));
                    JsonNode metadata = line.path(dataset.labelAttribute() + "-metadata");
                    String label = metadata.path("class-name").asText(null);
                    if (item == null || label == null || !line.has(dataset.labelAttribute())) {
                        unlabeled++;
                        continue;
                    }
                    long[] tally = metadata.path("human-annotated").asText().equals("no") ? machine : human;
                    tally[0]++;
                    tally[1] += label.equals(dataset.labels().get(item.truth())) ? 1 : 0;
                }
            }
        }
        return new Scoring(
                new Score(human[0], human[1]),
                new Score(machine[0], machine[1]),
                new Score(human[0] + machine[0], human[1] + machine[1]),
                unlabeled);
    }

    /**
     * The objects of each human batch in the order they were sent: one per round, plus the round's last batch when
     * the loop ended by sending every object left to humans.
     */
    static List<Integer> batches(JsonNode rounds) {
        List<Integer> batches = new ArrayList<>();
        for (JsonNode round : rounds) {
            batches.add(round.path("humanBatch").asInt());
        }
        if (!rounds.isEmpty()) {
            JsonNode last = rounds.get(rounds.size() - 1);
            if (last.path("done").asBoolean() && last.path("nextHumanBatch").asInt() > 0) {
                batches.add(last.path("nextHumanBatch").asInt());
            }
        }
        return batches;
    }

    /** When each answer was given (nanoTime), to tell time spent answering from time spent waiting for the loop. */
    static final class AnswerTimes {
        private final ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();

        void add(long nanos) {
            times.add(nanos);
        }

        long size() {
            return times.size();
        }

        Optional<Long> first() {
            return times.stream().min(Long::compare);
        }

        /**
         * From the first to the last answer of each human batch; a batch's answers all come before the next batch is
         * sent. Empty when the answers do not add up to the batches' (a task answered twice after a time-out).
         */
        List<Duration> windows(List<Integer> batches, int workersPerObject) {
            List<Long> sorted = times.stream().sorted().toList();
            long expected =
                    batches.stream().mapToLong(b -> (long) b * workersPerObject).sum();
            if (expected != sorted.size()) {
                return List.of();
            }
            List<Duration> windows = new ArrayList<>();
            int from = 0;
            for (int batch : batches) {
                int to = from + batch * workersPerObject;
                windows.add(batch == 0 ? Duration.ZERO : Duration.ofNanos(sorted.get(to - 1) - sorted.get(from)));
                from = to;
            }
            return windows;
        }
    }

    /** What identifies an object in a manifest line or a task's input: its S3 URI, or its text. */
    static String objectKey(JsonNode lineOrTaskInput) {
        for (String field : List.of("source-ref", "sourceRef", "source", "taskObject")) {
            if (lineOrTaskInput.path(field).isTextual()) {
                return lineOrTaskInput.get(field).asText();
            }
        }
        return "";
    }

    private void put(String key, String content) {
        runtime.s3().putObject(b -> b.bucket(runtime.bucket()).key(key), RequestBody.fromString(content));
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
