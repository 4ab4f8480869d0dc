package dev.verity.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.export.ExportFormat;
import dev.verity.export.ExportResult;
import dev.verity.json.Json;
import java.util.List;

/** An export of a job's labels as the console and the CLI get it ({@code GET /jobs/{name}/export}). */
public final class ExportJson {

    private ExportJson() {}

    public static ObjectNode export(ExportResult export, List<ExportFormat> applicable) {
        ObjectNode out = Json.object()
                .put("LabelingJobName", export.jobName())
                .put("format", export.format().id())
                .put("s3Uri", export.s3Uri())
                .put("url", export.url())
                .put("fileName", export.fileName())
                .put("contentType", export.format().contentType())
                .put("expiresInSeconds", export.validity().toSeconds())
                .put("objects", export.counts().objects())
                .put("skipped", export.counts().skipped());
        ArrayNode formats = out.putArray("applicableFormats");
        applicable.forEach(f -> formats.add(f.id()));
        return out;
    }
}
