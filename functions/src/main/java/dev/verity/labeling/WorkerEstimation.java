package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.JobAnswers;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.ObjectAnswers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job-wide measure of the workers that each chunk's consolidation uses, in two steps so no invocation reads the
 * whole job's answers: {@link #gather} (a Map over chunks) writes each chunk's answers as class indexes, and
 * {@link #estimate} appends those compact files ({@link JobAnswers}) and runs one Dawid–Skene estimate over them.
 */
public final class WorkerEstimation {

    private final JobStore jobs;
    private final ObjectStore objects;
    private final AnswerReader answerReader;

    public WorkerEstimation(JobStore jobs, ObjectStore objects) {
        this.jobs = jobs;
        this.objects = objects;
        this.answerReader = new AnswerReader(jobs, objects);
    }

    /**
     * Closes the current human batch to workers (from now on it takes no claims or answers, so every chunk reads all
     * of them; each chunk closes it, which is idempotent), then writes the chunk's answers as class indexes for
     * {@link #estimate}, for task types that model workers. A retry writes the same file again.
     *
     * @return {"chunk", "answers"}: how many objects of the chunk have answers (0 for types that model no workers)
     */
    public ObjectNode gather(String jobName, int chunk) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        jobs.closeBatch(job.name(), job.record().batch());
        if (!modelsWorkers(job)) {
            return Json.object().put("chunk", chunk).put("answers", 0);
        }
        List<ChunkReader.ChunkObject> chunkObjects =
                ChunkReader.read(objects, job.layout().selectedChunk(chunk));
        List<ObjectAnswers> answers =
                chunkObjects.isEmpty() ? List.of() : answerReader.read(job, chunkObjects, new ArrayList<>());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        JobAnswers.write(job.taskType().classAnswers(answers, job.categories()).orElseThrow(), file);
        objects.put(answersFile(job, chunk), file.toByteArray(), "application/octet-stream");
        return Json.object().put("chunk", chunk).put("answers", answers.size());
    }

    /**
     * Measures the workers over every chunk's gathered answers and stores the model for the chunks' consolidation, so
     * each chunk judges a worker by the whole job, not by its own few thousand objects.
     *
     * @return {"workerModel": true} if a model was stored
     * @throws IllegalStateException if a chunk's answers were not gathered (the Map before this step did not run)
     */
    public ObjectNode estimate(String jobName) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        if (!modelsWorkers(job)) {
            return Json.object().put("workerModel", false);
        }
        JobAnswers all = new JobAnswers(job.categories().labels().size());
        for (int chunk = 0; chunk < job.record().chunkCount(); chunk++) {
            Optional<InputStream> file = objects.open(answersFile(job, chunk));
            if (file.isEmpty()) {
                throw new IllegalStateException("labeling job '" + job.name() + "': the answers of chunk " + chunk
                        + " of batch " + job.record().batch() + " were not gathered");
            }
            try (InputStream in = file.get()) {
                all.add(in);
            }
        }
        Optional<JsonNode> model =
                job.taskType().estimateWorkers(all, job.request().consolidation());
        if (model.isPresent()) {
            objects.put(
                    job.layout().workerModel(),
                    Json.write(model.get()).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
        return Json.object().put("workerModel", model.isPresent());
    }

    /**
     * A chunk's gathered answers: gathered again after each human batch of automated labeling (every chunk may have
     * new answers), but once for a streaming job, whose rounds each gather their own chunk only (keyed as batch 0).
     */
    private static S3Uri answersFile(JobContext job, int chunk) {
        return job.layout()
                .chunkAnswers(job.request().streaming() ? 0 : job.record().batch(), chunk);
    }

    /** Whether the job's task type measures workers: only those give their answers as classes. */
    private static boolean modelsWorkers(JobContext job) {
        return job.taskType().classAnswers(List.of(), job.categories()).isPresent();
    }
}
