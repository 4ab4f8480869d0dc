package dev.verity.autolabel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The features of a chunk of objects, streamed: a magic number, then per object its id and its vector (a dense
 * vector as its values only, a sparse one as index-value pairs). Written once per job by the featurise step, read by
 * every round's training and inference.
 */
public final class FeatureFile {

    private static final int MAGIC = 0x56465431; // "VFT1"

    private FeatureFile() {}

    /** One object's features. */
    public record Entry(String objectId, Features features) {}

    public static Writer writer(OutputStream out) throws IOException {
        return new Writer(out);
    }

    public static Reader reader(InputStream in) throws IOException {
        return new Reader(in);
    }

    /** Writes entries; closing it closes the stream. */
    public static final class Writer implements Closeable {
        private final DataOutputStream out;

        private Writer(OutputStream out) throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            this.out.writeInt(MAGIC);
        }

        public void write(String objectId, Features features) throws IOException {
            out.writeUTF(objectId);
            if (features.isDense()) {
                out.writeInt(-features.size());
            } else {
                out.writeInt(features.size());
                for (int index : features.indices()) {
                    out.writeInt(index);
                }
            }
            for (float value : features.values()) {
                out.writeFloat(value);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads entries in the order they were written; closing it closes the stream. */
    public static final class Reader implements Closeable {
        private final DataInputStream in;

        private Reader(InputStream in) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            int magic = this.in.readInt();
            if (magic != MAGIC) {
                throw new IOException("not a Verity feature file (magic " + Integer.toHexString(magic) + ")");
            }
        }

        /** The next entry, or null at the end. */
        public Entry next() throws IOException {
            String objectId;
            try {
                objectId = in.readUTF();
            } catch (EOFException end) {
                return null;
            }
            int n = in.readInt();
            int size = Math.abs(n);
            int[] indices = new int[size];
            for (int i = 0; i < size; i++) {
                indices[i] = n < 0 ? i : in.readInt();
            }
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = in.readFloat();
            }
            return new Entry(objectId, new Features(indices, values));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
