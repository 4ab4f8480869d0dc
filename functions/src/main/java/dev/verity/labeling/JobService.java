package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.catalog.Catalog;
import dev.verity.consolidation.WorkerModel;
import dev.verity.job.ConflictException;
import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingAlgorithms;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.NotFoundException;
import dev.verity.job.Violation;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.monitor.JobMonitor;
import dev.verity.selection.Selection;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.store.ObjectUnreadableException;
import dev.verity.tasktype.TaskType;
import dev.verity.tasktype.TaskTypes;
import dev.verity.workflow.Workflow;
import dev.verity.workforce.TeamService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Creating, describing, listing and stopping labeling jobs: SageMaker's job API. */
public final class JobService {

    private static final String MANIFEST_FIELD = "InputConfig.DataSource.S3DataSource.ManifestS3Uri";

    private final JobStore jobs;
    private final ObjectStore objects;
    private final Workflow workflow;
    private final TeamService teams;
    private final Clock clock;
    private final String region;
    private final String customLambdaPrefix;
    private final JobMonitor monitor;

    /**
     * @param customLambdaPrefix the prefix a custom task type's Lambdas must be named with (the deployment's setting,
     *                           {@link Catalog#ENV_CUSTOM_LAMBDA_PREFIX})
     */
    public JobService(
            JobStore jobs,
            ObjectStore objects,
            Workflow workflow,
            TeamService teams,
            Clock clock,
            String region,
            String customLambdaPrefix,
            JobMonitor monitor) {
        this.monitor = monitor;
        this.jobs = jobs;
        this.objects = objects;
        this.workflow = workflow;
        this.teams = teams;
        this.clock = clock;
        this.region = region;
        this.customLambdaPrefix = customLambdaPrefix;
    }

    /**
     * Validates the CreateLabelingJob request, stores the job and starts its workflow. Repeating an identical
     * request is a no-op that answers the same ARN (so retried uploads and POSTs never make a second job).
     *
     * @return the job's ARN
     * @throws InvalidRequestException naming every problem
     * @throws ConflictException if another job has that name
     */
    public String create(JsonNode requestJson, String accountId) {
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(requestJson);
        // Verity calls these Lambdas with its own role: only those named under the deployment's prefix.
        List<Violation> violations = new ArrayList<>(request.customLambdaViolations(customLambdaPrefix));
        teams.jobTeamProblem(request.humanTaskConfig().workteamArn())
                .ifPresent(problem -> violations.add(new Violation("HumanTaskConfig.WorkteamArn", problem)));
        TaskType taskType = null;
        try {
            taskType = TaskTypes.of(request.taskTypeName());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("HumanTaskConfig.PreHumanTaskLambdaArn", e.getMessage()));
        }
        if (taskType != null) {
            taskType.checkLabelAttributeName(request.labelAttributeName())
                    .ifPresent(problem -> violations.add(new Violation("LabelAttributeName", problem)));
            if (request.goldStandard() != null && !taskType.supportsGold()) {
                violations.add(
                        new Violation("GoldStandard", "task type " + taskType.name() + " takes no gold questions yet"));
            }
            if (request.consolidationMethod() != null && !taskType.choosesConsolidationMethod()) {
                violations.add(new Violation(
                        "ConsolidationMethod",
                        "task type " + taskType.name() + " has one consolidation; the method is chosen for "
                                + "single-label classification and bounding-box verification only"));
            }
        }
        Selection selection = null;
        try {
            selection = Selection.fromConfig(request.dataObjectSelection());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("", e.getMessage())); // the message starts with the field it names
        }
        boolean manifestExists = false;
        if (request.manifestS3Uri() != null) { // a streaming job may have none
            try {
                manifestExists = exists(S3Uri.parse(request.manifestS3Uri()));
                if (!manifestExists) {
                    violations.add(new Violation(MANIFEST_FIELD, "no object at " + request.manifestS3Uri()));
                }
            } catch (ObjectUnreadableException e) {
                violations.add(new Violation(MANIFEST_FIELD, e.getMessage()));
            }
        }
        topicProblem(request.inputTopicArn(), accountId)
                .ifPresent(problem ->
                        violations.add(new Violation("InputConfig.DataSource.SnsDataSource.SnsTopicArn", problem)));
        topicProblem(request.outputConfig().snsTopicArn(), accountId)
                .ifPresent(problem -> violations.add(new Violation("OutputConfig.SnsTopicArn", problem)));
        JsonNode categories = taskType == null ? null : readCategories(request, taskType, violations);
        if (request.autoLabels()) {
            checkAutoLabelingSize(request, selection, manifestExists, violations);
            String initialModel = request.labelingJobAlgorithmsConfig().initialActiveLearningModelArn();
            if (initialModel != null && taskType != null && categories != null) {
                checkInitialModel(initialModel, taskType, categories, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }

        String name = request.labelingJobName();
        String arn = "arn:aws:sagemaker:" + region + ":" + accountId + ":labeling-job/" + name.toLowerCase(Locale.ROOT);
        ObjectNode normalized = request.toJson();
        JobRecord created = JobRecord.created(name, arn, normalized, categories, clock.instant());
        if (jobs.create(created)) {
            monitor.statusChanged(created);
        } else {
            JobRecord existing = jobs.get(name).orElseThrow();
            if (!existing.request().equals(normalized)) {
                throw new ConflictException("a labeling job named '" + existing.name()
                        + "' exists already (job names are unique, ignoring case)");
            }
            arn = existing.arn();
            name = existing.name();
        }
        ObjectNode input = Json.object()
                .put("jobName", name)
                .put(
                        "taskAvailabilityLifetimeInSeconds",
                        request.humanTaskConfig().taskAvailabilityLifetimeInSeconds());
        if (request.streaming()) {
            input.put("streaming", true);
        }
        workflow.start(name, input);
        return arn;
    }

    /**
     * Verity subscribes to a streaming job's input topic and publishes to its output topic with its own roles, which
     * may use this account's topics in this Region only, and none of Verity's own (its work teams' and requesters'
     * notices): a job naming one of those could read or send what it should not.
     */
    private Optional<String> topicProblem(String topicArn, String accountId) {
        if (topicArn == null) {
            return Optional.empty();
        }
        String[] parts = topicArn.split(":", 6);
        if (parts.length < 6 || !parts[3].equals(region) || !parts[4].equals(accountId)) {
            return Optional.of(
                    "must be a topic of this account (" + accountId + ") in " + region + ", got " + topicArn);
        }
        if (parts[5].startsWith(Catalog.FUNCTION_NAME_PREFIX)) {
            return Optional.of("names one of Verity's own topics (\"" + parts[5] + "\"); use a topic of your own");
        }
        return Optional.empty();
    }

    /**
     * Ground Truth's rule: automated labeling needs at least {@value LabelingAlgorithms#MIN_OBJECTS} objects. A sample
     * size below it, or a manifest with fewer lines, is refused here (the manifest is read only that far); a filter or
     * a percentage that selects too few fails the job when the objects are selected.
     */
    private void checkAutoLabelingSize(
            CreateLabelingJobRequest request, Selection selection, boolean manifestExists, List<Violation> violations) {
        int minimum = LabelingAlgorithms.MIN_OBJECTS;
        if (selection instanceof Selection.RandomSample sample && sample.count() != null && sample.count() < minimum) {
            violations.add(new Violation(
                    "DataObjectSelection.SampleSize",
                    "automated data labeling needs at least " + minimum + " objects, so a sample of " + sample.count()
                            + " is too small"));
        }
        if (manifestExists) {
            long lines = countLines(S3Uri.parse(request.manifestS3Uri()), minimum);
            if (lines < minimum) {
                violations.add(new Violation(
                        MANIFEST_FIELD,
                        "automated data labeling needs at least " + minimum + " objects; the manifest has " + lines
                                + " lines"));
            }
        }
    }

    /** Non-blank lines of an object, counted up to {@code limit} (the rest is not read). */
    private long countLines(S3Uri uri, long limit) {
        try (InputStream in = objects.open(uri).orElseThrow()) {
            byte[] buffer = new byte[64 * 1024];
            long lines = 0;
            boolean content = false;
            for (int n = in.read(buffer); n >= 0 && lines < limit; n = in.read(buffer)) {
                for (int i = 0; i < n && lines < limit; i++) {
                    if (buffer[i] == '\n') {
                        lines += content ? 1 : 0;
                        content = false;
                    } else if (!Character.isWhitespace(buffer[i])) {
                        content = true;
                    }
                }
            }
            return lines + (content ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An initial model must be one a Verity job trained, for the same kind of data and the same labels, so that its
     * class indices mean this job's classes.
     */
    private void checkInitialModel(String arn, TaskType taskType, JsonNode categoriesJson, List<Violation> violations) {
        String field = "LabelingJobAlgorithmsConfig.InitialActiveLearningModelArn";
        Optional<ModelArn> model = ModelArn.parse(arn);
        if (model.isEmpty()) {
            violations.add(new Violation(
                    field,
                    "is not a model Verity trained (a job's "
                            + "LabelingJobOutput.FinalActiveLearningModelArn, …:model/<job>-iteration-<n>)"));
            return;
        }
        Optional<JobRecord> earlier = jobs.get(model.get().jobName());
        Optional<JsonNode> info =
                earlier.flatMap(job -> readJson(JobLayout.of(CreateLabelingJobRequest.parse(job.request()))
                        .modelInfo(model.get().iteration())));
        if (info.isEmpty()) {
            violations.add(new Violation(
                    field,
                    "no model at " + arn + ": no job named '" + model.get().jobName() + "' trained a model in round "
                            + model.get().iteration()));
            return;
        }
        String kind = info.get().path("dataKind").asText();
        String wanted = taskType.autoLabeling().map(a -> a.dataKind().name()).orElse("");
        List<String> modelLabels = Json.MAPPER.convertValue(
                info.get().path("labels"),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        List<String> jobLabels =
                LabelCategoryConfig.parse(categoriesJson, taskType.minLabels()).labelNames();
        if (!kind.equals(wanted)) {
            violations.add(new Violation(
                    field,
                    "the model labels " + kind.toLowerCase(Locale.ROOT)
                            + " objects; this job's task type " + taskType.name() + " has "
                            + wanted.toLowerCase(Locale.ROOT) + " objects"));
        } else if (!modelLabels.equals(jobLabels)) {
            violations.add(new Violation(
                    field,
                    "the model predicts the labels " + modelLabels + " but this job's labels are " + jobLabels
                            + "; they must be the same, in the same order"));
        }
    }

    private Optional<JsonNode> readJson(S3Uri uri) {
        try {
            Optional<InputStream> in = objects.open(uri);
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream stream = in.get()) {
                return Optional.of(Json.MAPPER.readTree(stream));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(S3Uri uri) {
        try {
            return objects.exists(uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readCategories(CreateLabelingJobRequest request, TaskType taskType, List<Violation> violations) {
        String uri = request.labelCategoryConfigS3Uri();
        if (uri == null) {
            if (taskType.minLabels() > 0) {
                violations.add(new Violation(
                        "LabelCategoryConfigS3Uri",
                        "is required for task type "
                                + taskType.name() + " (a label category configuration file with at least "
                                + taskType.minLabels() + " labels)"));
            }
            return null;
        }
        try {
            Optional<InputStream> in = objects.open(S3Uri.parse(uri));
            if (in.isEmpty()) {
                violations.add(new Violation("LabelCategoryConfigS3Uri", "no object at " + uri));
                return null;
            }
            JsonNode json;
            try (InputStream stream = in.get()) {
                json = Json.MAPPER.readTree(stream);
            }
            taskType.checkCategories(LabelCategoryConfig.parse(json, taskType.minLabels()))
                    .ifPresent(problem -> violations.add(new Violation("LabelCategoryConfigS3Uri", problem)));
            return json;
        } catch (InvalidRequestException e) {
            e.violations()
                    .forEach(v -> violations.add(new Violation(
                            "LabelCategoryConfigS3Uri(" + uri + ")" + (v.field().isEmpty() ? "" : "." + v.field()),
                            v.message())));
        } catch (IOException e) {
            violations.add(new Violation("LabelCategoryConfigS3Uri", "is not valid JSON: " + e.getMessage()));
        } catch (ObjectUnreadableException e) {
            violations.add(new Violation("LabelCategoryConfigS3Uri", e.getMessage()));
        }
        return null;
    }

    /** The job in full, as DescribeLabelingJob gives it. */
    public JobDescription describe(String name) {
        JobRecord job = jobs.get(name).orElseThrow(() -> notFound(name));
        return new JobDescription(
                summary(job), job.request(), jobReferenceCode(job), job.datasetObjects(), job.rejectedLines());
    }

    static String jobReferenceCode(JobRecord job) {
        return job.arn().substring(job.arn().lastIndexOf('/') + 1) + "-"
                + job.createdAt().toEpochMilli();
    }

    /** One page of jobs, newest first, as ListLabelingJobs gives them. */
    public JobPage list(int maxResults, String nextToken, String statusEquals) {
        if (maxResults < 1 || maxResults > 100) {
            throw new InvalidRequestException(List.of(new Violation("MaxResults", "must be between 1 and 100")));
        }
        Optional<LabelingJobStatus> status = Optional.ofNullable(statusEquals).map(s -> {
            try {
                return LabelingJobStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(List.of(new Violation(
                        "StatusEquals", "'" + s + "' is not one of " + List.of(LabelingJobStatus.values()))));
            }
        });
        JobStore.Page page;
        try {
            page = jobs.list(maxResults, nextToken, status.orElse(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new Violation("NextToken", e.getMessage())));
        }
        return new JobPage(page.jobs().stream().map(JobService::summary).toList(), page.nextPageToken());
    }

    /** Per-worker answers and gold-question scores, final once the job's output is written. */
    public WorkerReport workers(String name) {
        JobContext job = JobContext.load(jobs, name);
        try {
            WorkerTally tally = new WorkerTally();
            Optional<InputStream> report = objects.open(job.layout().workerReport());
            if (report.isEmpty()) {
                // Gold questions are scored when the answers are consolidated, so a live tally has none.
                for (var answer : jobs.submittedAnswers(job.name(), 0, Long.MAX_VALUE)) {
                    tally.answer(answer.workerId());
                }
            } else {
                try (InputStream in = report.get()) {
                    tally.merge(Json.MAPPER.readTree(in));
                }
            }
            Optional<WorkerModel> model = workerModel(job);
            List<WorkerReport.Figures> figures = tally.figures().stream()
                    .map(f -> model.map(m -> withEstimatedAccuracy(f, m)).orElse(f))
                    .toList();
            return new WorkerReport(job.name(), report.isPresent(), figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's Dawid–Skene worker model, for jobs whose task type has one. */
    private Optional<WorkerModel> workerModel(JobContext job) throws IOException {
        Optional<InputStream> stored = objects.open(job.layout().workerModel());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = stored.get()) {
            return Optional.of(WorkerModel.fromJson(Json.MAPPER.readTree(in)));
        }
    }

    private static WorkerReport.Figures withEstimatedAccuracy(WorkerReport.Figures figures, WorkerModel model) {
        double accuracy = model.accuracyOf(figures.workerId());
        return Double.isNaN(accuracy)
                ? figures
                : new WorkerReport.Figures(
                        figures.workerId(),
                        figures.answers(),
                        figures.goldAnswered(),
                        figures.goldCorrect(),
                        figures.goldAccuracy(),
                        BigDecimal.valueOf(accuracy).setScale(4, RoundingMode.HALF_UP));
    }

    /**
     * Stops a running job: no more tasks are handed out, the answers received so far are consolidated and written.
     * Stopping a job that is stopping already is a no-op.
     */
    public void stop(String name) {
        JobRecord job = jobs.get(name).orElseThrow(() -> notFound(name));
        if (job.status() == LabelingJobStatus.Stopping) {
            return;
        }
        if (!jobs.transition(
                job.name(),
                EnumSet.of(LabelingJobStatus.Initializing, LabelingJobStatus.InProgress),
                LabelingJobStatus.Stopping,
                null)) {
            throw new ConflictException("labeling job '" + job.name() + "' has status "
                    + jobs.get(name).map(JobRecord::status).orElse(job.status()) + " and cannot be stopped");
        }
        jobs.get(job.name()).ifPresent(monitor::statusChanged);
        if (job.taskToken() != null) {
            workflow.resume(job.taskToken(), Json.object().put("stopped", true));
        }
    }

    /**
     * Resumes a job that failed after its human work (in consolidation or writing the output): every answer is kept
     * in the job store, so a new execution of the workflow starts at EstimateWorkers, as the human phase left it, and
     * repeats the steps after it, which are idempotent. The execution is named after the job and the time, since the
     * failed one keeps the job's name.
     */
    public void resume(String name) {
        JobRecord job = jobs.get(name).orElseThrow(() -> notFound(name));
        if (job.status() != LabelingJobStatus.Failed) {
            throw new ConflictException("labeling job '" + job.name() + "' has status " + job.status()
                    + "; only a failed job can be resumed");
        }
        if (job.batch() < 1) {
            throw new ConflictException("labeling job '" + job.name() + "' failed before any task was sent to "
                    + "workers (" + job.failureReason() + "); there is nothing to resume: fix the cause and create it"
                    + " again");
        }
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(job.request());
        if (request.autoLabels()) {
            throw new ConflictException("resuming a job with automated labeling is not supported yet");
        }
        if (request.streaming()) {
            throw new ConflictException("resuming a streaming job is not supported yet: create it again with the same"
                    + " input topic (objects already labeled are not de-duplicated across jobs)");
        }
        if (!jobs.transition(job.name(), EnumSet.of(LabelingJobStatus.Failed), LabelingJobStatus.InProgress, null)) {
            throw new ConflictException("labeling job '" + job.name() + "' is being resumed already");
        }
        jobs.get(job.name()).ifPresent(monitor::statusChanged);
        ObjectNode input = Json.object()
                .put("jobName", job.name())
                .put(
                        "taskAvailabilityLifetimeInSeconds",
                        request.humanTaskConfig().taskAvailabilityLifetimeInSeconds());
        ObjectNode resume = input.putObject("resume");
        ObjectNode selected = resume.putObject("selected")
                .put("selectedObjects", job.selectedObjects())
                .put("autoLabel", false);
        for (int chunk = 0; chunk < job.chunkCount(); chunk++) {
            selected.withArray("chunks").add(chunk);
        }
        selected.withArray("chunks");
        resume.putObject("activeLearning")
                .put("iteration", 0)
                .put("humanObjects", 0)
                .put("done", true);
        workflow.start(job.name() + "-resume-" + Long.toString(clock.millis(), 36), input);
    }

    static JobSummary summary(JobRecord job) {
        JsonNode human = job.request().path("HumanTaskConfig");
        JsonNode acs = human.path("AnnotationConsolidationConfig").path("AnnotationConsolidationLambdaArn");
        return new JobSummary(
                job.name(),
                job.arn(),
                job.createdAt(),
                job.modifiedAt(),
                job.status(),
                counters(job),
                human.path("WorkteamArn").asText(),
                human.has("PreHumanTaskLambdaArn")
                        ? human.get("PreHumanTaskLambdaArn").asText()
                        : null,
                acs.isTextual() ? acs.asText() : null,
                job.failureReason(),
                job.outputManifestUri(),
                job.outputManifestUri() != null && job.modelIteration() > 0
                        ? ModelArn.of(job.arn(), job.modelIteration())
                        : null,
                job.request().get("InputConfig"));
    }

    /**
     * Label counters over the job's selected objects (a chained job's objects that an earlier job labeled are not
     * among them): live progress while the job runs (objects with all their answers, plus machine labels so far),
     * final figures once the output is written. {@code FailedNonRetryableError}: objects every worker declined, and
     * once the output is written also those whose tasks expired unanswered or whose pre-annotation Lambda failed;
     * {@code Unlabeled}: the rest of the objects without a label (not yet labeled, or left when the job was stopped).
     */
    public static LabelCounters counters(JobRecord job) {
        long machine = job.machineLabeledObjects();
        long failed = job.failedObjects();
        boolean written = job.outputManifestUri() != null;
        long human =
                written ? Math.max(0, job.labeledObjects() - machine) : Math.max(0, job.completedObjects() - failed);
        long total = human + machine;
        return new LabelCounters(total, human, machine, failed, Math.max(0, job.selectedObjects() - total - failed));
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("no labeling job named '" + name + "'");
    }
}
