package dev.verity.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;

/** A job's {@code LabelCounters} as {@code DescribeLabelingJob} reports them; all counts are non-negative. */
public record LabelCounters(
        long totalLabeled, long humanLabeled, long machineLabeled, long failedNonRetryableError, long unlabeled) {

    public LabelCounters {
        if (totalLabeled < 0
                || humanLabeled < 0
                || machineLabeled < 0
                || failedNonRetryableError < 0
                || unlabeled < 0) {
            throw new IllegalArgumentException("label counters must not be negative: "
                    + Json.write(
                            toJson(totalLabeled, humanLabeled, machineLabeled, failedNonRetryableError, unlabeled)));
        }
    }

    /** The counters of a job that has labeled nothing yet out of {@code unlabeled} objects. */
    public static LabelCounters empty(long unlabeled) {
        return new LabelCounters(0, 0, 0, 0, unlabeled);
    }

    public ObjectNode toJson() {
        return toJson(totalLabeled, humanLabeled, machineLabeled, failedNonRetryableError, unlabeled);
    }

    private static ObjectNode toJson(long total, long human, long machine, long failed, long unlabeled) {
        return Json.object()
                .put("TotalLabeled", total)
                .put("HumanLabeled", human)
                .put("MachineLabeled", machine)
                .put("FailedNonRetryableError", failed)
                .put("Unlabeled", unlabeled);
    }
}
