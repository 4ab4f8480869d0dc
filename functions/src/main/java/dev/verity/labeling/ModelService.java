package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.autolabel.FeatureFile;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;
import dev.verity.autolabel.LabelingModel;
import dev.verity.autolabel.LabelingModels;
import dev.verity.autolabel.Prediction;
import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.AutoLabeling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The model side of automated labeling: features once per object, a model per round trained on the human labels,
 * each round's predictions. The models come through the {@link LabelingModels} port, whose implementation only the
 * train and infer functions carry.
 */
public final class ModelService {

    /** Images fetched at once while featurising: S3 reads dominate, so a few overlap. */
    private static final int FETCH_THREADS = 8;

    private static final int MAX_REASONS = 10;

    private final JobStore jobs;
    private final ObjectStore objects;
    private final Clock clock;

    public ModelService(JobStore jobs, ObjectStore objects, Clock clock) {
        this.jobs = jobs;
        this.objects = objects;
        this.clock = clock;
    }

    /**
     * Computes the features of one selected chunk's objects into {@link JobLayout#features}: an image read from its
     * {@code source-ref}, a text from its {@code source}. An object that cannot be read is left out (and listed in
     * the answer), so it is never machine-labeled.
     */
    public ObjectNode featurise(String jobName, int chunk, LabelingModels models) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        Featuriser featuriser = models.featuriser(autoLabeling(job).dataKind());
        List<ChunkReader.ChunkObject> chunkObjects =
                ChunkReader.read(objects, job.layout().selectedChunk(chunk));
        List<Future<Object>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(FETCH_THREADS);
        try {
            for (ChunkReader.ChunkObject object : chunkObjects) {
                results.add(pool.submit(() -> featuresOf(featuriser, object)));
            }
            ObjectNode out = Json.object().put("chunk", chunk).put("featuriser", featuriser.name());
            var unreadable = out.putArray("unreadable"); // the first few, to keep the workflow's state small
            int featurised = 0;
            try (FeatureFile.Writer file =
                    FeatureFile.writer(objects.create(job.layout().features(chunk), "application/octet-stream"))) {
                for (int i = 0; i < chunkObjects.size(); i++) {
                    Object result = results.get(i).get();
                    if (result instanceof Features features) {
                        file.write(chunkObjects.get(i).objectId(), features);
                        featurised++;
                    } else if (unreadable.size() < MAX_REASONS) {
                        unreadable
                                .addObject()
                                .put("datasetObjectId", chunkObjects.get(i).objectId())
                                .put("reason", (String) result);
                    }
                }
            }
            return out.put("featurised", featurised).put("unreadableObjects", chunkObjects.size() - featurised);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while featurising", e);
        } catch (ExecutionException e) {
            throw new IOException("featurising failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The object's features, or why it cannot be read. */
    private Object featuresOf(Featuriser featuriser, ChunkReader.ChunkObject object) throws IOException {
        byte[] content;
        JsonNode sourceRef = object.line().get("source-ref");
        if (sourceRef != null) {
            Optional<InputStream> in = objects.open(S3Uri.parse(sourceRef.asText()));
            if (in.isEmpty()) {
                return "no object at " + sourceRef.asText();
            }
            try (InputStream stream = in.get()) {
                content = stream.readAllBytes();
            }
        } else {
            content = object.line().path("source").asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return featuriser.featurise(content);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Trains round {@code iteration}'s model on every human label outside the validation set (a gold question's known
     * class where it is one) and stores it under {@code training/iteration-<n>/}. In round 1 of a job with an
     * {@code InitialActiveLearningModelArn}, that model is the round's model. Without any label to learn from, the
     * round has no model and labels nothing.
     */
    public ObjectNode train(String jobName, int iteration, LabelingModels models) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        AutoLabeling autoLabeling = autoLabeling(job);
        String initialModel = job.request().labelingJobAlgorithmsConfig().initialActiveLearningModelArn();
        if (iteration == 1 && initialModel != null) {
            return adoptInitialModel(job, initialModel, models);
        }
        ActiveLearningFiles files = new ActiveLearningFiles(job, objects);
        Set<String> validation = files.validationIds();
        Map<String, HumanLabel> labels = files.humanLabels();
        labels.keySet().removeAll(validation);
        List<Features> examples = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int chunk = 0; chunk < files.chunks(); chunk++) {
            Optional<InputStream> in = objects.open(job.layout().features(chunk));
            if (in.isEmpty()) {
                continue;
            }
            try (FeatureFile.Reader reader = FeatureFile.reader(in.get())) {
                for (FeatureFile.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                    HumanLabel label = labels.get(entry.objectId());
                    if (label != null) {
                        examples.add(entry.features());
                        classes.add(label.gold() != null ? label.gold() : label.label());
                    }
                }
            }
        }
        ObjectNode info = Json.object()
                .put("iteration", iteration)
                .put("dataKind", autoLabeling.dataKind().name())
                .put("trainingObjects", examples.size());
        job.categories().labelNames().forEach(info.putArray("labels")::add);
        if (examples.isEmpty()) {
            return info.put("trained", false);
        }
        Instant started = clock.instant();
        LabelingModel model = models.train(
                autoLabeling.dataKind(),
                examples,
                classes.stream().mapToInt(Integer::intValue).toArray(),
                job.categories().labelNames(),
                files.seed() + iteration);
        info.put("featuriser", model.featuriser())
                .put(
                        "trainingSeconds",
                        Duration.between(started, clock.instant()).toMillis() / 1000.0);
        var counts = info.putObject("classCounts");
        for (int c = 0; c < job.categories().labels().size(); c++) {
            int cls = c;
            counts.put(
                    job.categories().labelNames().get(c),
                    classes.stream().filter(x -> x == cls).count());
        }
        store(job, iteration, model.save(), info.put("trained", true));
        return info;
    }

    /** Round 1 of a job with an initial model: that model, as its earlier job stored it, is this round's. */
    private ObjectNode adoptInitialModel(JobContext job, String arn, LabelingModels models) throws IOException {
        ModelArn reference =
                ModelArn.parse(arn).orElseThrow(() -> new IllegalStateException("not a model ARN: " + arn));
        JobRecord earlier = jobs.get(reference.jobName())
                .orElseThrow(() -> new IllegalStateException("the job of the initial model " + arn + " is gone"));
        JobLayout earlierLayout = JobLayout.of(CreateLabelingJobRequest.parse(earlier.request()));
        byte[] saved = read(earlierLayout.model(reference.iteration()))
                .orElseThrow(() -> new IllegalStateException(
                        "the initial model " + arn + " is gone from " + earlierLayout.model(reference.iteration())));
        LabelingModel model = models.load(saved);
        String wanted = models.featuriser(autoLabeling(job).dataKind()).name();
        if (!model.featuriser().equals(wanted)) {
            throw new IllegalStateException("the initial model " + arn + " takes features '" + model.featuriser()
                    + "', which this version of Verity no longer computes ('" + wanted + "'); label without it");
        }
        ObjectNode info = Json.object()
                .put("iteration", 1)
                .put("dataKind", autoLabeling(job).dataKind().name())
                .put("trainingObjects", 0)
                .put("initialModel", arn)
                .put("featuriser", model.featuriser())
                .put("trained", true);
        model.labels().forEach(info.putArray("labels")::add);
        store(job, 1, saved, info);
        return info;
    }

    private void store(JobContext job, int iteration, byte[] model, ObjectNode info) throws IOException {
        objects.put(job.layout().model(iteration), model, "application/octet-stream");
        objects.put(
                job.layout().modelInfo(iteration),
                Json.write(info).getBytes(StandardCharsets.UTF_8),
                "application/json");
        jobs.recordModel(job.name(), iteration);
    }

    /**
     * Round {@code iteration}'s prediction for every object of one chunk: its most probable class and that
     * probability, under {@code inference/iteration-<n>/}. A round without a model predicts nothing.
     */
    public ObjectNode infer(String jobName, int iteration, int chunk, LabelingModels models) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        List<Prediction> predictions = new ArrayList<>();
        Optional<byte[]> saved = read(job.layout().model(iteration));
        Optional<InputStream> in = saved.isPresent() ? objects.open(job.layout().features(chunk)) : Optional.empty();
        if (in.isPresent()) {
            LabelingModel model = models.load(saved.get());
            try (FeatureFile.Reader reader = FeatureFile.reader(in.get())) {
                for (FeatureFile.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                    double[] probabilities = model.probabilities(entry.features());
                    int best = 0;
                    for (int c = 1; c < probabilities.length; c++) {
                        best = probabilities[c] > probabilities[best] ? c : best;
                    }
                    predictions.add(new Prediction(entry.objectId(), best, probabilities[best]));
                }
            }
        }
        JsonLinesFile.write(objects, job.layout().inference(iteration, chunk), predictions);
        return Json.object().put("chunk", chunk).put("predicted", predictions.size());
    }

    private static AutoLabeling autoLabeling(JobContext job) {
        return job.taskType()
                .autoLabeling()
                .orElseThrow(() ->
                        new IllegalStateException("task type " + job.taskType().name() + " has no automated labeling"));
    }

    private Optional<byte[]> read(S3Uri uri) throws IOException {
        Optional<InputStream> in = objects.open(uri);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        }
    }
}
