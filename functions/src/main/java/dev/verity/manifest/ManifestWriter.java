package dev.verity.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.json.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes JSON Lines: each object as compact UTF-8 JSON followed by {@code \n}. */
public final class ManifestWriter implements Closeable, Flushable {

    // The shared mapper's settings, without its flush after each value: lines reach the stream a buffer at a time.
    private static final ObjectWriter LINE_WRITER =
            Json.MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    /** One generator for the whole file, so no line is built as a String first. */
    private final JsonGenerator out;

    private long linesWritten;

    /** Writes to {@code out} through a buffer; closing this writer closes it. */
    public ManifestWriter(OutputStream out) {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            this.out = Json.MAPPER.getFactory().createGenerator(text);
        } catch (IOException e) {
            throw new UncheckedIOException("creating a JSON generator, which writes nothing yet", e);
        }
        // Lines are separated by the newline written after each, not by the generator's default space.
        this.out.setRootValueSeparator(null);
    }

    /** Appends one line; it must be a JSON object, as every manifest line is. */
    public void write(JsonNode line) throws IOException {
        if (line == null || !line.isObject()) {
            throw new IllegalArgumentException("a manifest line must be a JSON object, not "
                    + (line == null ? "null" : line.getNodeType().name().toLowerCase()));
        }
        LINE_WRITER.writeValue(out, line);
        out.writeRaw('\n');
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
