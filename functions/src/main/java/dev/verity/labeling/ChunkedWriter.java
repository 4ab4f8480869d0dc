package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.IntFunction;

/** Writes JSON lines into successive chunk objects of {@link JobLayout#CHUNK_SIZE} lines each. */
final class ChunkedWriter implements Closeable {

    private final ObjectStore objects;
    private final IntFunction<S3Uri> chunkUri;
    private final int chunkSize;
    private ManifestWriter current;
    private int chunks;
    private long lines;

    ChunkedWriter(ObjectStore objects, IntFunction<S3Uri> chunkUri, int chunkSize) {
        this.objects = objects;
        this.chunkUri = chunkUri;
        this.chunkSize = chunkSize;
    }

    void write(JsonNode line) throws IOException {
        if (lines % chunkSize == 0) {
            if (current != null) {
                current.close();
            }
            current = new ManifestWriter(objects.create(chunkUri.apply(chunks++), "application/x-ndjson"));
        }
        current.write(line);
        lines++;
    }

    int chunkCount() {
        return chunks;
    }

    long lineCount() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
