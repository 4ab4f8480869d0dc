package dev.verity.labeling;

import dev.verity.autolabel.Prediction;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a job's automated-labeling files, across its chunks and rounds (see {@link JobLayout}). */
final class ActiveLearningFiles {

    private final JobContext job;
    private final ObjectStore objects;

    ActiveLearningFiles(JobContext job, ObjectStore objects) {
        this.job = job;
        this.objects = objects;
    }

    /** The seed of the job's random choices and trainings: its name, so a retried step chooses the same. */
    long seed() {
        return Integer.toUnsignedLong(job.name().toLowerCase(Locale.ROOT).hashCode());
    }

    int chunks() {
        return job.record().chunkCount();
    }

    List<ChunkReader.ChunkObject> selected(int chunk) throws IOException {
        return ChunkReader.read(objects, job.layout().selectedChunk(chunk));
    }

    Set<String> validationIds() throws IOException {
        return ids(ChunkReader.read(objects, job.layout().validationSet()));
    }

    /** The objects sent to humans in batches 1 to {@code lastBatch}. */
    Set<String> humanBatchIds(int lastBatch) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (int batch = 1; batch <= lastBatch; batch++) {
            ids.addAll(ids(ChunkReader.read(objects, job.layout().humanBatch(batch))));
        }
        return ids;
    }

    /** Every chunk's human labels, by object id. */
    Map<String, HumanLabel> humanLabels() throws IOException {
        Map<String, HumanLabel> labels = new HashMap<>();
        for (int chunk = 0; chunk < chunks(); chunk++) {
            for (HumanLabel label : JsonLinesFile.read(objects, job.layout().humanLabels(chunk), HumanLabel.class)) {
                labels.put(label.datasetObjectId(), label);
            }
        }
        return labels;
    }

    /** One round's predictions for one chunk, by object id. */
    Map<String, Prediction> predictions(int iteration, int chunk) throws IOException {
        Map<String, Prediction> predictions = new HashMap<>();
        for (Prediction p : JsonLinesFile.read(objects, job.layout().inference(iteration, chunk), Prediction.class)) {
            predictions.put(p.datasetObjectId(), p);
        }
        return predictions;
    }

    /** The objects that rounds 1 to {@code lastRound} labeled by machine. */
    Set<String> machineLabeledIds(int lastRound) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (int round = 1; round <= lastRound; round++) {
            for (int chunk = 0; chunk < chunks(); chunk++) {
                JsonLinesFile.read(objects, job.layout().machineLabels(round, chunk), Prediction.class)
                        .forEach(p -> ids.add(p.datasetObjectId()));
            }
        }
        return ids;
    }

    private static Set<String> ids(List<ChunkReader.ChunkObject> objects) {
        Set<String> ids = new LinkedHashSet<>();
        objects.forEach(o -> ids.add(o.objectId()));
        return ids;
    }
}
