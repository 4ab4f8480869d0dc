package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * Writes JSON lines into successive chunk objects of {@link JobLayout#CHUNK_SIZE} lines each.
 *
 * <p>A full chunk is closed (stored, which in S3 is an upload) on a thread of its own while the next one is written,
 * so a manifest's reading never waits for the store; at most one chunk is being stored at a time, and a failure to
 * store one is thrown by the next {@link #write} or by {@link #close}.
 */
final class ChunkedWriter implements Closeable {

    private final ObjectStore objects;
    private final IntFunction<S3Uri> chunkUri;
    private final int chunkSize;
    private final ExecutorService storing = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "chunk-store");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
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
                storeInBackground(current);
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

    /** Waits for the chunk being stored, then stores {@code full} on the storing thread. */
    private void storeInBackground(ManifestWriter full) throws IOException {
        awaitStored();
        stored = CompletableFuture.runAsync(
                () -> {
                    try {
                        full.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                storing);
    }

    private void awaitStored() throws IOException {
        try {
            stored.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing a chunk");
        } catch (ExecutionException e) {
            Throwable cause =
                    e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("storing a chunk failed", cause);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            awaitStored();
        } finally {
            try {
                if (current != null) {
                    current.close();
                    current = null;
                }
            } finally {
                storing.shutdown();
            }
        }
    }
}
