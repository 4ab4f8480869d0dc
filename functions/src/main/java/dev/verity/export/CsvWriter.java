package dev.verity.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Classification labels as RFC 4180 CSV (UTF-8, CRLF line ends, a field quoted when it holds a comma, a quote, CR or
 * LF, its quotes doubled), header {@code object,label,class_id,confidence,annotated_by}. One row per object and
 * label: a single-label (or verification) object has one row, a multi-label object one per class chosen, in the
 * label's order, each with the class's confidence from {@code confidence-map} (an object labeled with no class has
 * one row with an empty label). {@code object} is the {@code source-ref} URI or the inline {@code source} text;
 * {@code annotated_by} is {@code human} or {@code machine}, from {@code human-annotated}.
 */
final class CsvWriter {

    static final String HEADER = "object,label,class_id,confidence,annotated_by";

    private final ExportJob job;

    CsvWriter(ExportJob job) {
        this.job = job;
    }

    ExportCounts write(ManifestLines manifest, OutputStream out) throws IOException {
        long[] counts = new long[2];
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        csv.write(HEADER + "\r\n");
        boolean multi =
                OutputTypes.IMAGE_MULTI.equals(job.outputType()) || OutputTypes.TEXT_MULTI.equals(job.outputType());
        manifest.forEach((lineNo, line) -> {
            Optional<Labeled> found = Labeled.of(lineNo, line, job.labelAttribute());
            if (found.isEmpty()) {
                counts[1]++;
                return;
            }
            Labeled labeled = found.get();
            String object = labeled.sourceRef() != null ? labeled.sourceRef() : labeled.source();
            if (object == null) {
                counts[1]++;
                return;
            }
            counts[0]++;
            JsonNode metadata = labeled.metadata();
            if (multi) {
                if (labeled.value().isEmpty()) {
                    row(csv, object, "", "", "", labeled.annotatedBy());
                }
                for (JsonNode id : labeled.value()) {
                    String key = id.asText();
                    String name = metadata.path("class-map").path(key).asText(categoryOf(key));
                    JsonNode confidence = metadata.path("confidence-map").path(key);
                    row(
                            csv,
                            object,
                            name,
                            key,
                            confidence.isNumber() ? confidence.asText() : "",
                            labeled.annotatedBy());
                }
            } else {
                String key = labeled.value().asText();
                String name = metadata.path("class-name").asText(categoryOf(key));
                JsonNode confidence = metadata.path("confidence");
                row(csv, object, name, key, confidence.isNumber() ? confidence.asText() : "", labeled.annotatedBy());
            }
        });
        csv.flush();
        return new ExportCounts(counts[0], counts[1]);
    }

    private String categoryOf(String classId) {
        return classId.matches("\\d{1,9}") ? job.category(Integer.parseInt(classId)) : "";
    }

    private static void row(Writer csv, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.write(',');
            }
            csv.write(field(fields[i]));
        }
        csv.write("\r\n");
    }

    /** RFC 4180: quoted, inner quotes doubled, when the value holds a comma, a quote, CR or LF. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
