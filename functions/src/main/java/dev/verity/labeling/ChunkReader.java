package dev.verity.labeling;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Verity's own chunk files: one {@code {"datasetObjectId": "...", "line": {...}}} per line. They are written
 * by Verity and bounded by the chunk size, so a chunk is read whole.
 */
final class ChunkReader {

    /** One data object of a chunk: its stable id and its manifest line. */
    record ChunkObject(String objectId, ObjectNode line) {
        long index() {
            return Long.parseLong(objectId);
        }
    }

    private ChunkReader() {}

    /**
     * One parser reads the chunk's lines as a sequence of JSON objects, numbers as written, as the manifest's lines
     * were read: the output copies them unchanged.
     */
    private static final ObjectReader LINES = Json.EXACT_NUMBERS.forType(ObjectNode.class);

    static List<ChunkObject> read(ObjectStore objects, S3Uri uri) throws IOException {
        InputStream in = objects.open(uri).orElseThrow(() -> new IllegalStateException("missing chunk " + uri));
        List<ChunkObject> result = new ArrayList<>();
        try (MappingIterator<ObjectNode> nodes = LINES.readValues(in)) {
            while (nodes.hasNextValue()) {
                ObjectNode node = nodes.nextValue();
                result.add(new ChunkObject(node.get("datasetObjectId").asText(), (ObjectNode) node.get("line")));
            }
        }
        return result;
    }

    static ObjectNode toJson(String objectId, ObjectNode line) {
        ObjectNode node = Json.object().put("datasetObjectId", objectId);
        node.set("line", line);
        return node;
    }
}
