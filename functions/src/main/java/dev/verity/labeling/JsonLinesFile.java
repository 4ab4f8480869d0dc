package dev.verity.labeling;

import dev.verity.json.Json;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verity's own small JSON Lines files of records (automated labeling's labels and predictions): bounded by a chunk
 * or a batch, so read and written whole.
 */
final class JsonLinesFile {

    private JsonLinesFile() {}

    /** The file's records, or an empty list if there is no such file. */
    static <T> List<T> read(ObjectStore objects, S3Uri uri, Class<T> type) throws IOException {
        Optional<InputStream> in = objects.open(uri);
        List<T> records = new ArrayList<>();
        if (in.isEmpty()) {
            return records;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    records.add(Json.MAPPER.readValue(line, type));
                }
            }
        }
        return records;
    }

    static void write(ObjectStore objects, S3Uri uri, List<?> records) throws IOException {
        try (ManifestWriter out = new ManifestWriter(objects.create(uri, "application/x-ndjson"))) {
            for (Object record : records) {
                out.write(Json.MAPPER.valueToTree(record));
            }
        }
    }
}
