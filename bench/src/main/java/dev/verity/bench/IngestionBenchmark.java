package dev.verity.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.CatalogProvisioner;
import dev.verity.aws.Environment;
import dev.verity.aws.Lazy;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.json.Json;
import dev.verity.labeling.DatasetRejectedException;
import dev.verity.labeling.DatasetService;
import dev.verity.labeling.JobLayout;
import dev.verity.manifest.S3Uri;
import dev.verity.store.DynamoJobStore;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.store.S3ObjectStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Manifest ingestion: a synthetic image manifest of {@code --lines} lines ({@link ImageManifest}) in the embedded S3,
 * read by PrepareDataset and SelectObjects ({@link DatasetService}, over the same S3 and DynamoDB adapters the Lambdas
 * use) for three jobs, selecting all objects, a 10% sample and a filter, each beside a bare Jackson parse of the same
 * object ({@link BareJsonParse}), after the same over a {@value #WARM_UP_LINES}-line manifest for the JIT; prints lines per second and peak heap of each and writes them as the
 * {@value #SECTION} section of {@code docs/benchmarks.md} ({@link IngestionReport}).
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -Xmx256m -cp bench/target/verity-bench-*.jar dev.verity.bench.IngestionBenchmark
 * </pre>
 *
 * <p>Run it with the heap bounded as a PrepareDataset Lambda's would be: the steps must then fit in it. The embedded
 * S3, SQS and Step Functions share the heap (DynamoDB runs in Node.js). Options: {@code --lines <n>} (default
 * {@value #LINES}), {@code --out <file>} (default {@code docs/benchmarks.md}; {@code -} prints only).
 */
public final class IngestionBenchmark {

    static final String COMMAND =
            "java -Xmx256m -cp bench/target/verity-bench-*.jar dev.verity.bench.IngestionBenchmark";
    static final String SECTION = "ingestion";
    static final int LINES = 1_000_000;
    static final long SEED = 13;
    private static final String BUCKET = "verity-data";
    private static final String ACCOUNT = "111122223333";
    private static final S3Uri MANIFEST = S3Uri.parse("s3://" + BUCKET + "/input/cameras.manifest");
    private static final S3Uri WARM_UP_MANIFEST = S3Uri.parse("s3://" + BUCKET + "/input/warm-up.manifest");
    private static final int WARM_UP_LINES = 100_000;
    private static final S3Uri CATEGORIES = S3Uri.parse("s3://" + BUCKET + "/input/categories.json");
    private static final String LABELS =
            "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"vehicle\"},{\"label\":\"none\"}]}";

    /** The three jobs' DataObjectSelection. */
    private static final Map<String, String> SELECTIONS = Map.of(
            "all",
            "{\"Mode\": \"All\"}",
            "10% sample",
            "{\"Mode\": \"RandomSample\", \"SamplePercentage\": 10, \"Seed\": 7}",
            "filter",
            Json.write(Json.object().put("Mode", "Filter").put("FilterQuery", ImageManifest.FILTER_QUERY)));

    private IngestionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int lines = ConsolidationBenchmark.option(args, "--lines")
                .map(Integer::parseInt)
                .orElse(LINES);
        String out = ConsolidationBenchmark.option(args, "--out").orElse(null);
        List<StepMeasurement> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long manifestBytes;
        try (Emulators emulators = Emulators.start()) {
            // The adapters read these as the Lambdas read their environment (see dev.verity.aws.Environment).
            emulators.endpointSettings().forEach(System::setProperty);
            System.setProperty("aws.region", Emulators.DEFAULT_REGION);
            System.setProperty("aws.accessKeyId", emulators.accessKeyId());
            System.setProperty("aws.secretAccessKey", emulators.secretAccessKey());
            AwsClients clients = new AwsClients(Environment.current());
            new CatalogProvisioner(clients).provision(BUCKET, ACCOUNT);
            ObjectStore objects = new S3ObjectStore(Lazy.of(clients::s3), Lazy.of(clients::s3Presigner));
            JobStore jobs = new DynamoJobStore(clients.dynamoDb(), Catalog.TABLE.name());
            DatasetService datasets =
                    new DatasetService(jobs, objects, JobLayout.CHUNK_SIZE, dev.verity.monitor.JobMonitor.NONE);

            objects.put(CATEGORIES, LABELS.getBytes(StandardCharsets.UTF_8), "application/json");
            manifestBytes = ImageManifest.write(objects.create(MANIFEST, "application/x-ndjson"), lines, SEED);
            System.out.printf(Locale.ROOT, "%,d lines (%,d bytes) in %s%n", lines, manifestBytes, MANIFEST);

            // Unreported: the same steps over a smaller manifest first, so no measured run pays for the JIT.
            ImageManifest.write(objects.create(WARM_UP_MANIFEST, "application/x-ndjson"), WARM_UP_LINES, SEED);
            System.out.printf(Locale.ROOT, "warm-up on %,d lines, not reported:%n", WARM_UP_LINES);
            new Jobs(jobs, objects, datasets).run("warm-up", WARM_UP_MANIFEST, new ArrayList<>(), new ArrayList<>());
            System.out.println("measured:");
            new Jobs(jobs, objects, datasets).run("ingest", MANIFEST, runs, notes);
        }
        String command = COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args));
        String section = IngestionReport.section(command, lines, manifestBytes, runs, notes);
        MarkdownSections.publish(out, SECTION, section);
    }

    /** One job per selection over a manifest, each measured beside a bare parse of it. */
    private record Jobs(JobStore jobs, ObjectStore objects, DatasetService datasets) {

        void run(String prefix, S3Uri manifest, List<StepMeasurement> runs, List<String> notes) throws Exception {
            int n = 0;
            for (String selection : List.of("all", "10% sample", "filter")) {
                String job = prefix + "-" + ++n;
                create(job, manifest, SELECTIONS.get(selection));
                runs.add(print(StepMeasurement.of(IngestionReport.BARE_PARSE, () -> {
                    try (InputStream in = objects.open(manifest).orElseThrow()) {
                        return BareJsonParse.countLines(in);
                    }
                })));
                runs.add(print(StepMeasurement.of(
                        "PrepareDataset", () -> datasets.prepare(job).datasetObjects())));
                runs.add(print(StepMeasurement.of("SelectObjects, " + selection, () -> {
                    try {
                        DatasetService.Selected selected = datasets.select(job);
                        notes.add(String.format(
                                Locale.ROOT, "%s: %,d objects selected", selection, selected.selectedObjects()));
                    } catch (DatasetRejectedException e) {
                        // still a whole pass: the job is refused once every object was read and written
                        notes.add(selection + ": the job was then refused, as Ground Truth does: " + e.getMessage());
                    }
                    return jobs.get(job).map(JobRecord::datasetObjects).orElseThrow();
                })));
            }
        }

        /** Stores an image-classification job over the manifest, as CreateLabelingJob would. */
        private void create(String job, S3Uri manifest, String selection) {
            ObjectNode request = (ObjectNode)
                    Json.parse("""
                    {
                      "LabelingJobName": "%s",
                      "LabelAttributeName": "vehicle",
                      "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "%s"}}},
                      "OutputConfig": {"S3OutputPath": "s3://%s/output/"},
                      "RoleArn": "arn:aws:iam::%s:role/verity-labeling",
                      "LabelCategoryConfigS3Uri": "%s",
                      "HumanTaskConfig": {
                        "WorkteamArn": "arn:aws:sagemaker:us-east-1:%s:workteam/private-crowd/cameras",
                        "UiConfig": {"UiTemplateS3Uri": "s3://%s/templates/t.liquid.html"},
                        "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
                        "TaskTitle": "Vehicle?",
                        "TaskDescription": "Is there a vehicle in the image?",
                        "NumberOfHumanWorkersPerDataObject": 3,
                        "TaskTimeLimitInSeconds": 300,
                        "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
                          "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"}
                      },
                      "DataObjectSelection": %s
                    }
                    """.formatted(job, manifest, BUCKET, ACCOUNT, CATEGORIES, ACCOUNT, BUCKET, selection));
            String arn = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":labeling-job/" + job;
            if (!jobs.create(JobRecord.created(job, arn, request, Json.parse(LABELS), Instant.now()))) {
                throw new IllegalStateException("job " + job + " exists already");
            }
        }
    }

    private static StepMeasurement print(StepMeasurement run) {
        System.out.printf(
                Locale.ROOT,
                "%-28s %,10d lines %7.2f s %,10.0f lines/s %7.2f CPU-s  peak heap %,d MiB (%,d after GC)%n",
                run.step(),
                run.lines(),
                run.seconds(),
                run.linesPerSecond(),
                run.cpuSeconds(),
                run.peakHeapBytes() >> 20,
                run.peakAfterGcBytes() >> 20);
        return run;
    }
}
