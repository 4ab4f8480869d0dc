package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.autolabel.BatchSelection;
import dev.verity.autolabel.Prediction;
import dev.verity.autolabel.ThresholdCalibration;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.selection.SampleIndices;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bookkeeping of automated data labeling (Ground Truth's active learning): which objects humans label in each
 * batch, where each round's confidence threshold lies, which objects a round labels by machine. The models
 * themselves are {@link ModelService}'s. Every step rewrites the same files from the same inputs, so a retried or
 * resumed step changes nothing.
 */
public final class ActiveLearningService {

    /** Ground Truth's validation share: 20% of the objects below 5,000 objects, 10% from there on. */
    static final int LARGE_JOB = 5_000;

    private final JobStore jobs;
    private final ObjectStore objects;

    public ActiveLearningService(JobStore jobs, ObjectStore objects) {
        this.jobs = jobs;
        this.objects = objects;
    }

    /**
     * What the workflow carries from round to round.
     *
     * @param iteration    the human batch to dispatch next
     * @param humanObjects its size (0: none)
     * @param done         true if no round follows that batch
     */
    public record Next(int iteration, int humanObjects, boolean done) {}

    /** The size of the validation set for a job of {@code objects} objects. */
    static int validationSize(long objects) {
        return (int) Math.ceil(objects * (objects < LARGE_JOB ? 0.20 : 0.10));
    }

    /**
     * The first human batch: a random validation set, which no model trains on, and a random first training batch of
     * {@code MaxConcurrentTaskCount} objects (none when an initial model labels the first round).
     */
    public Next start(String jobName) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        ActiveLearningFiles files = new ActiveLearningFiles(job, objects);
        long total = job.record().selectedObjects();
        long humanBudget =
                DatasetService.humanLabelCap(job.request(), job.record().datasetObjects());
        int validation = (int) Math.min(validationSize(total), humanBudget);
        boolean initialModel = job.request().labelingJobAlgorithmsConfig().initialActiveLearningModelArn() != null;
        int training = initialModel
                ? 0
                : (int) Math.min(job.request().humanTaskConfig().maxConcurrentTaskCount(), humanBudget - validation);
        SampleIndices chosen = SampleIndices.choose(total, (long) validation + training, files.seed());
        SampleIndices validationRanks = SampleIndices.choose(chosen.size(), validation, ~files.seed());
        long position = 0;
        long rank = 0;
        int batchSize = 0;
        try (ManifestWriter batch = writer(job.layout().humanBatch(1));
                ManifestWriter validationSet = writer(job.layout().validationSet())) {
            for (int chunk = 0; chunk < files.chunks(); chunk++) {
                for (ChunkReader.ChunkObject object : files.selected(chunk)) {
                    if (chosen.contains(position++)) {
                        ObjectNode line = ChunkReader.toJson(object.objectId(), object.line());
                        batch.write(line);
                        batchSize++;
                        if (validationRanks.contains(rank++)) {
                            validationSet.write(line);
                        }
                    }
                }
            }
        }
        boolean stopped = job.record().status() != LabelingJobStatus.InProgress;
        return new Next(1, stopped ? 0 : batchSize, stopped);
    }

    /**
     * Fits round {@code iteration}'s threshold on the validation set ({@link ThresholdCalibration}): the validation
     * objects whose human label is near-certain ({@link HumanLabel#certainClass}), with this round's predictions.
     */
    public ObjectNode calibrate(String jobName, int iteration) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        ActiveLearningFiles files = new ActiveLearningFiles(job, objects);
        Set<String> validation = files.validationIds();
        Map<String, HumanLabel> labels = files.humanLabels();
        Set<String> labeledEarlier = new HashSet<>();
        long earlierCorrect = 0;
        for (int round = 1; round < iteration; round++) {
            for (JsonNode outcome : readJson(job.layout().calibration(round)).path("labeled")) {
                labeledEarlier.add(outcome.path("datasetObjectId").asText());
                earlierCorrect += outcome.path("correct").asBoolean() ? 1 : 0;
            }
        }
        List<ThresholdCalibration.Outcome> candidates = new ArrayList<>();
        int nearCertain = 0;
        for (int chunk = 0; chunk < files.chunks(); chunk++) {
            for (Prediction p : files.predictions(iteration, chunk).values()) {
                HumanLabel label = labels.get(p.datasetObjectId());
                if (!validation.contains(p.datasetObjectId()) || label == null) {
                    continue;
                }
                Integer truth = label.certainClass(job.workersPerObject());
                if (truth != null) {
                    nearCertain++;
                    if (!labeledEarlier.contains(p.datasetObjectId())) {
                        candidates.add(new ThresholdCalibration.Outcome(
                                p.datasetObjectId(), p.confidence(), p.label() == truth));
                    }
                }
            }
        }
        ThresholdCalibration calibration = ThresholdCalibration.GROUND_TRUTH;
        ThresholdCalibration.Result result = calibration.choose(candidates, labeledEarlier.size(), earlierCorrect);
        ObjectNode out = Json.object()
                .put("iteration", iteration)
                .put("target", calibration.target())
                .put("bound", "one-sided 95% Wilson score lower bound")
                .put("validationObjects", validation.size())
                .put("nearCertain", nearCertain)
                .put("candidates", candidates.size());
        putNumber(out, "threshold", result.threshold());
        out.put("machineLabeledOnValidation", result.labeled().size())
                .put("correctOnValidation", result.correct())
                .put("totalLabeledOnValidation", result.totalLabeled())
                .put("totalCorrectOnValidation", result.totalCorrect());
        putNumber(out, "accuracy", result.accuracy());
        putNumber(out, "lowerBound", result.lowerBound());
        var labeled = out.putArray("labeled");
        result.labeled()
                .forEach(o -> labeled.addObject()
                        .put("datasetObjectId", o.objectId())
                        .put("confidence", o.confidence())
                        .put("correct", o.correct()));
        objects.put(
                job.layout().calibration(iteration),
                Json.write(out).getBytes(StandardCharsets.UTF_8),
                "application/json");
        out.remove("labeled"); // the workflow gets the figures; the list stays in the file
        return out;
    }

    /**
     * Ends round {@code iteration}: machine-labels the unlabeled objects at or above its threshold and chooses the
     * next human batch among the rest ({@link BatchSelection}), within the job's stopping conditions. A job being
     * stopped keeps this round's machine labels and gets no further batch.
     */
    public Next selectBatch(String jobName, int iteration) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        ActiveLearningFiles files = new ActiveLearningFiles(job, objects);
        Set<String> humanIds = files.humanBatchIds(iteration);
        Set<String> machineEarlier = files.machineLabeledIds(iteration - 1);
        JsonNode fitted = readJson(job.layout().calibration(iteration)).path("threshold");
        double threshold = fitted.isNumber() ? fitted.asDouble() : Double.POSITIVE_INFINITY;
        List<Prediction> pool = new ArrayList<>();
        for (int chunk = 0; chunk < files.chunks(); chunk++) {
            Map<String, Prediction> predictions = files.predictions(iteration, chunk);
            for (ChunkReader.ChunkObject object : files.selected(chunk)) {
                String id = object.objectId();
                if (!humanIds.contains(id) && !machineEarlier.contains(id)) {
                    // an object the model could not read is the least sure of all
                    pool.add(predictions.getOrDefault(id, new Prediction(id, -1, 0)));
                }
            }
        }
        long humanBudget =
                DatasetService.humanLabelCap(job.request(), job.record().datasetObjects()) - humanIds.size();
        var stopping = job.request().stoppingConditions();
        long labelBudget = stopping == null || stopping.maxPercentageOfInputDatasetLabeled() == null
                ? Long.MAX_VALUE
                : (long) Math.ceil(
                                job.record().datasetObjects() * stopping.maxPercentageOfInputDatasetLabeled() / 100.0)
                        - humanIds.size()
                        - machineEarlier.size();
        boolean stopped = job.record().status() != LabelingJobStatus.InProgress;
        BatchSelection.Result selection = new BatchSelection(
                        job.request().humanTaskConfig().maxConcurrentTaskCount(),
                        stopped ? 0 : Math.max(0, humanBudget),
                        labelBudget)
                .select(pool, threshold);

        writeMachineLabels(job, files, iteration, selection.machineLabeled());
        writeHumanBatch(job, files, iteration + 1, new HashSet<>(selection.humans()));
        long machineTotal = machineEarlier.size() + selection.machineLabeled().size();
        jobs.recordMachineLabeled(job.name(), machineTotal);
        writeRound(job, files, iteration, humanIds.size(), selection, machineTotal);
        return new Next(iteration + 1, selection.humans().size(), selection.done());
    }

    private void writeMachineLabels(
            JobContext job, ActiveLearningFiles files, int iteration, List<Prediction> machineLabeled)
            throws IOException {
        Map<Integer, List<Prediction>> byChunk = new HashMap<>();
        Map<String, Integer> chunkOf = new HashMap<>();
        for (int chunk = 0; chunk < files.chunks(); chunk++) {
            for (ChunkReader.ChunkObject object : files.selected(chunk)) {
                chunkOf.put(object.objectId(), chunk);
            }
        }
        for (Prediction p : machineLabeled) {
            byChunk.computeIfAbsent(chunkOf.get(p.datasetObjectId()), c -> new ArrayList<>())
                    .add(p);
        }
        for (int chunk = 0; chunk < files.chunks(); chunk++) {
            List<Prediction> labels = new ArrayList<>(byChunk.getOrDefault(chunk, List.of()));
            labels.sort(
                    (a, b) -> Long.compare(Long.parseLong(a.datasetObjectId()), Long.parseLong(b.datasetObjectId())));
            JsonLinesFile.write(objects, job.layout().machineLabels(iteration, chunk), labels);
        }
    }

    private void writeHumanBatch(JobContext job, ActiveLearningFiles files, int batch, Set<String> ids)
            throws IOException {
        try (ManifestWriter out = writer(job.layout().humanBatch(batch))) {
            for (int chunk = 0; chunk < files.chunks() && !ids.isEmpty(); chunk++) {
                for (ChunkReader.ChunkObject object : files.selected(chunk)) {
                    if (ids.contains(object.objectId())) {
                        out.write(ChunkReader.toJson(object.objectId(), object.line()));
                    }
                }
            }
        }
    }

    /** The round's figures, for the console's chart and for the requester ({@code round.json}). */
    private void writeRound(
            JobContext job,
            ActiveLearningFiles files,
            int iteration,
            int humanTotal,
            BatchSelection.Result selection,
            long machineTotal)
            throws IOException {
        JsonNode calibration = readJson(job.layout().calibration(iteration));
        JsonNode model = readJson(job.layout().modelInfo(iteration));
        ObjectNode round = Json.object()
                .put("iteration", iteration)
                .put(
                        "humanBatch",
                        ChunkReader.read(objects, job.layout().humanBatch(iteration))
                                .size())
                .put("humanLabeledTotal", humanTotal)
                .put("trainingObjects", model.path("trainingObjects").asInt(0))
                .put("validationObjects", calibration.path("validationObjects").asInt(0))
                .put("calibrationObjects", calibration.path("nearCertain").asInt(0));
        round.set(
                "threshold",
                calibration.path("threshold").isNumber() ? calibration.get("threshold") : Json.MAPPER.nullNode());
        round.set(
                "validationAccuracy",
                calibration.path("accuracy").isNumber() ? calibration.get("accuracy") : Json.MAPPER.nullNode());
        round.set(
                "validationLowerBound",
                calibration.path("lowerBound").isNumber() ? calibration.get("lowerBound") : Json.MAPPER.nullNode());
        round.put("machineLabeled", selection.machineLabeled().size())
                .put("machineLabeledTotal", machineTotal)
                .put("nextHumanBatch", selection.humans().size())
                .put("left", selection.left())
                .put("done", selection.done());
        objects.put(
                job.layout().round(iteration), Json.write(round).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Every finished round's figures, in order, for {@code GET /jobs/{name}/rounds}. */
    public RoundsReport rounds(String jobName) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        List<JsonNode> rounds = new ArrayList<>();
        for (int iteration = 1; ; iteration++) {
            JsonNode round = readJson(job.layout().round(iteration));
            if (round.isEmpty()) {
                break;
            }
            rounds.add(round);
        }
        return new RoundsReport(job.name(), job.request().autoLabels(), List.copyOf(rounds));
    }

    private ManifestWriter writer(S3Uri uri) throws IOException {
        return new ManifestWriter(objects.create(uri, "application/x-ndjson"));
    }

    /** A stored JSON file, or an empty object if there is none. */
    private JsonNode readJson(S3Uri uri) throws IOException {
        Optional<InputStream> in = objects.open(uri);
        if (in.isEmpty()) {
            return Json.object();
        }
        try (InputStream stream = in.get()) {
            return Json.MAPPER.readTree(stream);
        }
    }

    /** JSON has no infinity or NaN: such a number is written as null. */
    private static void putNumber(ObjectNode out, String field, double value) {
        if (Double.isFinite(value)) {
            out.put(field, value);
        } else {
            out.putNull(field);
        }
    }
}
