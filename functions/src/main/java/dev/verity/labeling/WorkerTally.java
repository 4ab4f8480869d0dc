package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-worker figures of a job: answers given and, on gold questions, how many were right. Tallied per chunk while
 * consolidating, merged when the output is written, reported by {@code GET /jobs/{name}/workers}.
 */
final class WorkerTally {

    private static final class Counts {
        long answers;
        long goldAnswered;
        long goldCorrect;
    }

    private final Map<String, Counts> workers = new TreeMap<>();

    void answer(String workerId) {
        workers.computeIfAbsent(workerId, w -> new Counts()).answers++;
    }

    void goldAnswer(String workerId, boolean correct) {
        Counts counts = workers.computeIfAbsent(workerId, w -> new Counts());
        counts.goldAnswered++;
        if (correct) {
            counts.goldCorrect++;
        }
    }

    /** Adds a tally written by {@link #toJson()}. */
    void merge(JsonNode json) {
        for (JsonNode worker : json.path("workers")) {
            Counts counts = workers.computeIfAbsent(worker.get("workerId").asText(), w -> new Counts());
            counts.answers += worker.path("answers").asLong();
            counts.goldAnswered += worker.path("goldAnswered").asLong();
            counts.goldCorrect += worker.path("goldCorrect").asLong();
        }
    }

    /** Each worker's figures, by worker id; no estimated accuracy (the job's worker model has that). */
    List<WorkerReport.Figures> figures() {
        List<WorkerReport.Figures> figures = new ArrayList<>();
        workers.forEach((id, counts) -> figures.add(new WorkerReport.Figures(
                id,
                counts.answers,
                counts.goldAnswered,
                counts.goldCorrect,
                counts.goldAnswered > 0
                        ? BigDecimal.valueOf(counts.goldCorrect)
                                .divide(BigDecimal.valueOf(counts.goldAnswered), 4, RoundingMode.HALF_UP)
                        : null,
                null)));
        return figures;
    }

    /**
     * The stored form, {@code {"workers": [{"workerId", "answers", "goldAnswered", "goldCorrect", "goldAccuracy"?}]}},
     * by worker id.
     */
    ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("workers");
        for (WorkerReport.Figures figures : figures()) {
            ObjectNode worker = list.addObject()
                    .put("workerId", figures.workerId())
                    .put("answers", figures.answers())
                    .put("goldAnswered", figures.goldAnswered())
                    .put("goldCorrect", figures.goldCorrect());
            if (figures.goldAccuracy() != null) {
                worker.put("goldAccuracy", figures.goldAccuracy());
            }
        }
        return json;
    }
}
