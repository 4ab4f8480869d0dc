package dev.verity.labeling;

import dev.verity.json.Json;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Objects of successive chunks in increasing object index, read one chunk at a time. Two of them merged with
 * {@link #first} give a chained job's output order: its selected objects and the carried ones (labeled by an earlier
 * job), each list in input order already.
 */
final class OrderedChunks {

    interface ChunkSource {
        List<ChunkReader.ChunkObject> read(int chunk) throws IOException;
    }

    private final int chunkCount;
    private final ChunkSource source;
    private int chunk = -1;
    private List<ChunkReader.ChunkObject> current = List.of();
    private int position;

    OrderedChunks(int chunkCount, ChunkSource source) {
        this.chunkCount = chunkCount;
        this.source = source;
    }

    /** A job's selected chunks. */
    static OrderedChunks selected(ObjectStore objects, JobLayout layout, int chunkCount) {
        return new OrderedChunks(chunkCount, chunk -> ChunkReader.read(objects, layout.selectedChunk(chunk)));
    }

    /** A chained job's carried chunks. */
    static OrderedChunks carried(ObjectStore objects, JobLayout layout, int chunkCount) {
        return new OrderedChunks(chunkCount, chunk -> ChunkReader.read(objects, layout.carriedChunk(chunk)));
    }

    /** How many carried chunks the job's selection wrote: 0 for a job that is not chained, or not selected yet. */
    static int carriedChunkCount(ObjectStore objects, JobLayout layout) throws IOException {
        Optional<InputStream> in = objects.open(layout.carriedIndex());
        if (in.isEmpty()) {
            return 0;
        }
        try (InputStream index = in.get()) {
            return Json.MAPPER.readTree(index).path("chunkCount").asInt();
        }
    }

    /** The next object without taking it, or null at the end. */
    ChunkReader.ChunkObject peek() throws IOException {
        while (position >= current.size()) {
            if (chunk + 1 >= chunkCount) {
                return null;
            }
            current = source.read(++chunk);
            position = 0;
        }
        return current.get(position);
    }

    /** Takes the object with the lower index of the two lists' next ones; null when both are at their end. */
    static ChunkReader.ChunkObject first(OrderedChunks a, OrderedChunks b) throws IOException {
        ChunkReader.ChunkObject x = a.peek();
        ChunkReader.ChunkObject y = b.peek();
        if (x == null && y == null) {
            return null;
        }
        if (y == null || (x != null && x.index() < y.index())) {
            a.position++;
            return x;
        }
        b.position++;
        return y;
    }
}
