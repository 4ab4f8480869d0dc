package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    @Test
    void readsGzippedImagesRowByRowWithTheirDimensions() throws IOException {
        Path file = dir.resolve("images-idx3-ubyte.gz");
        write(file, true, 0x0803, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});

        IdxFile.Images images = IdxFile.images(file);

        assertThat(images.count()).isEqualTo(2);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.columns()).isEqualTo(3);
        assertThat(images.pixels()[0]).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(images.pixels()[1]).containsExactly(6, 7, 8, 9, 10, (byte) 255);
    }

    @Test
    void readsUncompressedLabelsAsUnsignedValues() throws IOException {
        Path file = dir.resolve("labels-idx1-ubyte");
        write(file, false, 0x0801, new int[] {4}, new byte[] {0, 9, 3, (byte) 200});

        assertThat(IdxFile.labels(file)).containsExactly(0, 9, 3, 200);
    }

    @Test
    void refusesAFileOfAnotherShape() throws IOException {
        Path file = dir.resolve("labels-idx1-ubyte");
        write(file, false, 0x0801, new int[] {1}, new byte[] {1});

        assertThatThrownBy(() -> IdxFile.images(file)).hasMessageContaining("not an IDX file of unsigned bytes in 3");
    }

    @Test
    void refusesAFileCutShort() throws IOException {
        Path file = dir.resolve("labels-idx1-ubyte");
        write(file, false, 0x0801, new int[] {10}, new byte[] {1, 2});

        assertThatThrownBy(() -> IdxFile.labels(file)).isInstanceOf(IOException.class);
    }

    static void write(Path file, boolean gzip, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        try (OutputStream out =
                gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes.toByteArray());
        }
    }
}
