package dev.verity.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes JSON Lines: each object as compact UTF-8 JSON followed by {@code \n}. */
public final class ManifestWriter implements Closeable, Flushable {

    private final Writer out;
    private long linesWritten;

    /** Writes to {@code out} through a buffer; closing this writer closes it. */
    public ManifestWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Appends one line; it must be a JSON object, as every manifest line is. */
    public void write(JsonNode line) throws IOException {
        if (line == null || !line.isObject()) {
            throw new IllegalArgumentException("a manifest line must be a JSON object, not "
                    + (line == null ? "null" : line.getNodeType().name().toLowerCase()));
        }
        out.write(Json.write(line));
        out.write('\n');
        linesWritten++;
    }

    public long linesWritten() {
        return linesWritten;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
