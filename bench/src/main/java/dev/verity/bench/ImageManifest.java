package dev.verity.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic image manifest as a fleet of cameras would give it: one {@code source-ref} line per image with the
 * camera, a detector score, the capture time and a few tags. The same seed gives the same bytes on every run.
 */
final class ImageManifest {

    /** What the filter run selects: one camera of four, and about half of its scores. */
    static final String FILTER_QUERY = "SELECT * FROM S3Object s WHERE s.\"camera\" = 'front' AND s.\"score\" > 0.5";

    private static final String[] CAMERAS = {"front", "rear", "left", "right"};
    private static final String[] TAGS = {"day", "night", "rain", "urban", "highway", "tunnel"};

    private ImageManifest() {}

    /** Writes {@code lines} lines of UTF-8 JSON to {@code out} and closes it; answers the bytes written. */
    static long write(OutputStream out, int lines, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long bytes = 0;
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < lines; i++) {
                String line = line(i, random);
                writer.write(line);
                writer.write('\n');
                bytes += line.length() + 1; // ASCII only
            }
        }
        return bytes;
    }

    private static String line(int i, SplittableRandom random) {
        String camera = CAMERAS[random.nextInt(CAMERAS.length)];
        int day = 1 + random.nextInt(28);
        int second = random.nextInt(86_400);
        return String.format(
                Locale.ROOT,
                "{\"source-ref\":\"s3://verity-data/images/%s/2026-05-%02d/%08d.jpg\",\"camera\":\"%s\","
                        + "\"score\":%.3f,\"captured-at\":\"2026-05-%02dT%02d:%02d:%02dZ\",\"tags\":[\"%s\",\"%s\"]}",
                camera,
                day,
                i,
                camera,
                random.nextDouble(),
                day,
                second / 3600,
                second / 60 % 60,
                second % 60,
                TAGS[random.nextInt(TAGS.length)],
                TAGS[random.nextInt(TAGS.length)]);
    }
}
