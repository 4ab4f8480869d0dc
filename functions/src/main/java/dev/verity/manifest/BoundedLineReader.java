package dev.verity.manifest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits UTF-8 text into its non-blank lines, holding at most {@code maxChars + 1} characters of any line: the rest
 * of a longer line is only counted, so memory stays flat whatever the line length.
 *
 * <p>Lines end with {@code \n}; the surrounding JSON whitespace (space, tab and so the {@code \r} of {@code \r\n})
 * is trimmed. A byte order mark at the start is skipped. Malformed UTF-8 becomes U+FFFD instead of an exception.
 */
final class BoundedLineReader implements Closeable {

    /** A non-blank line: its trimmed text, or null when it was longer than the limit (then only its length). */
    record Line(long number, String text, long length) {
        boolean tooLong() {
            return text == null;
        }
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int bufferPos;
    private int bufferEnd;
    private boolean started;
    private long physicalLines;

    /** The kept head of the current line, from its first non-whitespace character; at most maxChars + 1 long. */
    private final StringBuilder head = new StringBuilder(256);
    /** Length of the current line from its first to its last non-whitespace character. */
    private long trimmedLength;

    BoundedLineReader(InputStream in, int maxChars) {
        this.reader = new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxChars = maxChars;
    }

    /** The next non-blank line, or null at end of input. */
    Line next() throws IOException {
        while (readPhysicalLine()) {
            if (trimmedLength == 0) {
                continue;
            }
            if (trimmedLength > maxChars) {
                return new Line(physicalLines, null, trimmedLength);
            }
            // head may also hold trailing whitespace, and is never shorter than the trimmed line.
            return new Line(physicalLines, head.substring(0, (int) trimmedLength), trimmedLength);
        }
        return null;
    }

    /** Physical lines consumed so far, blank ones included. */
    long physicalLines() {
        return physicalLines;
    }

    /** Consumes one physical line into {@link #head} and {@link #trimmedLength}; false at end of input. */
    private boolean readPhysicalLine() throws IOException {
        head.setLength(0);
        if (bufferPos == bufferEnd && !fill()) {
            return false;
        }
        long position = 0; // characters of the line before buffer[bufferPos]
        long first = -1;
        long last = -1;
        boolean ended = false;
        while (!ended) {
            // The line's part in the buffer is scanned in place and kept with one append, not a call per character.
            int end = bufferPos;
            while (end < bufferEnd && buffer[end] != '\n') {
                if (!isJsonWhitespace(buffer[end])) {
                    if (first < 0) {
                        first = position + end - bufferPos;
                    }
                    last = position + end - bufferPos;
                }
                end++;
            }
            if (first >= 0) {
                int from = (int) Math.max(bufferPos, bufferPos + first - position);
                int kept = Math.min(maxChars + 1 - head.length(), end - from);
                if (kept > 0) {
                    head.append(buffer, from, kept);
                }
            }
            position += end - bufferPos;
            ended = end < bufferEnd;
            bufferPos = ended ? end + 1 : end;
            ended = ended || !fill();
        }
        physicalLines++;
        trimmedLength = first < 0 ? 0 : last - first + 1;
        return true;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        if (!started) {
            started = true;
            if (buffer[0] == BYTE_ORDER_MARK) {
                bufferPos = 1;
                return bufferPos < bufferEnd || fill();
            }
        }
        return true;
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
