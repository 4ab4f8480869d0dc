package dev.verity.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * spaCy-style JSON lines, one per labeled object: {@code {"text": …, "entities": [[start, end, label], …]}}, the
 * offsets Ground Truth's (Unicode code points, end exclusive: Python's string indexes, as spaCy's
 * {@code Doc.char_span} takes them), entities sorted by start; and {@code "meta"} with the object's line number and
 * who labeled it.
 */
final class SpacyWriter {

    private final ExportJob job;

    SpacyWriter(ExportJob job) {
        this.job = job;
    }

    ExportCounts write(ManifestLines manifest, OutputStream out) throws IOException {
        long[] counts = new long[2];
        manifest.forEach((lineNo, line) -> {
            Optional<Labeled> labeled = Labeled.of(lineNo, line, job.labelAttribute());
            if (labeled.isEmpty() || labeled.get().source() == null) {
                counts[1]++;
                return;
            }
            counts[0]++;
            String source = labeled.get().source();
            ObjectNode row = Json.object().put("text", source);
            ArrayNode entities = row.putArray("entities");
            for (EntityLabel.Entity e :
                    EntityLabel.read(labeled.get().value(), source).entities()) {
                entities.addArray()
                        .add(e.codePointStart())
                        .add(e.codePointEnd())
                        .add(e.label());
            }
            row.putObject("meta")
                    .put("line", lineNo)
                    .put("annotated_by", labeled.get().annotatedBy());
            out.write(Json.write(row).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        });
        out.flush();
        return new ExportCounts(counts[0], counts[1]);
    }
}
