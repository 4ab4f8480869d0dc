package dev.verity.manifest;

import java.io.InputStream;
import java.util.function.LongFunction;

/** An input stream made of parts produced on demand, so a test can stream far more bytes than it holds. */
final class GeneratedInputStream extends InputStream {

    private final LongFunction<byte[]> parts;
    private final long partCount;
    private long nextPart;
    private byte[] current = new byte[0];
    private int pos;

    GeneratedInputStream(long partCount, LongFunction<byte[]> parts) {
        this.parts = parts;
        this.partCount = partCount;
    }

    @Override
    public int read() {
        if (!ensureData()) {
            return -1;
        }
        return current[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean ensureData() {
        while (pos == current.length) {
            if (nextPart == partCount) {
                return false;
            }
            current = parts.apply(nextPart++);
            pos = 0;
        }
        return true;
    }
}
