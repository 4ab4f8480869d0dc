package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code verity demo}: generates a labeled image dataset, starts an image-classification job by uploading its
 * request to {@code jobs/<name>.json}, lets simulated workers label it through the worker API and prints how good
 * the consolidated labels are.
 */
final class Demo {

    /** What the demo is asked to do. */
    record Options(int objects, int workers, int workersPerObject, double accuracy, long seed) {
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(5);

    private final VerityRuntime runtime;
    private final Options options;
    private final PrintStream out;

    Demo(VerityRuntime runtime, Options options, PrintStream out) {
        this.runtime = runtime;
        this.options = options;
        this.out = out;
    }

    /** Runs the demo; true if the job completed with one labeled output line per object. */
    boolean run() throws Exception {
        Instant started = Instant.now();
        String job = "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        String bucket = runtime.bucket();
        S3Client s3 = runtime.s3();

        out.printf("Generating %d images (circles, squares, triangles)…%n", options.objects());
        Map<String, String> truth = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder();
        for (DemoDataset.DemoImage image : DemoDataset.generate(options.objects(), options.seed())) {
            String key = "demo/" + job + "/images/" + image.name();
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("image/png"), RequestBody.fromBytes(image.png()));
            String sourceRef = "s3://" + bucket + "/" + key;
            truth.put(sourceRef, image.label());
            manifest.append(Json.write(Json.object().put("source-ref", sourceRef))).append('\n');
        }
        put(s3, bucket, "demo/" + job + "/dataset.manifest", manifest.toString());
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        DemoDataset.LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        put(s3, bucket, "demo/" + job + "/categories.json", Json.write(categories));

        out.printf("Starting job %s: upload of s3://%s/jobs/%s.json%n", job, bucket, job);
        put(s3, bucket, "jobs/" + job + ".json", Json.write(jobRequest(job, bucket)));
        ApiClient requester = runtime.api(runtime.token("demo-requester", Set.of("requesters")));
        JsonNode status = waitFor(requester, job, Set.of("InProgress"), START_TIMEOUT);
        if (!status.path("LabelingJobStatus").asText().equals("InProgress")) {
            out.println("The job did not start: " + status);
            return false;
        }

        Map<String, ApiClient> workers = new LinkedHashMap<>();
        for (int i = 1; i <= options.workers(); i++) {
            workers.put("worker-" + i, runtime.api(runtime.token("demo-worker-" + i, Set.of("workers"))));
        }
        SimulatedWorkers simulated = new SimulatedWorkers(job, truth, DemoDataset.LABELS, options.accuracy());
        SimulatedWorkers.Result result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Labeling").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax((long) options.objects() * options.workersPerObject()).setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build()) {
            result = simulated.run(workers, bar::stepTo);
        }

        JsonNode done = waitFor(requester, job, Set.of("Completed", "Failed", "Stopped"), FINISH_TIMEOUT);
        String outputUri = done.at("/LabelingJobOutput/OutputDatasetS3Uri").asText(null);
        long lines = 0;
        long right = 0;
        if (outputUri != null) {
            String key = outputUri.substring(("s3://" + bucket + "/").length());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    s3.getObject(b -> b.bucket(bucket).key(key)), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    JsonNode labeled = Json.parse(line);
                    lines++;
                    String className = labeled.at("/category-metadata/class-name").asText();
                    right += className.equals(truth.get(labeled.get("source-ref").asText())) ? 1 : 0;
                }
            }
        }
        Duration wall = Duration.between(started, Instant.now());
        out.println();
        out.println("Job " + job + ": " + done.path("LabelingJobStatus").asText());
        out.println("  label counters          " + done.path("LabelCounters"));
        out.printf("  single-worker accuracy  %.3f (%d answers from %d workers)%n", result.accuracy(),
                result.answers(), options.workers());
        out.printf("  consolidated accuracy   %.3f (%d objects, %d workers each)%n",
                lines == 0 ? 0.0 : (double) right / lines, lines, options.workersPerObject());
        out.printf("  wall time               %.1f s%n", wall.toMillis() / 1000.0);
        out.println("  output manifest         " + outputUri);
        runtime.localPath(outputUri).ifPresent(p -> out.println("                          " + p));
        return done.path("LabelingJobStatus").asText().equals("Completed") && lines == options.objects();
    }

    private ObjectNode jobRequest(String job, String bucket) {
        ObjectNode request = Json.object();
        request.put("LabelingJobName", job);
        request.put("LabelAttributeName", "category");
        request.putObject("InputConfig").putObject("DataSource").putObject("S3DataSource")
                .put("ManifestS3Uri", "s3://" + bucket + "/demo/" + job + "/dataset.manifest");
        request.putObject("OutputConfig").put("S3OutputPath", "s3://" + bucket + "/demo-output/");
        request.put("RoleArn", "arn:aws:iam::000000000000:role/verity-demo");
        request.put("LabelCategoryConfigS3Uri", "s3://" + bucket + "/demo/" + job + "/categories.json");
        ObjectNode human = request.putObject("HumanTaskConfig");
        human.put("WorkteamArn", "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/workers");
        human.putObject("UiConfig").put("UiTemplateS3Uri", "s3://" + bucket + "/templates/image-classification.html");
        human.put("PreHumanTaskLambdaArn", "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass");
        human.put("TaskTitle", "Which shape is it?");
        human.put("TaskDescription", "Choose the shape drawn in the picture");
        human.put("NumberOfHumanWorkersPerDataObject", options.workersPerObject());
        human.put("TaskTimeLimitInSeconds", 300);
        human.put("TaskAvailabilityLifetimeInSeconds", 3600);
        human.putObject("AnnotationConsolidationConfig").put("AnnotationConsolidationLambdaArn",
                "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass");
        return request;
    }

    /** Polls DescribeLabelingJob until the status is one of {@code statuses}, a terminal one, or time runs out. */
    static JsonNode waitFor(ApiClient requester, String job, Set<String> statuses, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = Json.object();
        while (Instant.now().isBefore(deadline)) {
            ApiClient.Response response = requester.get("/jobs/" + job);
            if (response.ok()) {
                last = response.body();
                String status = last.path("LabelingJobStatus").asText();
                if (statuses.contains(status) || Set.of("Completed", "Failed", "Stopped").contains(status)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        return last;
    }

    private static void put(S3Client s3, String bucket, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }
}
