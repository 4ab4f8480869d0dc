package dev.verity.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files MNIST and Fashion-MNIST ship in (gzipped or not): a big-endian magic of two zero bytes, the
 * element type (0x08, unsigned byte, is the only one they use) and the number of dimensions, then each dimension's
 * size as a 32-bit integer, then the elements.
 */
final class IdxFile {

    private static final int UNSIGNED_BYTE = 0x08;

    /** Images of {@code rows} × {@code columns} grey pixels, row by row; 0 is the background. */
    record Images(int rows, int columns, byte[][] pixels) {

        int count() {
            return pixels.length;
        }
    }

    private IdxFile() {}

    /** A three-dimensional file: images × rows × columns. */
    static Images images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] dims = header(in, 3, file);
            byte[][] pixels = new byte[dims[0]][dims[1] * dims[2]];
            for (byte[] image : pixels) {
                in.readFully(image);
            }
            return new Images(dims[1], dims[2], pixels);
        }
    }

    /** A one-dimensional file of labels, each 0 to 255. */
    static int[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] dims = header(in, 1, file);
            byte[] raw = new byte[dims[0]];
            in.readFully(raw);
            int[] labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        return new DataInputStream(file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in);
    }

    private static int[] header(DataInputStream in, int dimensions, Path file) throws IOException {
        int magic = in.readInt();
        if (magic >>> 16 != 0 || (magic >>> 8 & 0xFF) != UNSIGNED_BYTE || (magic & 0xFF) != dimensions) {
            throw new IOException(String.format(
                    "%s: not an IDX file of unsigned bytes in %d dimensions " + "(magic 0x%08x)",
                    file, dimensions, magic));
        }
        int[] sizes = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            sizes[d] = in.readInt();
            if (sizes[d] < 0) {
                throw new IOException(file + ": negative size " + sizes[d] + " in dimension " + d);
            }
        }
        return sizes;
    }
}
