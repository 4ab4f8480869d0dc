package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.catalog.Catalog;
import dev.verity.consolidation.WorkerModel;
import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.Violation;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.selection.Selection;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.Custom;
import dev.verity.tasktype.TaskType;
import dev.verity.tasktype.TaskTypes;
import dev.verity.workflow.Workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Creating, describing, listing and stopping labeling jobs: SageMaker's job API. */
public final class JobService {

    private final JobStore jobs;
    private final ObjectStore objects;
    private final Workflow workflow;
    private final Clock clock;
    private final String region;

    public JobService(JobStore jobs, ObjectStore objects, Workflow workflow, Clock clock, String region) {
        this.jobs = jobs;
        this.objects = objects;
        this.workflow = workflow;
        this.clock = clock;
        this.region = region;
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
        List<Violation> violations = new ArrayList<>();
        TaskType taskType = null;
        try {
            taskType = TaskTypes.of(request.taskTypeName());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("HumanTaskConfig.PreHumanTaskLambdaArn", e.getMessage()));
        }
        if (taskType != null) {
            taskType.checkLabelAttributeName(request.labelAttributeName())
                    .ifPresent(problem -> violations.add(new Violation("LabelAttributeName", problem)));
            if (taskType instanceof Custom) {
                checkUserFunction(request.humanTaskConfig().preHumanTaskLambdaArn(),
                        "HumanTaskConfig.PreHumanTaskLambdaArn", violations);
                if (request.humanTaskConfig().annotationConsolidationConfig() != null) {
                    checkUserFunction(request.humanTaskConfig().annotationConsolidationConfig()
                            .annotationConsolidationLambdaArn(),
                            "HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn", violations);
                }
            }
            if (request.goldStandard() != null && !taskType.supportsGold()) {
                violations.add(new Violation("GoldStandard", "task type " + taskType.name()
                        + " takes no gold questions yet"));
            }
        }
        try {
            Selection.fromConfig(request.dataObjectSelection());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("", e.getMessage())); // the message starts with the field it names
        }
        if (!exists(S3Uri.parse(request.manifestS3Uri()))) {
            violations.add(new Violation("InputConfig.DataSource.S3DataSource.ManifestS3Uri",
                    "no object at " + request.manifestS3Uri()));
        }
        JsonNode categories = taskType == null ? null : readCategories(request, taskType, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }

        String name = request.labelingJobName();
        String arn = "arn:aws:sagemaker:" + region + ":" + accountId + ":labeling-job/" + name.toLowerCase(Locale.ROOT);
        ObjectNode normalized = request.toJson();
        if (!jobs.create(JobRecord.created(name, arn, normalized, categories, clock.instant()))) {
            JobRecord existing = jobs.get(name).orElseThrow();
            if (!existing.request().equals(normalized)) {
                throw new ConflictException("a labeling job named '" + existing.name()
                        + "' exists already (job names are unique, ignoring case)");
            }
            arn = existing.arn();
            name = existing.name();
        }
        workflow.start(name, Json.object().put("jobName", name).put("taskAvailabilityLifetimeInSeconds",
                request.humanTaskConfig().taskAvailabilityLifetimeInSeconds()));
        return arn;
    }

    /** Verity may invoke only the requester's functions named as Ground Truth's execution policy requires. */
    private static void checkUserFunction(String arn, String field, List<Violation> violations) {
        if (arn == null) {
            return;
        }
        String name = arn.substring(arn.indexOf(":function:") + ":function:".length()).split(":")[0];
        if (Catalog.USER_FUNCTION_NAME_PARTS.stream().noneMatch(name::contains)) {
            violations.add(new Violation(field, "Verity may invoke a custom task's Lambda only if its name contains one "
                    + "of " + Catalog.USER_FUNCTION_NAME_PARTS + " (as with Ground Truth); \"" + name + "\" does not"));
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
                violations.add(new Violation("LabelCategoryConfigS3Uri", "is required for task type "
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
            e.violations().forEach(v -> violations.add(
                    new Violation("LabelCategoryConfigS3Uri(" + uri + ")." + v.field(), v.message())));
        } catch (IOException e) {
            violations.add(new Violation("LabelCategoryConfigS3Uri", "is not valid JSON: " + e.getMessage()));
        }
        return null;
    }

    /** The job in DescribeLabelingJob's response shape. */
    public ObjectNode describe(String name) {
        JobRecord job = jobs.get(name).orElseThrow(() -> notFound(name));
        ObjectNode out = summary(job);
        JsonNode request = job.request();
        for (String field : List.of("LabelAttributeName", "InputConfig", "OutputConfig", "RoleArn",
                "LabelCategoryConfigS3Uri", "StoppingConditions", "HumanTaskConfig", "Tags", "DataObjectSelection")) {
            if (request.has(field)) {
                out.set(field, request.get(field));
            }
        }
        out.put("JobReferenceCode", job.arn().substring(job.arn().lastIndexOf('/') + 1) + "-" + job.createdAt().toEpochMilli());
        out.put("DatasetObjects", job.datasetObjects());
        out.put("RejectedManifestLines", job.rejectedLines());
        return out;
    }

    /** One page of jobs, newest first, in ListLabelingJobs' response shape. */
    public ObjectNode list(int maxResults, String nextToken, String statusEquals) {
        if (maxResults < 1 || maxResults > 100) {
            throw new InvalidRequestException(List.of(new Violation("MaxResults", "must be between 1 and 100")));
        }
        Optional<LabelingJobStatus> status = Optional.ofNullable(statusEquals).map(s -> {
            try {
                return LabelingJobStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(List.of(new Violation("StatusEquals",
                        "'" + s + "' is not one of " + List.of(LabelingJobStatus.values()))));
            }
        });
        JobStore.Page page = jobs.list(maxResults, nextToken);
        ObjectNode out = Json.object();
        page.jobs().stream().filter(j -> status.map(s -> s == j.status()).orElse(true))
                .forEach(j -> out.withArray("LabelingJobSummaryList").add(summary(j)));
        out.withArray("LabelingJobSummaryList");
        if (page.nextPageToken() != null) {
            out.put("NextToken", page.nextPageToken());
        }
        return out;
    }

    /** Per-worker answers and gold-question scores, available once the job's output is written. */
    public JsonNode workers(String name) {
        JobContext job = JobContext.load(jobs, name);
        try {
            Optional<InputStream> report = objects.open(job.layout().workerReport());
            ObjectNode out;
            if (report.isEmpty()) {
                out = liveTally(job);
            } else {
                try (InputStream in = report.get()) {
                    out = (ObjectNode) Json.MAPPER.readTree(in);
                }
                out.put("final", true);
            }
            out.put("LabelingJobName", job.name());
            addEstimatedAccuracy(job, out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * While the job runs: each worker's answers so far, from the job store (gold questions are scored when the
     * answers are consolidated, so a live tally has none). Reads every submitted assignment of the job.
     */
    private ObjectNode liveTally(JobContext job) {
        WorkerTally tally = new WorkerTally();
        for (var answer : jobs.submittedAnswers(job.name(), 0, Long.MAX_VALUE)) {
            tally.answer(answer.workerId());
        }
        return tally.toJson().put("final", false);
    }

    /** Each worker's accuracy as the job's Dawid–Skene model estimated it, for jobs whose task type has one. */
    private void addEstimatedAccuracy(JobContext job, ObjectNode report) throws IOException {
        Optional<InputStream> stored = objects.open(job.layout().workerModel());
        if (stored.isEmpty()) {
            return;
        }
        WorkerModel model;
        try (InputStream in = stored.get()) {
            model = WorkerModel.fromJson(Json.MAPPER.readTree(in));
        }
        for (JsonNode worker : report.path("workers")) {
            double accuracy = model.accuracyOf(worker.path("workerId").asText());
            if (!Double.isNaN(accuracy)) {
                ((ObjectNode) worker).put("estimatedAccuracy",
                        BigDecimal.valueOf(accuracy).setScale(4, java.math.RoundingMode.HALF_UP));
            }
        }
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
        if (!jobs.transition(job.name(), EnumSet.of(LabelingJobStatus.Initializing, LabelingJobStatus.InProgress),
                LabelingJobStatus.Stopping, null)) {
            throw new ConflictException("labeling job '" + job.name() + "' has status "
                    + jobs.get(name).map(JobRecord::status).orElse(job.status()) + " and cannot be stopped");
        }
        if (job.taskToken() != null) {
            workflow.resume(job.taskToken(), Json.object().put("stopped", true));
        }
    }

    private ObjectNode summary(JobRecord job) {
        JsonNode request = job.request();
        ObjectNode out = Json.object();
        out.put("LabelingJobName", job.name());
        out.put("LabelingJobArn", job.arn());
        out.put("CreationTime", epochSeconds(job.createdAt()));
        out.put("LastModifiedTime", epochSeconds(job.modifiedAt()));
        out.put("LabelingJobStatus", job.status().name());
        out.set("LabelCounters", counters(job).toJson());
        JsonNode human = request.path("HumanTaskConfig");
        out.put("WorkteamArn", human.path("WorkteamArn").asText());
        if (human.has("PreHumanTaskLambdaArn")) {
            out.put("PreHumanTaskLambdaArn", human.get("PreHumanTaskLambdaArn").asText());
        }
        JsonNode acs = human.path("AnnotationConsolidationConfig").path("AnnotationConsolidationLambdaArn");
        if (acs.isTextual()) {
            out.put("AnnotationConsolidationLambdaArn", acs.asText());
        }
        if (job.failureReason() != null) {
            out.put("FailureReason", job.failureReason());
        }
        if (job.outputManifestUri() != null) {
            out.putObject("LabelingJobOutput").put("OutputDatasetS3Uri", job.outputManifestUri());
        }
        out.set("InputConfig", request.get("InputConfig"));
        return out;
    }

    /** Label counters: live progress while humans work, final figures once the output is written. */
    static LabelCounters counters(JobRecord job) {
        long labeled = job.outputManifestUri() != null ? job.labeledObjects() : job.completedObjects();
        return new LabelCounters(labeled, labeled, 0, 0, Math.max(0, job.selectedObjects() - labeled));
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("no labeling job named '" + name + "'");
    }
}
