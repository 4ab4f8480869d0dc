package dev.verity.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.RoundsReport;

/** A job's rounds of automated labeling as the console gets them ({@code GET /jobs/{name}/rounds}). */
public final class RoundsJson {

    private RoundsJson() {}

    public static ObjectNode report(RoundsReport report) {
        ObjectNode out =
                Json.object().put("LabelingJobName", report.jobName()).put("autoLabeling", report.autoLabeling());
        ArrayNode rounds = out.putArray("rounds");
        report.rounds().forEach(rounds::add);
        return out;
    }
}
