package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.store.Assignment;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.ObjectAnswers;
import dev.verity.tasktype.WorkerAnswer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The submitted answers to one chunk's objects, as consolidation and the workers' estimate read them. */
final class AnswerReader {

    private final JobStore jobs;
    private final ObjectStore objects;

    AnswerReader(JobStore jobs, ObjectStore objects) {
        this.jobs = jobs;
        this.objects = objects;
    }

    /**
     * The answers to a chunk's objects, in the chunk's order, each object with its gold label if it has one; objects
     * without answers are left out. Adds every answer read to {@code submitted}, its content resolved (a large
     * answer's read back from its file).
     */
    List<ObjectAnswers> read(JobContext job, List<ChunkReader.ChunkObject> chunkObjects, List<Assignment> submitted)
            throws IOException {
        Map<String, List<WorkerAnswer>> answers = new LinkedHashMap<>();
        for (Assignment a : jobs.submittedAnswers(
                job.name(),
                chunkObjects.get(0).index(),
                chunkObjects.get(chunkObjects.size() - 1).index())) {
            JsonNode content = AnswerReference.resolve(objects, a.answer());
            answers.computeIfAbsent(a.objectId(), k -> new ArrayList<>()).add(new WorkerAnswer(a.workerId(), content));
            submitted.add(a.submitted(a.submittedAt(), content));
        }
        return chunkObjects.stream()
                .filter(o -> answers.containsKey(o.objectId()))
                .map(o -> new ObjectAnswers(o.objectId(), answers.get(o.objectId()), gold(job, o.line())))
                .toList();
    }

    /** The object's known true label if the job has gold questions and this is one, else null. */
    private static JsonNode gold(JobContext job, ObjectNode line) {
        if (job.request().goldStandard() == null) {
            return null;
        }
        JsonNode gold = line.get(job.request().goldStandard().attributeName());
        return gold == null || gold.isNull() ? null : gold;
    }
}
