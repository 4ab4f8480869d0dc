package dev.verity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.WorkerReport;

/** {@code GET /jobs/{name}/workers}: a job's per-worker figures. */
public final class WorkerReportJson {

    private WorkerReportJson() {}

    public static ObjectNode of(WorkerReport report) {
        ObjectNode out = Json.object();
        var list = out.putArray("workers");
        for (WorkerReport.Figures figures : report.workers()) {
            ObjectNode worker = list.addObject()
                    .put("workerId", figures.workerId())
                    .put("answers", figures.answers())
                    .put("goldAnswered", figures.goldAnswered())
                    .put("goldCorrect", figures.goldCorrect());
            if (figures.goldAccuracy() != null) {
                worker.put("goldAccuracy", figures.goldAccuracy());
            }
            if (figures.estimatedAccuracy() != null) {
                worker.put("estimatedAccuracy", figures.estimatedAccuracy());
            }
        }
        out.put("final", report.isFinal());
        out.put("LabelingJobName", report.jobName());
        return out;
    }
}
