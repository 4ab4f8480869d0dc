package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.Violation;
import dev.verity.json.Json;
import dev.verity.manifest.ManifestReader;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.manifest.TextRows;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ground Truth's automated data setup (groundtruth.md §1.2): lists an S3 prefix (every key under it, sub-folders
 * included) and writes an input manifest beside the data, {@code <prefix>dataset-YYMMDDTHHMMSS.manifest} (UTC).
 * Images ({@code .jpg .jpeg .png}, any case) become {@code {"source-ref": ...}} lines. Text becomes
 * {@code {"source": ...}} lines: one per line of each {@code .txt} file and one per row of each {@code .csv} file,
 * the row whole as written (every column; no header is dropped, as Ground Truth drops none); blank lines are
 * skipped, and so are rows over the manifest's attribute limit, which are counted in {@code skippedRows}. Earlier
 * {@code .manifest} files are never read. The listing, the text files and the manifest are all streamed.
 */
public final class ManifestCrawler {

    static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");
    static final List<String> TEXT_EXTENSIONS = List.of(".txt", ".csv");
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final ObjectStore objects;
    private final Clock clock;

    public ManifestCrawler(ObjectStore objects, Clock clock) {
        this.objects = objects;
        this.clock = clock;
    }

    /** Crawls for {@code {"s3Prefix": "s3://bucket/prefix/", "dataType": "image"|"text"}}. */
    public CrawledManifest crawl(JsonNode body) throws IOException {
        String prefixText = body.path("s3Prefix").asText(null);
        String dataType = body.path("dataType").asText(null);
        S3Uri prefix = null;
        List<Violation> violations = new java.util.ArrayList<>();
        if (prefixText == null || prefixText.isBlank()) {
            violations.add(new Violation("s3Prefix", "is required: the S3 folder to crawl, e.g. s3://bucket/images/"));
        } else {
            StringBuilder error = new StringBuilder();
            Optional<S3Uri> parsed = S3Uri.tryParse(prefixText.trim(), true, error);
            if (parsed.isEmpty()) {
                violations.add(new Violation("s3Prefix", error.toString()));
            } else {
                // A folder: "s3://b/images" means the images/ folder, not every key starting with "images".
                String key = parsed.get().key();
                prefix = key.isEmpty() || key.endsWith("/")
                        ? parsed.get()
                        : new S3Uri(parsed.get().bucket(), key + "/");
            }
        }
        if (!"image".equals(dataType) && !"text".equals(dataType)) {
            violations.add(new Violation(
                    "dataType",
                    "must be one of image, text; not " + (dataType == null ? "missing" : "'" + dataType + "'")));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        boolean images = dataType.equals("image");
        List<String> extensions = images ? IMAGE_EXTENSIONS : TEXT_EXTENSIONS;
        S3Uri manifest = prefix.resolve("dataset-" + NAME_TIME.format(clock.instant()) + ".manifest");
        long files = 0;
        long[] skipped = {0};
        try (LazyManifest out = new LazyManifest(manifest)) {
            for (S3Uri object : objects.list(prefix)) {
                String extension = extension(object.key());
                if (!extensions.contains(extension)) {
                    continue;
                }
                files++;
                if (images) {
                    out.write(Json.object().put("source-ref", object.toString()));
                } else {
                    readRows(object, extension.equals(".csv"), out, skipped);
                }
            }
            if (out.lines() == 0) {
                throw new InvalidRequestException(List.of(new Violation(
                        "s3Prefix",
                        "nothing to label under " + prefix
                                + ": looked for " + String.join(", ", extensions) + " objects (any case)"
                                + (images ? "" : " with a non-blank line") + " and found " + files + " such files")));
            }
            return new CrawledManifest(manifest, out.lines(), files, skipped[0]);
        }
    }

    private void readRows(S3Uri file, boolean csv, LazyManifest out, long[] skipped) throws IOException {
        Optional<InputStream> in = objects.open(file);
        if (in.isEmpty()) {
            return; // deleted since the listing
        }
        try (Reader reader = new InputStreamReader(
                in.get(),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            TextRows.read(reader, csv, ManifestReader.MAX_ATTRIBUTE_CHARS, new TextRows.Sink() {
                @Override
                public void row(String text) throws IOException {
                    out.write(Json.object().put("source", text));
                }

                @Override
                public void tooLong(long rowNumber) {
                    skipped[0]++;
                }
            });
        }
    }

    private static String extension(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 || dot < key.lastIndexOf('/') ? "" : key.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** The manifest, created at its first line, so a crawl that finds nothing leaves no empty file behind. */
    private final class LazyManifest implements AutoCloseable {
        private final S3Uri uri;
        private ManifestWriter writer;

        LazyManifest(S3Uri uri) {
            this.uri = uri;
        }

        void write(ObjectNode line) throws IOException {
            if (writer == null) {
                writer = new ManifestWriter(objects.create(uri, "application/x-ndjson"));
            }
            writer.write(line);
        }

        long lines() {
            return writer == null ? 0 : writer.linesWritten();
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
