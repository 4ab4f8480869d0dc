package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.job.LabelingAlgorithms;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code verity} command: run Verity on this machine, try it, and work with its jobs. */
@Command(
        name = "verity",
        mixinStandardHelpOptions = true,
        // --help (and --version) on every subcommand too: `./verity demo --help`, `./verity jobs create --help`.
        scope = CommandLine.ScopeType.INHERIT,
        version = "verity 0.1.0",
        description = "Verity: serverless data labeling, running on this machine.",
        subcommands = {
            VerityCli.Up.class,
            VerityCli.DemoCommand.class,
            VerityCli.Sample.class,
            VerityCli.Jobs.class,
            VerityCli.Export.class,
            VerityCli.Import.class,
            VerityCli.Invoke.class
        })
public final class VerityCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code ./verity} alone: what it can do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /**
     * The state directory when {@code --state-dir} is not given: {@code $VERITY_STATE_DIR}, else {@code .verity}. The
     * variable points every command of a shell at one runtime (the README's commands at a test's runtime, say).
     */
    static final String STATE_DIR_DEFAULT = "${env:VERITY_STATE_DIR:-.verity}";

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@code ./verity} runs it: a failure is one line on stderr, {@code error: <what>}, never a
     * stack trace, and a mistyped command or option names the help that shows the right one.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VerityCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + CliErrors.describe(e));
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("error: " + CliErrors.firstLine(e.getMessage()));
            String suggestions = "";
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                    && !unmatched.getSuggestions().isEmpty()) {
                suggestions = " (did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?)";
            } else if (!command.getSubcommands().isEmpty()) {
                suggestions = " (its commands: "
                        + String.join(", ", command.getSubcommands().keySet()) + ")";
            }
            command.getErr()
                    .println("see: ./verity "
                            + (command.getCommandSpec().qualifiedName(" ").replaceFirst("^verity ?", "") + " --help")
                                    .trim()
                            + suggestions);
            return 2;
        });
        return cli;
    }

    /** Options every command that runs or finds the runtime shares. */
    static class StateOptions {
        @Option(
                names = "--state-dir",
                defaultValue = STATE_DIR_DEFAULT,
                description = "where Verity keeps its state (default: $VERITY_STATE_DIR, else .verity)")
        Path stateDir;

        @Option(names = "--port", defaultValue = "8700", description = "HTTP API port (default: ${DEFAULT-VALUE})")
        int port;

        @Option(
                names = "--function",
                paramLabel = "NAME=CLASS",
                description = "a function of your own (e.g. a custom task's pre-/post-annotation Lambda): its name "
                        + "and its handler class on the classpath; repeatable")
        Map<String, String> functions = new LinkedHashMap<>();

        @Option(
                names = "--web-root",
                paramLabel = "DIR",
                description = "serve the web UI from this folder (e.g. web/dist while you work on it) instead of the "
                        + "one built into the runtime")
        Path webRoot;

        @Option(
                names = "--dev-origin",
                paramLabel = "ORIGIN",
                description = "let pages of this origin call the API too (e.g. the Vite dev server's "
                        + "http://localhost:5173); only the runtime's own pages may otherwise; repeatable")
        List<String> devOrigins = new ArrayList<>();

        /** @param customLambdaPrefix null for the default */
        VerityRuntime.Options runtimeOptions(String customLambdaPrefix) {
            return new VerityRuntime.Options(stateDir, port, functions, webRoot, customLambdaPrefix, devOrigins);
        }
    }

    @Command(
            name = "up",
            description = "Start S3, SQS, DynamoDB, Step Functions, the functions and the HTTP API; Ctrl-C stops.")
    static final class Up implements Callable<Integer> {
        @CommandLine.Mixin
        StateOptions state = new StateOptions();

        @Option(
                names = "--custom-lambda-prefix",
                paramLabel = "PREFIX",
                description = "jobs may name only Lambdas (custom task types) whose names start with this, as the "
                        + "stack's -c customLambdaPrefix (default: verity-custom-)")
        String customLambdaPrefix;

        @Override
        public Integer call() throws Exception {
            CountDownLatch stopped = new CountDownLatch(1);
            VerityRuntime runtime = VerityRuntime.start(state.runtimeOptions(customLambdaPrefix));
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                runtime.close();
                                stopped.countDown();
                            },
                            "verity-shutdown"));
            runtime.printWelcome(System.out);
            stopped.await();
            return 0;
        }
    }

    @Command(
            name = "demo",
            description = "Start Verity, label a generated dataset whose truth is known with simulated "
                    + "workers, print the consolidated quality against the truth.")
    static final class DemoCommand implements Callable<Integer> {
        @CommandLine.Mixin
        StateOptions state = new StateOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--task-type",
                defaultValue = DemoTasks.DEFAULT,
                completionCandidates = DemoTasks.Names.class,
                description = "one of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        String taskType;

        @Option(names = "--objects", description = "objects to label (default: 300; 2000 with --auto-label)")
        Integer objects;

        @Option(
                names = "--auto-label",
                description =
                        "automated labeling: a model learns from the workers' labels and "
                                + "labels what it is sure of (image-classification or text-classification, at least 1250 objects)")
        boolean autoLabel;

        @Option(
                names = "--batch-size",
                defaultValue = "300",
                description = "with --auto-label, objects humans label per "
                        + "round (MaxConcurrentTaskCount; default: ${DEFAULT-VALUE})")
        int batchSize;

        @Option(names = "--workers", defaultValue = "5", description = "simulated workers (default: ${DEFAULT-VALUE})")
        int workers;

        @Option(
                names = "--workers-per-object",
                defaultValue = "3",
                description = "answers per object (default: ${DEFAULT-VALUE})")
        int workersPerObject;

        @Option(
                names = "--accuracy",
                defaultValue = "0.8",
                description = "each worker's accuracy (default: ${DEFAULT-VALUE})")
        double accuracy;

        @Option(names = "--seed", defaultValue = "1", description = "dataset seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws Exception {
            if (!DemoTasks.names().contains(taskType)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Invalid value for option '--task-type': '" + taskType + "'; choose one of: "
                                + String.join(", ", DemoTasks.names()));
            }
            if (workersPerObject > workers) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--workers-per-object (" + workersPerObject + ") cannot exceed --workers (" + workers + ")");
            }
            int count = objects != null ? objects : autoLabel ? 2000 : 300;
            if (autoLabel
                    && !List.of("image-classification", "text-classification").contains(taskType)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--auto-label works with --task-type " + "image-classification or text-classification, not "
                                + taskType);
            }
            if (autoLabel && count < LabelingAlgorithms.MIN_OBJECTS) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--auto-label needs at least "
                                + LabelingAlgorithms.MIN_OBJECTS
                                + " objects, as Ground Truth's automated labeling does; got "
                                + count);
            }
            if (batchSize < 1 || batchSize > 5000) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--batch-size must be between 1 and 5000, got " + batchSize);
            }
            try (VerityRuntime runtime = VerityRuntime.start(state.runtimeOptions(null))) {
                runtime.printWelcome(System.out);
                boolean ok = new Demo(
                                runtime,
                                new Demo.Options(
                                        taskType,
                                        count,
                                        workers,
                                        workersPerObject,
                                        accuracy,
                                        seed,
                                        autoLabel ? batchSize : 0),
                                System.out)
                        .run();
                return ok ? 0 : 1;
            }
        }
    }

    @Command(
            name = "sample",
            description = "Stage the sample data in the running Verity's S3: events/sample-data/ (6 images of cats "
                    + "and dogs, their manifest and labels) goes to bucket verity-data under the same keys. Then "
                    + "create the job sample-animals with: jobs create events/create-job.json")
    static final class Sample implements Callable<Integer> {
        static final Path DEFAULT_FOLDER = Path.of("events", "sample-data");

        @Option(
                names = "--state-dir",
                defaultValue = STATE_DIR_DEFAULT,
                description = "state directory of the running Verity (default: $VERITY_STATE_DIR, else .verity)")
        Path stateDir;

        @Option(
                names = "--from",
                paramLabel = "DIR",
                description = "the folder to upload, laid out as the bucket (default: ${DEFAULT-VALUE})")
        Path folder = DEFAULT_FOLDER;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(folder)) {
                System.err.println("error: no folder " + folder + " here: run ./verity sample from the Verity "
                        + "repository's folder, or name the folder with --from DIR");
                return 1;
            }
            JsonNode info = RuntimeInfo.read(stateDir);
            String bucket = info.path("bucket").asText(VerityRuntime.BUCKET);
            List<Path> files;
            try (var walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            try (var s3 = LocalAws.clients(info).s3()) {
                for (Path f : files) {
                    String key = folder.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                    s3.putObject(
                            b -> b.bucket(bucket).key(key).contentType(contentType(key)),
                            software.amazon.awssdk.core.sync.RequestBody.fromFile(f));
                    System.out.println("s3://" + bucket + "/" + key);
                }
            }
            System.out.println(
                    "staged " + files.size() + " objects; next: ./verity jobs create events/create-job.json");
            return 0;
        }

        static String contentType(String key) {
            String name = key.toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".png")) {
                return "image/png";
            } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
                return "image/jpeg";
            } else if (name.endsWith(".json")) {
                return "application/json";
            } else if (name.endsWith(".html")) {
                return "text/html";
            } else if (name.endsWith(".manifest") || name.endsWith(".jsonl")) {
                return "application/x-ndjson";
            }
            return "application/octet-stream";
        }
    }

    @Command(
            name = "jobs",
            description = "Create, list, describe, stop and resume labeling jobs on the running Verity.",
            subcommands = {
                Jobs.Create.class,
                Jobs.ListJobs.class,
                Jobs.Describe.class,
                Jobs.Stop.class,
                Jobs.Resume.class
            })
    static final class Jobs implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
        }

        static class Connection {
            @Option(
                    names = "--state-dir",
                    defaultValue = STATE_DIR_DEFAULT,
                    description = "state directory of the running Verity (default: $VERITY_STATE_DIR, else .verity)")
            Path stateDir;

            @Option(names = "--json", description = "print the API's JSON answer")
            boolean json;

            ApiClient requester() throws IOException {
                JsonNode info = RuntimeInfo.read(stateDir);
                return new ApiClient(
                        URI.create(info.get("apiUrl").asText()),
                        info.get("requesterToken").asText());
            }

            int print(ApiClient.Response response, java.util.function.Consumer<JsonNode> table) {
                if (!response.ok()) {
                    System.err.println("error: HTTP " + response.status() + " "
                            + response.body().path("error").asText() + ": "
                            + response.body().path("message").asText());
                    return 1;
                }
                if (json) {
                    System.out.println(response.body().toPrettyString());
                } else {
                    table.accept(response.body());
                }
                return 0;
            }
        }

        @Command(
                name = "create",
                description = "Create a job from a CreateLabelingJob request file, e.g. events/create-job.json (the "
                        + "sample job; stage its data first with ./verity sample). An API Gateway event file "
                        + "(events/api-create-job.json) gives the request its body holds.")
        static final class Create implements Callable<Integer> {
            @CommandLine.Mixin
            Connection connection = new Connection();

            @Parameters(paramLabel = "FILE.json")
            Path file;

            @Override
            public Integer call() throws IOException {
                JsonNode request = CliErrors.readJson(file);
                if (CreateLabelingJobRequest.isApiGatewayEvent(request)) {
                    System.err.println("note: " + file + " is an API Gateway event ("
                            + request.path("routeKey").asText("the HTTP API's") + "); creating the job from its body");
                    request = ApiGatewayEvents.body(request, file);
                }
                return connection.print(
                        connection.requester().post("/jobs", request),
                        body -> System.out.println(body.path("LabelingJobArn").asText()));
            }
        }

        @Command(name = "list", description = "List jobs, newest first.")
        static final class ListJobs implements Callable<Integer> {
            @CommandLine.Mixin
            Connection connection = new Connection();

            @Override
            public Integer call() throws IOException {
                return connection.print(connection.requester().get("/jobs?maxResults=100"), body -> {
                    System.out.printf("%-40s %-12s %8s %8s%n", "NAME", "STATUS", "LABELED", "PENDING");
                    for (JsonNode job : body.path("LabelingJobSummaryList")) {
                        System.out.printf(
                                "%-40s %-12s %8d %8d%n",
                                job.path("LabelingJobName").asText(),
                                job.path("LabelingJobStatus").asText(),
                                job.at("/LabelCounters/TotalLabeled").asLong(),
                                job.at("/LabelCounters/Unlabeled").asLong());
                    }
                });
            }
        }

        @Command(name = "describe", description = "Describe a job (DescribeLabelingJob).")
        static final class Describe implements Callable<Integer> {
            @CommandLine.Mixin
            Connection connection = new Connection();

            @Parameters(paramLabel = "NAME")
            String name;

            @Override
            public Integer call() throws IOException {
                return connection.print(connection.requester().get("/jobs/" + name), body -> {
                    for (String field :
                            new String[] {"LabelingJobName", "LabelingJobStatus", "FailureReason", "LabelAttributeName"
                            }) {
                        if (body.has(field)) {
                            System.out.printf(
                                    "%-24s %s%n", field, body.get(field).asText());
                        }
                    }
                    Iterator<Map.Entry<String, JsonNode>> counters =
                            body.path("LabelCounters").fields();
                    counters.forEachRemaining(c -> System.out.printf("%-24s %s%n", c.getKey(), c.getValue()));
                    if (body.has("LabelingJobOutput")) {
                        System.out.printf(
                                "%-24s %s%n",
                                "OutputDatasetS3Uri",
                                body.at("/LabelingJobOutput/OutputDatasetS3Uri").asText());
                    }
                });
            }
        }

        /** {@code POST /jobs/NAME/<action>}, answered with one line. */
        abstract static class JobAction implements Callable<Integer> {
            @CommandLine.Mixin
            Connection connection = new Connection();

            @Parameters(paramLabel = "NAME")
            String name;

            private final String action;
            private final String doing;

            JobAction(String action, String doing) {
                this.action = action;
                this.doing = doing;
            }

            @Override
            public Integer call() throws IOException {
                return connection.print(
                        connection.requester().post("/jobs/" + name + "/" + action, null),
                        body -> System.out.println(doing + " " + name));
            }
        }

        @Command(name = "stop", description = "Stop a job; what was answered so far is consolidated and written.")
        static final class Stop extends JobAction {
            Stop() {
                super("stop", "stopping");
            }
        }

        @Command(
                name = "resume",
                description = "Resume a job that failed after its human work (consolidating or "
                        + "writing the output): it starts again from consolidation, with every answer.")
        static final class Resume extends JobAction {
            Resume() {
                super("resume", "resuming");
            }
        }
    }

    @Command(
            name = "export",
            description = "Export a job's labels to a training format (GET /jobs/NAME/export): the file is written "
                    + "under the job's output prefix (exports/<format>/) and downloaded here; --url prints its "
                    + "presigned URL instead. Formats: coco, yolo and voc (bounding boxes; yolo and voc are zips), "
                    + "coco (semantic segmentation), conll and spacy (named entities), csv (classification and "
                    + "verification).")
    static final class Export implements Callable<Integer> {
        @CommandLine.Mixin
        Jobs.Connection connection = new Jobs.Connection();

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(
                names = "--format",
                required = true,
                description = "coco, yolo, voc, conll, spacy or csv (those that apply to the job's task type)")
        String format;

        @Option(
                names = "--masks",
                paramLabel = "rle|polygons",
                description = "COCO exports of semantic-segmentation masks: rle (the default) or polygons")
        String masks;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "PATH",
                description = "where to save the download (default: the export's file name, e.g. "
                        + "NAME-coco-annotations.json, in the current folder)")
        Path output;

        @Option(names = "--url", description = "print the presigned URL (valid for an hour) instead of downloading")
        boolean urlOnly;

        @Override
        public Integer call() throws Exception {
            String query = "?format=" + java.net.URLEncoder.encode(format, java.nio.charset.StandardCharsets.UTF_8)
                    + (masks == null
                            ? ""
                            : "&masks=" + java.net.URLEncoder.encode(masks, java.nio.charset.StandardCharsets.UTF_8));
            ApiClient.Response response = connection.requester().get("/jobs/" + name + "/export" + query);
            if (!response.ok() || connection.json || urlOnly) {
                return connection.print(
                        response, body -> System.out.println(body.path("url").asText()));
            }
            JsonNode body = response.body();
            Path target =
                    output != null ? output : Path.of(body.path("fileName").asText());
            java.net.http.HttpResponse<Path> download = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            URI.create(body.path("url").asText()))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofFile(target));
            if (download.statusCode() != 200) {
                System.err.println(
                        "error: downloading " + body.path("s3Uri").asText() + ": HTTP " + download.statusCode());
                return 1;
            }
            System.out.printf(
                    "%s: %d objects (%d lines without a label left out), written to %s, saved as %s%n",
                    body.path("format").asText(),
                    body.path("objects").asLong(),
                    body.path("skipped").asLong(),
                    body.path("s3Uri").asText(),
                    target);
            return 0;
        }
    }

    @Command(
            name = "import",
            description = "Import bounding boxes made elsewhere as pre-labels (POST /datasets/import): a COCO JSON "
                    + "file, a YOLO zip (data.yaml, labels/<image>.txt) or a VOC zip (<image>.xml), here or at an "
                    + "s3:// URI, and the S3 prefix of its images become a manifest of Ground Truth bounding-box "
                    + "labels and a label category file, for an adjustment or verification job. A local file is "
                    + "uploaded first (POST /uploads, under uploads/cli-import-<time>/). Prints the manifest's S3 URI "
                    + "and the label category file's.")
    static final class Import implements Callable<Integer> {
        @CommandLine.Mixin
        Jobs.Connection connection = new Jobs.Connection();

        @Parameters(paramLabel = "FILE", description = "the annotations: a local path or an s3:// URI")
        String file;

        @Option(names = "--format", required = true, description = "coco, yolo or voc")
        String format;

        @Option(
                names = "--images",
                required = true,
                paramLabel = "S3_PREFIX",
                description = "where the images are (s3://bucket/prefix/): the annotations' file names are read "
                        + "under it")
        String images;

        @Option(
                names = "--label-attribute",
                defaultValue = "prelabels",
                description = "the attribute the manifest's lines hold the boxes under; an adjustment job's own "
                        + "attribute must differ (default: ${DEFAULT-VALUE})")
        String labelAttribute;

        @Option(
                names = "--manifest",
                paramLabel = "S3_URI",
                description = "where to write the manifest (default: next to the annotations, <name>.manifest)")
        String manifest;

        @Override
        public Integer call() throws Exception {
            ApiClient requester = connection.requester();
            String annotations = file;
            if (!file.startsWith("s3://")) {
                Path local = Path.of(file);
                if (!Files.isRegularFile(local)) {
                    System.err.println("error: no file " + local);
                    return 1;
                }
                ApiClient.Response uploaded = upload(requester, local);
                if (!uploaded.ok()) {
                    return connection.print(uploaded, body -> {});
                }
                annotations = uploaded.body().path("s3Uri").asText();
            }
            var request = Json.object()
                    .put("format", format)
                    .put("annotationsS3Uri", annotations)
                    .put("imagesS3Prefix", images)
                    .put("labelAttributeName", labelAttribute);
            if (manifest != null) {
                request.put("manifestS3Uri", manifest);
            }
            return connection.print(requester.post("/datasets/import", request), body -> {
                System.out.printf(
                        "%-26s %s%n",
                        "manifestS3Uri", body.path("manifestS3Uri").asText());
                if (body.hasNonNull("labelCategoryConfigS3Uri")) {
                    System.out.printf(
                            "%-26s %s%n",
                            "labelCategoryConfigS3Uri",
                            body.path("labelCategoryConfigS3Uri").asText());
                }
                System.out.printf(
                        "%d images, %d boxes under \"%s\"; categories: %s%n",
                        body.path("images").asLong(),
                        body.path("boxes").asLong(),
                        body.path("labelAttributeName").asText(),
                        String.join(", ", texts(body.path("categories"))));
                for (String skipped : texts(body.path("skipped"))) {
                    System.out.println("skipped: " + skipped);
                }
            });
        }

        /**
         * PUTs the file to the data bucket through the upload API's presigned URL; answers the ticket (its s3Uri) or
         * the API's refusal.
         */
        private static ApiClient.Response upload(ApiClient requester, Path local) throws Exception {
            String name = local.getFileName().toString();
            String contentType =
                    name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? "application/zip" : "application/json";
            String folder = "uploads/cli-import-"
                    + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                            .withZone(java.time.ZoneOffset.UTC)
                            .format(java.time.Instant.now())
                    + "/";
            var request = Json.object().put("prefix", folder);
            request.putArray("files").addObject().put("name", name).put("contentType", contentType);
            ApiClient.Response response = requester.post("/uploads", request);
            if (!response.ok()) {
                return response;
            }
            JsonNode ticket = response.body().path("uploads").path(0);
            var put = java.net.http.HttpRequest.newBuilder(
                            URI.create(ticket.path("url").asText()))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofFile(local));
            ticket.path("headers").fields().forEachRemaining(h -> {
                if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                    put.header(h.getKey(), h.getValue().asText());
                }
            });
            java.net.http.HttpResponse<String> stored = java.net.http.HttpClient.newHttpClient()
                    .send(put.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (stored.statusCode() / 100 != 2) {
                var refused = Json.object()
                        .put("error", "UploadFailed")
                        .put("message", "PUT " + name + ": HTTP " + stored.statusCode() + " " + stored.body());
                return new ApiClient.Response(stored.statusCode(), refused);
            }
            return new ApiClient.Response(200, ticket);
        }

        private static List<String> texts(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    @Command(
            name = "invoke",
            description = "Run one function of the running Verity on an event file, e.g. prepare-dataset "
                    + "events/sfn-prepare-dataset.json (the events and what each needs: events/README.md)")
    static final class Invoke implements Callable<Integer> {
        @Option(
                names = "--state-dir",
                defaultValue = STATE_DIR_DEFAULT,
                description = "state directory of the running Verity (default: $VERITY_STATE_DIR, else .verity)")
        Path stateDir;

        @Parameters(index = "0", paramLabel = "FUNCTION", description = "a catalog function, e.g. prepare-dataset")
        String function;

        @Parameters(index = "1", paramLabel = "EVENT.json")
        Path event;

        @Option(
                names = "--json",
                description = "when the function fails, print what Lambda would answer "
                        + "({\"errorMessage\", \"errorType\", \"stackTrace\"}) instead of one line")
        boolean json;

        @Override
        public Integer call() throws IOException {
            String payload = CliErrors.readJson(event).toString();
            JsonNode info = RuntimeInfo.read(stateDir);
            LocalAws.useRuntime(info);
            LambdaRunner runner = new LambdaRunner(info.path("region").asText("us-east-1"), RuntimeInfo.ACCOUNT_ID);
            try {
                String answer = runner.invoke(function, payload);
                System.out.println(
                        answer.isBlank() ? "(no answer)" : Json.parse(answer).toPrettyString());
                return 0;
            } catch (LambdaFunctionException e) {
                if (json) {
                    System.out.println(Json.parse(e.toCauseJson()).toPrettyString()); // what Lambda would answer
                } else {
                    System.err.println("error: " + function + " failed: " + CliErrors.invocationFailure(e, payload));
                }
                return 1;
            }
        }
    }
}
