package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.verity.autolabel.Prediction;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.crowd.CrowdAssignment;
import dev.verity.crowd.CrowdMarketplace;
import dev.verity.crowd.CrowdMarketplaceException;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.lambda.LambdaFunctions;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.monitor.JobMonitor;
import dev.verity.queue.TaskQueue;
import dev.verity.store.Assignment;
import dev.verity.store.HitStore;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.AutoLabeling;
import dev.verity.tasktype.ConsolidatedLabel;
import dev.verity.tasktype.ObjectAnswers;
import dev.verity.tasktype.WorkerAnswer;
import dev.verity.workforce.JobNotices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consolidate, WriteOutput and the failure path: from answers to the augmented output manifest. */
public final class OutputService {

    private static final Logger LOG = LoggerFactory.getLogger(OutputService.class);

    /** DescribeLabelingJob's FailureReason holds at most this many characters. */
    private static final int MAX_FAILURE_REASON = 1024;

    private final JobStore jobs;
    private final JobNotices notices;
    private final ObjectStore objects;
    private final TaskQueue queue;
    private final Clock clock;
    private final CustomConsolidation customConsolidation;
    private final CrowdMarketplace marketplace;
    private final HitStore hits;
    private final AnswerReader answerReader;
    private final JobMonitor monitor;

    /** With the public crowd: its assignments are approved after consolidation, its open HITs expired at the end. */
    public OutputService(
            JobStore jobs,
            ObjectStore objects,
            TaskQueue queue,
            Clock clock,
            LambdaFunctions functions,
            JobNotices notices,
            CrowdMarketplace marketplace,
            HitStore hits,
            JobMonitor monitor) {
        this.monitor = monitor;
        this.jobs = jobs;
        this.notices = notices;
        this.objects = objects;
        this.queue = queue;
        this.clock = clock;
        this.customConsolidation = new CustomConsolidation(objects, functions);
        this.marketplace = marketplace;
        this.hits = hits;
        this.answerReader = new AnswerReader(jobs, objects);
    }

    /**
     * One chunk's figures: labeled (by humans or a model), machine-labeled (included in labeled), unlabeled (all
     * objects without a label), failed (those of the unlabeled that cannot be labeled in this job: Ground Truth's
     * {@code FailedNonRetryableError}).
     */
    public record ChunkResult(int chunk, long labeled, long unlabeled, long machineLabeled, long failed) {}

    /**
     * Consolidates the answers of one selected chunk and writes its output lines (input line + label attribute +
     * metadata; objects without answers are copied unchanged, as in Ground Truth's intermediate manifests). A custom
     * job's chunk goes through its consolidation Lambda ({@link CustomConsolidation}). In a job with automated
     * labeling, this runs after every human batch: it also writes the chunk's human labels for the next round's
     * training and calibration, and an object without answers gets its machine label, if a round gave it one.
     */
    public ChunkResult consolidate(String jobName, int chunk) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        List<ChunkReader.ChunkObject> chunkObjects =
                ChunkReader.read(objects, job.layout().selectedChunk(chunk));
        if (chunkObjects.isEmpty()) {
            return new ChunkResult(chunk, 0, 0, 0, 0);
        }
        List<Assignment> submitted = new ArrayList<>();
        List<ObjectAnswers> batch = answerReader.read(job, chunkObjects, submitted);
        Map<String, Assignment> lastAnswers = new HashMap<>();
        for (Assignment a : submitted) {
            lastAnswers.merge(a.objectId(), a, (x, y) -> x.submittedAt().isAfter(y.submittedAt()) ? x : y);
        }
        WorkerResponses.write(objects, job.layout(), job.record().batch(), submitted);
        writeTally(job, chunk, batch);
        List<ConsolidatedLabel> consolidated = job.isCustom()
                ? customConsolidation.consolidate(job, chunk, chunkObjects, batch, lastAnswers)
                : consolidate(job, batch);
        Map<String, ConsolidatedLabel> labels = new HashMap<>();
        for (ConsolidatedLabel label : consolidated) {
            labels.put(
                    label.objectId(),
                    storePng(job, label, lastAnswers.get(label.objectId()).submittedAt()));
        }
        long machineLabeled = 0;
        if (job.request().autoLabels()) {
            AutoLabeling autoLabeling = job.taskType().autoLabeling().orElseThrow();
            writeHumanLabels(job, chunk, autoLabeling, batch, labels);
            for (int round = 1; round <= job.record().modelIteration(); round++) {
                for (Prediction machine :
                        JsonLinesFile.read(objects, job.layout().machineLabels(round, chunk), Prediction.class)) {
                    if (labels.putIfAbsent(
                                    machine.datasetObjectId(),
                                    autoLabeling.machineLabel(
                                            machine.datasetObjectId(),
                                            machine.label(),
                                            machine.confidence(),
                                            job.categories()))
                            == null) {
                        machineLabeled++;
                    }
                }
            }
        }
        Instant now = clock.instant();
        long labeled = 0;
        long failed = 0;
        boolean expired = tasksExpired(job.record(), job.request().autoLabels());
        try (ManifestWriter out =
                new ManifestWriter(objects.create(job.layout().consolidatedChunk(chunk), "application/x-ndjson"))) {
            for (ChunkReader.ChunkObject object : chunkObjects) {
                ObjectNode line = object.line().deepCopy();
                ConsolidatedLabel label = labels.get(object.objectId());
                if (label != null) {
                    job.taskType().writeLabel(line, job.request().labelAttributeName(), label, job.name(), now);
                    labeled++;
                } else if (expired || cannotBeLabeled(job, object.objectId())) {
                    failed++;
                }
                out.write(line);
            }
        }
        if (job.isPublicCrowd()) {
            approveCrowdAssignments(job, chunk, chunkObjects);
        }
        return new ChunkResult(chunk, labeled, chunkObjects.size() - labeled, machineLabeled, failed);
    }

    /**
     * Whether the human work ended because the task availability lifetime ran out: the job was not stopped, and its
     * batch still lacked answers when it went on to consolidation. Ground Truth fails a task nobody took in time, so
     * every object still without a label is {@code FailedNonRetryableError}. (Human-only jobs; with automated
     * labeling, objects without a label after the last round stay {@code Unlabeled}.)
     */
    static boolean tasksExpired(JobRecord record, boolean autoLabels) {
        return !autoLabels && record.status() == LabelingJobStatus.InProgress && !record.batchComplete();
    }

    /**
     * Whether an object without a label cannot be labeled in this job: every worker declined it (Ground Truth marks
     * it expired and sends it to no one else), or its pre-annotation Lambda failed.
     */
    private boolean cannotBeLabeled(JobContext job, String objectId) throws IOException {
        return jobs.declineCount(job.name(), objectId) >= job.workersPerObject()
                || (job.isCustom() && objects.exists(job.layout().preAnnotationFailure(objectId)));
    }

    /**
     * Pays the workers of the chunk's public-crowd answers, which are final now: each answer's Mechanical Turk
     * assignment is approved if Mechanical Turk shows it submitted by the worker the answer was recorded for, on the
     * object's HIT. An answer whose assignment it does not show so (never submitted there, another worker's, another
     * HIT's) is not approved; nor is one it refuses. What became of each goes to {@link JobLayout#crowdApprovals}. A
     * retry approves nothing twice. A fault of the service fails the step, to be retried.
     */
    private void approveCrowdAssignments(JobContext job, int chunk, List<ChunkReader.ChunkObject> chunkObjects)
            throws IOException {
        if (marketplace == null || hits == null) {
            throw new IllegalStateException("labeling job '" + job.name() + "' is a public-crowd job, and this"
                    + " deployment has no crowd marketplace (Mechanical Turk) to pay its workers through");
        }
        ObjectNode report = Json.object().put("chunk", chunk);
        ArrayNode approved = report.putArray("approved");
        ArrayNode approvedBefore = report.putArray("approvedBefore");
        ArrayNode notApproved = report.putArray("notApproved");
        String feedback = "Thank you for your work on \""
                + job.request().humanTaskConfig().taskTitle() + "\".";
        for (Assignment a : jobs.submittedAnswers(
                job.name(),
                chunkObjects.get(0).index(),
                chunkObjects.get(chunkObjects.size() - 1).index())) {
            String assignmentId = a.receiptHandle();
            ObjectNode entry = Json.object()
                    .put("assignmentId", assignmentId)
                    .put("workerId", a.workerId())
                    .put("datasetObjectId", a.objectId());
            String hitId = hits.hit(job.name(), a.objectId())
                    .map(HitStore.HitRecord::hitId)
                    .orElse(null);
            Optional<CrowdAssignment> seen = marketplace.assignment(assignmentId);
            String refusal = seen.isEmpty()
                    ? "Mechanical Turk shows no submitted assignment by that id"
                    : !seen.get().hitId().equals(hitId)
                            ? "Mechanical Turk has it on HIT " + seen.get().hitId() + ", not the object's HIT " + hitId
                            : !seen.get().workerId().equals(a.workerId())
                                    ? "Mechanical Turk has it as worker "
                                            + seen.get().workerId() + "'s"
                                    : null;
            if (refusal == null && seen.get().isApproved()) {
                approvedBefore.add(entry);
                continue;
            }
            if (refusal == null) {
                try {
                    (marketplace.approve(assignmentId, feedback) ? approved : approvedBefore).add(entry);
                    continue;
                } catch (CrowdMarketplaceException e) {
                    if (!e.isRequestError()) {
                        throw e;
                    }
                    refusal = e.serviceMessage();
                }
            }
            notApproved.add(entry.put("reason", refusal));
        }
        objects.put(
                job.layout().crowdApprovals(chunk),
                Json.write(report).getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /** The chunk's human labels with how many workers answered and agreed, for training and calibration. */
    private void writeHumanLabels(
            JobContext job,
            int chunk,
            AutoLabeling autoLabeling,
            List<ObjectAnswers> batch,
            Map<String, ConsolidatedLabel> labels)
            throws IOException {
        List<HumanLabel> human = new ArrayList<>();
        for (ObjectAnswers object : batch) {
            ConsolidatedLabel label = labels.get(object.objectId());
            if (label == null) {
                continue;
            }
            int labelClass = autoLabeling.classOf(label);
            long agreeing = object.answers().stream()
                    .filter(a -> autoLabeling.classOf(a.answerContent(), job.categories()) == labelClass)
                    .count();
            Integer gold = object.gold() == null
                            || job.categories().indexOf(object.gold().asText()) < 0
                    ? null
                    : job.categories().indexOf(object.gold().asText());
            human.add(new HumanLabel(
                    object.objectId(),
                    labelClass,
                    label.metadata().path("confidence").asDouble(),
                    object.answers().size(),
                    (int) agreeing,
                    gold));
        }
        JsonLinesFile.write(objects, job.layout().humanLabels(chunk), human);
    }

    /**
     * A built-in type's consolidation by the job's method, with the job-wide measure of the workers if one was stored.
     */
    private List<ConsolidatedLabel> consolidate(JobContext job, List<ObjectAnswers> batch) throws IOException {
        Optional<JsonNode> workerModel = readJson(job.layout().workerModel());
        ConsolidationMethod method = job.request().consolidation();
        return workerModel.isPresent()
                ? job.taskType().consolidate(batch, job.categories(), method, workerModel.get())
                : job.taskType().consolidate(batch, job.categories(), method);
    }

    private Optional<JsonNode> readJson(S3Uri uri) throws IOException {
        Optional<InputStream> in = objects.open(uri);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(Json.MAPPER.readTree(stream));
        }
    }

    /** This chunk's per-worker figures (answers, gold answered and right), merged when the output is written. */
    private void writeTally(JobContext job, int chunk, List<ObjectAnswers> batch) throws IOException {
        WorkerTally tally = new WorkerTally();
        for (ObjectAnswers object : batch) {
            for (WorkerAnswer answer : object.answers()) {
                tally.answer(answer.workerId());
                if (object.gold() != null && job.taskType().supportsGold()) {
                    tally.goldAnswer(
                            answer.workerId(),
                            job.taskType()
                                    .matchesGold(
                                            answer.answerContent(),
                                            object.gold().asText()));
                }
            }
        }
        objects.put(
                job.layout().workerTally(chunk),
                Json.write(tally.toJson()).getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /**
     * Stores a label's PNG (a mask) in Ground Truth's consolidated-annotation output and makes its S3 URI the value.
     * The file is named after the object's last answer, so a retried consolidation rewrites the same file.
     */
    private ConsolidatedLabel storePng(JobContext job, ConsolidatedLabel label, Instant lastAnswerAt)
            throws IOException {
        if (label.png() == null) {
            return label;
        }
        S3Uri mask = job.layout().consolidatedMask(label.objectId(), lastAnswerAt);
        objects.put(mask, label.png(), "image/png");
        return label.withValue(TextNode.valueOf(mask.toString()));
    }

    /**
     * Joins the consolidated chunks, in input order, into {@code manifests/output/output.manifest}, records the
     * final counters and ends the job: Completed, or Stopped if it was being stopped. The task queue goes away.
     */
    public ObjectNode writeOutput(String jobName, List<ChunkResult> results) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        writeManifest(job);
        return end(
                job,
                results.stream().mapToLong(ChunkResult::labeled).sum(),
                results.stream().mapToLong(ChunkResult::machineLabeled).sum(),
                results.stream().mapToLong(ChunkResult::failed).sum());
    }

    /** Joins the consolidated chunks into the output manifest and the chunks' worker tallies into the report. */
    void writeManifest(JobContext job) throws IOException {
        int chunkCount = job.record().chunkCount();
        int carriedChunks = OrderedChunks.carriedChunkCount(objects, job.layout());
        if (carriedChunks == 0) {
            try (OutputStream out = objects.create(job.layout().outputManifest(), "application/x-ndjson")) {
                for (int chunk = 0; chunk < chunkCount; chunk++) {
                    try (InputStream in = objects.open(job.layout().consolidatedChunk(chunk))
                            .orElseThrow(() -> new IllegalStateException("missing consolidated chunk"))) {
                        in.transferTo(out);
                    }
                }
            }
        } else {
            writeChainedOutput(job, chunkCount, carriedChunks);
        }
        WorkerTally workers = new WorkerTally();
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            readJson(job.layout().workerTally(chunk)).ifPresent(workers::merge);
        }
        objects.put(
                job.layout().workerReport(),
                Json.write(workers.toJson()).getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /** Records the final counters and ends the job: Completed, or Stopped if it was being stopped. */
    ObjectNode end(JobContext job, long labeled, long machineLabeled, long failed) {
        jobs.recordOutput(
                job.name(),
                labeled,
                machineLabeled,
                failed,
                job.layout().outputManifest().toString());
        boolean stopping = job.record().status() == LabelingJobStatus.Stopping;
        LabelingJobStatus end = stopping ? LabelingJobStatus.Stopped : LabelingJobStatus.Completed;
        boolean ended = jobs.transition(
                job.name(), EnumSet.of(LabelingJobStatus.InProgress, LabelingJobStatus.Stopping), end, null);
        queue.deleteQueue(job.name());
        expireOpenHits(job);
        JobRecord record = jobs.get(job.name()).orElseThrow();
        if (ended) {
            if (tasksExpired(job.record(), job.request().autoLabels())) {
                // the objects left without a label when the task availability lifetime ran out (beside those every
                // worker declined, counted while the job ran)
                monitor.tasksExpired(record, Math.max(0, failed - job.record().failedObjects()));
            }
            monitor.statusChanged(record);
        }
        if (record.status() == end) {
            notices.jobEnded(record);
        }
        return Json.object()
                .put("status", record.status().name())
                .put("labeled", labeled)
                .put("outputManifest", job.layout().outputManifest().toString());
    }

    /**
     * A chained job's output: its consolidated objects and the objects an earlier job labeled (carried through
     * unchanged), merged in input order. Both lists are in input order already, so one chunk of each is held at a
     * time.
     */
    private void writeChainedOutput(JobContext job, int chunkCount, int carriedChunks) throws IOException {
        try (ManifestWriter out =
                new ManifestWriter(objects.create(job.layout().outputManifest(), "application/x-ndjson"))) {
            OrderedChunks labeled = new OrderedChunks(chunkCount, chunk -> {
                List<ChunkReader.ChunkObject> selected =
                        ChunkReader.read(objects, job.layout().selectedChunk(chunk));
                List<ChunkReader.ChunkObject> consolidated = new ArrayList<>(selected.size());
                int i = 0;
                for (ChunkReader.ChunkObject line : consolidatedLines(job, chunk)) {
                    consolidated.add(
                            new ChunkReader.ChunkObject(selected.get(i++).objectId(), line.line()));
                }
                return consolidated;
            });
            OrderedChunks carried = OrderedChunks.carried(objects, job.layout(), carriedChunks);
            for (ChunkReader.ChunkObject next = OrderedChunks.first(labeled, carried);
                    next != null;
                    next = OrderedChunks.first(labeled, carried)) {
                out.write(next.line());
            }
        }
    }

    /** A consolidated chunk's output lines, in order (ids unset). */
    private List<ChunkReader.ChunkObject> consolidatedLines(JobContext job, int chunk) throws IOException {
        InputStream in = objects.open(job.layout().consolidatedChunk(chunk))
                .orElseThrow(() -> new IllegalStateException("missing consolidated chunk " + chunk));
        List<ChunkReader.ChunkObject> lines = new ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (!text.isBlank()) {
                    lines.add(new ChunkReader.ChunkObject(null, (ObjectNode) Json.EXACT_NUMBERS.readTree(text)));
                }
            }
        }
        return lines;
    }

    /** The workflow's catch-all: the job fails with the error as its reason. */
    public void markFailed(String jobName, String error, String cause) {
        String reason = cause == null || cause.isBlank() ? error : error + ": " + cause;
        if (reason.length() > MAX_FAILURE_REASON) {
            reason = reason.substring(0, MAX_FAILURE_REASON - 1) + "…";
        }
        if (jobs.transition(
                jobName,
                EnumSet.of(LabelingJobStatus.Initializing, LabelingJobStatus.InProgress, LabelingJobStatus.Stopping),
                LabelingJobStatus.Failed,
                reason)) {
            jobs.get(jobName).ifPresent(monitor::statusChanged);
        }
        queue.deleteQueue(jobName);
        jobs.get(jobName)
                .filter(job -> job.status() == LabelingJobStatus.Failed)
                .ifPresent(notices::jobEnded);
        if (jobs.get(jobName).isPresent()) {
            try {
                expireOpenHits(JobContext.load(jobs, jobName));
            } catch (RuntimeException e) { // the job is failed already; its HITs lapse at their lifetime
                LOG.warn("the open HITs of failed job {} were not expired", jobName, e);
            }
        }
    }

    /** A stopped or failed public-crowd job's HITs that still wait for workers are withdrawn from Mechanical Turk. */
    private void expireOpenHits(JobContext job) {
        if (job.isPublicCrowd() && marketplace != null && hits != null) {
            new HitPublisher(marketplace, hits, new CrowdSettings(null, null))
                    .expireOpen(job, objectId -> jobs.isComplete(job.name(), objectId));
        }
    }
}
