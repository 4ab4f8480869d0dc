package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.job.LabelingAlgorithms;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.manifest.DataObject;
import dev.verity.manifest.LineError;
import dev.verity.manifest.ManifestEntry;
import dev.verity.manifest.ManifestReader;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.monitor.JobMonitor;
import dev.verity.selection.ObjectSelector;
import dev.verity.selection.Selection;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

/** PrepareDataset and SelectObjects: from the input manifest to the chunks of objects to label. */
public final class DatasetService {

    /** The job fails when more than this share of the manifest's lines is rejected. */
    static final double MAX_REJECTED_SHARE = 0.10;

    private final JobStore jobs;
    private final ObjectStore objects;
    private final int chunkSize;
    private final JobMonitor monitor;

    public DatasetService(JobStore jobs, ObjectStore objects, int chunkSize, JobMonitor monitor) {
        this.monitor = monitor;
        this.jobs = jobs;
        this.objects = objects;
        this.chunkSize = chunkSize;
    }

    public record Prepared(long datasetObjects, long rejectedLines, int chunkCount) {}

    /**
     * @param autoLabel true if the job labels with a model too (automated labeling)
     * @param carriedObjects chosen objects that have the job's label attribute already (a chained job): copied to the
     *                       output, sent to no worker, not counted among the selected
     */
    public record Selected(long selectedObjects, int chunkCount, boolean autoLabel, long carriedObjects) {}

    /**
     * Streams the manifest once: each valid line gets the next object id and goes into a prepared chunk; each bad
     * line goes, with its line number and reason, to {@code manifests/intermediate/errors.jsonl}. Re-running it
     * rewrites the same files.
     */
    public Prepared prepare(String jobName) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        if (jobs.transition(
                job.name(), EnumSet.of(LabelingJobStatus.Initializing), LabelingJobStatus.InProgress, null)) {
            jobs.get(job.name()).ifPresent(monitor::statusChanged);
        }
        if (job.request().manifestS3Uri() == null) {
            return new Prepared(0, 0, 0); // a streaming job without initial objects: they all come from its topic
        }
        S3Uri manifest = S3Uri.parse(job.request().manifestS3Uri());
        InputStream in = objects.open(manifest)
                .orElseThrow(() -> new DatasetRejectedException("input manifest " + manifest + " does not exist"));
        long accepted = 0;
        long rejected = 0;
        int chunkCount;
        try (ManifestReader reader = new ManifestReader(in);
                ManifestWriter errors =
                        new ManifestWriter(objects.create(job.layout().errors(), "application/x-ndjson"));
                ChunkedWriter chunks = new ChunkedWriter(objects, job.layout()::preparedChunk, chunkSize)) {
            for (ManifestEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry instanceof DataObject object) {
                    entry = checkForTaskType(job, object);
                }
                if (entry instanceof DataObject object) {
                    chunks.write(ChunkReader.toJson(Long.toString(accepted++), object.line()));
                } else {
                    errors.write(((LineError) entry).toJson());
                    rejected++;
                }
            }
            chunkCount = chunks.chunkCount();
        }
        if (accepted == 0) {
            throw new DatasetRejectedException("the input manifest has no valid line (" + rejected + " rejected; see "
                    + job.layout().errors() + ")");
        }
        if (rejected > MAX_REJECTED_SHARE * (accepted + rejected)) {
            throw new DatasetRejectedException(rejected + " of " + (accepted + rejected)
                    + " manifest lines were rejected, more than " + Math.round(MAX_REJECTED_SHARE * 100)
                    + "%; see " + job.layout().errors());
        }
        jobs.recordPrepared(job.name(), accepted, rejected);
        return new Prepared(accepted, rejected, chunkCount);
    }

    /** The object, or why this job's task type cannot label it. */
    static ManifestEntry checkForTaskType(JobContext job, DataObject object) {
        boolean needsSourceRef = job.taskType().usesSourceRef();
        if (!job.taskType().acceptsEitherSource() && object.isSourceRef() != needsSourceRef) {
            return new LineError(
                    object.lineNumber(),
                    "task type " + job.taskType().name() + " needs \"" + (needsSourceRef ? "source-ref" : "source")
                            + "\" on every line");
        }
        return job.taskType()
                .checkLine(object.line(), job.request().labelAttributeName())
                .or(() -> checkGold(job, object.line()))
                .<ManifestEntry>map(problem -> new LineError(object.lineNumber(), problem))
                .orElse(object);
    }

    /** A gold label must name one of the job's categories. */
    private static Optional<String> checkGold(JobContext job, ObjectNode line) {
        if (job.request().goldStandard() == null) {
            return Optional.empty();
        }
        String attribute = job.request().goldStandard().attributeName();
        JsonNode gold = line.get(attribute);
        if (gold == null
                || gold.isNull()
                || (gold.isTextual() && job.categories().indexOf(gold.asText()) >= 0)) {
            return Optional.empty();
        }
        return Optional.of("gold label " + gold + " in \"" + attribute + "\" is not one of the job's labels "
                + job.categories().labelNames());
    }

    /**
     * Applies the job's object selection (all, seeded random sample or filter) and its stopping conditions to the
     * prepared chunks, writing the chosen objects, in input order, to the selected chunks.
     *
     * <p>Chaining, as Ground Truth does it: a chosen object whose line has the job's label attribute already (the
     * input is an earlier job's output manifest, and this job keeps that job's {@code LabelAttributeName}) is labeled
     * already, so it goes to no worker: it is written to the carried chunks instead, and copied unchanged to the
     * output manifest. A job with a new attribute name finds it on no line, and labels every object.
     */
    public Selected select(String jobName) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        long total = job.record().datasetObjects();
        ObjectSelector selector =
                Selection.fromConfig(job.request().dataObjectSelection()).selector(total);
        // With automated labeling, the stopping conditions bound the rounds, not the objects selected.
        long cap = job.request().autoLabels() ? Long.MAX_VALUE : humanLabelCap(job.request(), total);
        String labelAttribute = job.request().labelAttributeName();
        int preparedChunks = (int) ((total + chunkSize - 1) / chunkSize);
        int chunkCount;
        long selected;
        long carried;
        int carriedChunks;
        int selectedChunkSize = Math.min(chunkSize, job.taskType().objectsPerChunk());
        try (ChunkedWriter chunks = new ChunkedWriter(objects, job.layout()::selectedChunk, selectedChunkSize);
                ChunkedWriter labeledBefore = new ChunkedWriter(objects, job.layout()::carriedChunk, chunkSize)) {
            for (int i = 0; i < preparedChunks; i++) {
                for (ChunkReader.ChunkObject object :
                        ChunkReader.read(objects, job.layout().preparedChunk(i))) {
                    if (!selector.test(object.index(), object.line())) {
                        continue;
                    }
                    if (isLabeled(object.line(), labelAttribute)) {
                        labeledBefore.write(ChunkReader.toJson(object.objectId(), object.line()));
                    } else if (chunks.lineCount() < cap) {
                        chunks.write(ChunkReader.toJson(object.objectId(), object.line()));
                    }
                }
            }
            chunkCount = chunks.chunkCount();
            selected = chunks.lineCount();
            carried = labeledBefore.lineCount();
            carriedChunks = labeledBefore.chunkCount();
        }
        objects.put(
                job.layout().carriedIndex(),
                Json.write(Json.object().put("carriedObjects", carried).put("chunkCount", carriedChunks))
                        .getBytes(StandardCharsets.UTF_8),
                "application/json");
        if (selected > job.taskType().maxObjects()) {
            throw new DatasetRejectedException(
                    selected + " objects were selected; a " + job.taskType().name()
                            + " job may label at most " + job.taskType().maxObjects()
                            + " (select a sample, set StoppingConditions, or split the manifest)");
        }
        if (job.request().autoLabels() && selected < LabelingAlgorithms.MIN_OBJECTS) {
            throw new DatasetRejectedException(
                    "automated data labeling needs at least " + LabelingAlgorithms.MIN_OBJECTS + " objects, but "
                            + selected + " of the manifest's " + total + " were selected"
                            + (carried > 0 ? " (" + carried + " have the label attribute already)" : ""));
        }
        jobs.recordSelected(job.name(), selected, chunkCount);
        return new Selected(selected, chunkCount, job.request().autoLabels(), carried);
    }

    /**
     * Whether an earlier job labeled the object with this attribute: Ground Truth's chaining sends "only the objects
     * lacking that attribute". A null value counts as lacking it.
     */
    static boolean isLabeled(ObjectNode line, String labelAttribute) {
        JsonNode value = line.get(labelAttribute);
        return value != null && !value.isNull();
    }

    /** The most objects humans may label, from StoppingConditions (no limit without them). */
    static long humanLabelCap(CreateLabelingJobRequest request, long total) {
        var stopping = request.stoppingConditions();
        long cap = Long.MAX_VALUE;
        if (stopping != null && stopping.maxHumanLabeledObjectCount() != null) {
            cap = stopping.maxHumanLabeledObjectCount();
        }
        if (stopping != null && stopping.maxPercentageOfInputDatasetLabeled() != null) {
            cap = Math.min(cap, (long) Math.ceil(total * stopping.maxPercentageOfInputDatasetLabeled() / 100.0));
        }
        return cap;
    }
}
