package dev.verity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.AnswerHistory;
import dev.verity.labeling.ObjectPage;
import dev.verity.labeling.OutputDownload;

/**
 * The requester console's views of a job's results: {@code GET /jobs/{name}/objects}, {@code …/objects/{id}/answers}
 * and {@code …/output}. Absent values are left out, not written as null.
 */
public final class ObjectBrowserJson {

    private ObjectBrowserJson() {}

    public static ObjectNode page(ObjectPage page) {
        ObjectNode out = Json.object()
                .put("labelAttributeName", page.labelAttributeName())
                .put("taskType", page.taskType());
        if (page.labels() != null) {
            var labels = out.putArray("labels");
            page.labels().forEach(labels::add);
        }
        out.put("outputAvailable", page.outputAvailable());
        var objects = out.putArray("objects");
        page.objects().forEach(item -> objects.add(item(item)));
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    private static ObjectNode item(ObjectPage.Item item) {
        ObjectNode out = Json.object().put("line", item.line());
        putIfPresent(out, "datasetObjectId", item.datasetObjectId());
        putIfPresent(out, "source", item.source());
        putIfPresent(out, "sourceRef", item.sourceRef());
        putIfPresent(out, "sourceUrl", item.sourceUrl());
        if (item.label() != null) {
            out.set("label", item.label());
        }
        putIfPresent(out, "labelUrl", item.labelUrl());
        if (item.metadata() != null) {
            out.set("metadata", item.metadata());
        }
        if (item.confidence() != null) {
            out.put("confidence", item.confidence().doubleValue());
        }
        out.put("humanAnnotated", item.humanAnnotated());
        return out;
    }

    public static ObjectNode answers(AnswerHistory history) {
        ObjectNode out = Json.object()
                .put("labelingJobName", history.jobName())
                .put("datasetObjectId", history.datasetObjectId());
        var answers = out.putArray("answers");
        for (AnswerHistory.Entry entry : history.answers()) {
            answers.addObject()
                    .put("workerId", entry.workerId())
                    .put("submittedAt", entry.submittedAt().toString())
                    .set("answer", entry.answer());
        }
        return out;
    }

    public static ObjectNode output(OutputDownload output) {
        return Json.object().put("manifestS3Uri", output.manifestS3Uri()).put("url", output.url());
    }

    private static void putIfPresent(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
