package dev.verity.labeling;

import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects of one human batch in their order, read by position from the batch's chunk files: a human-only job's
 * selected chunks (batch 1), or the batch file of an automated-labeling round or of a streaming job's round (batch 2 on:
 * round 1 of a stream is batch 2, after its initial manifest's).
 */
final class BatchObjects {

    /**
     * Chunk files read before, for the calls that follow (a function instance serves many): they never change once
     * written, so every size read is kept, and the few chunks read last, since a batch is sent in order.
     */
    static final class Chunks {
        private static final int KEPT = 4;
        private final ObjectStore objects;
        private final Map<S3Uri, Integer> sizes = new ConcurrentHashMap<>();
        private final Map<S3Uri, List<ChunkReader.ChunkObject>> recent = new LinkedHashMap<>(KEPT, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<S3Uri, List<ChunkReader.ChunkObject>> eldest) {
                return size() > KEPT;
            }
        };

        Chunks(ObjectStore objects) {
            this.objects = objects;
        }

        Integer size(S3Uri source) {
            return sizes.get(source);
        }

        List<ChunkReader.ChunkObject> read(S3Uri source) throws IOException {
            synchronized (recent) {
                List<ChunkReader.ChunkObject> chunk = recent.get(source);
                if (chunk != null) {
                    return chunk;
                }
            }
            List<ChunkReader.ChunkObject> chunk = ChunkReader.read(objects, source);
            sizes.put(source, chunk.size());
            synchronized (recent) {
                recent.put(source, chunk);
            }
            return chunk;
        }
    }

    private final Chunks chunks;
    private final List<S3Uri> sources;

    BatchObjects(Chunks chunks, JobContext job, int batch) {
        this.chunks = chunks;
        this.sources = new ArrayList<>();
        if (job.request().autoLabels() || batch > 1) {
            sources.add(job.layout().humanBatch(batch));
        } else {
            for (int chunk = 0; chunk < job.record().chunkCount(); chunk++) {
                sources.add(job.layout().selectedChunk(chunk));
            }
        }
    }

    /** The objects at positions [from, to) of the batch (fewer if the batch ends first). */
    List<ChunkReader.ChunkObject> range(long from, long to) throws IOException {
        List<ChunkReader.ChunkObject> out = new ArrayList<>();
        long start = 0;
        for (S3Uri source : sources) {
            if (start >= to) {
                break;
            }
            Integer size = chunks.size(source);
            if (size != null && start + size <= from) {
                start += size;
                continue;
            }
            List<ChunkReader.ChunkObject> chunk = chunks.read(source);
            for (int i = (int) Math.max(0, from - start); i < chunk.size() && start + i < to; i++) {
                out.add(chunk.get(i));
            }
            start += chunk.size();
        }
        return out;
    }
}
