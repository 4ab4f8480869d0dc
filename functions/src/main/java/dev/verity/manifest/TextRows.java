package dev.verity.manifest;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits text into the rows that become data objects in Ground Truth's automated data setup: a {@code .txt} file's
 * lines, or a {@code .csv} file's rows. A CSV row ends at a line break outside double quotes (RFC 4180), so a quoted
 * field may span lines; the row is kept whole, as written, since Ground Truth makes "each row" one object. A
 * trailing {@code \r} and a leading byte order mark are dropped; blank rows are skipped. Memory stays flat: a row
 * longer than the limit is only counted.
 */
public final class TextRows {

    /** What a row reader hands out: a row's text, or the news that a row was too long to keep. */
    public interface Sink {
        void row(String text) throws IOException;

        void tooLong(long rowNumber) throws IOException;
    }

    private TextRows() {}

    /** Reads every row of {@code in}; rows over {@code maxChars} characters go to {@link Sink#tooLong}. */
    public static void read(Reader in, boolean csv, int maxChars, Sink sink) throws IOException {
        StringBuilder row = new StringBuilder();
        long length = 0;
        long rowNumber = 0;
        boolean quoted = false;
        boolean first = true;
        char[] buffer = new char[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                if (first) {
                    first = false;
                    if (c == '\uFEFF') {
                        continue;
                    }
                }
                if (c == '\n' && !quoted) {
                    emit(row, length, ++rowNumber, maxChars, sink);
                    row.setLength(0);
                    length = 0;
                    continue;
                }
                if (csv && c == '"') {
                    quoted = !quoted; // an escaped quote ("") toggles twice
                }
                length++;
                if (row.length() <= maxChars) {
                    row.append(c);
                }
            }
        }
        if (length > 0) {
            emit(row, length, ++rowNumber, maxChars, sink);
        }
    }

    private static void emit(StringBuilder row, long length, long rowNumber, int maxChars, Sink sink)
            throws IOException {
        if (length > 0 && row.charAt(row.length() - 1) == '\r' && length <= maxChars + 1) {
            row.setLength(row.length() - 1);
            length--;
        }
        if (length > maxChars) {
            sink.tooLong(rowNumber);
        } else if (!row.toString().isBlank()) {
            sink.row(row.toString());
        }
    }
}
