package dev.verity.manifest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a JSON Lines input manifest, one entry per non-blank line, checking each line against Ground Truth's
 * rules: a JSON object of at most {@value #MAX_OBJECT_CHARS} characters with exactly one of {@code source-ref}
 * (an {@code s3://bucket/key} URI) or {@code source} (non-empty text), no attribute name starting with {@code $},
 * and no attribute value longer than {@value #MAX_ATTRIBUTE_CHARS} characters (a string value counts its
 * characters, any other value those of its compact JSON). Characters are Java {@code char}s (UTF-16 code units).
 * The first problem found is the line's reason; a rejected line does not stop the reading. Lines end with
 * {@code \n} or {@code \r\n}; blank lines are skipped but counted in line numbers; a leading byte order mark is
 * ignored; malformed UTF-8 is read as U+FFFD.
 *
 * <p>Memory stays flat: at most one line of {@value #MAX_OBJECT_CHARS} characters is held; a longer one is
 * counted and reported, not buffered.
 */
public final class ManifestReader implements Closeable {

    public static final int MAX_OBJECT_CHARS = 100_000;
    public static final int MAX_ATTRIBUTE_CHARS = 20_000;

    private final BoundedLineReader lines;
    private final ManifestLineParser parser = new ManifestLineParser(MAX_OBJECT_CHARS, MAX_ATTRIBUTE_CHARS);

    /** Reads UTF-8 from {@code in}; closing this reader closes it. */
    public ManifestReader(InputStream in) {
        this.lines = new BoundedLineReader(in, MAX_OBJECT_CHARS);
    }

    /** The next non-blank line, accepted (DataObject) or rejected (LineError); null at end of input. */
    public ManifestEntry next() throws IOException {
        BoundedLineReader.Line line = lines.next();
        if (line == null) {
            return null;
        }
        return line.tooLong() ? parser.tooLong(line.number(), line.length()) : parser.parse(line.number(), line.text());
    }

    /** Physical lines consumed so far, blank ones included. */
    public long linesRead() {
        return lines.physicalLines();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
