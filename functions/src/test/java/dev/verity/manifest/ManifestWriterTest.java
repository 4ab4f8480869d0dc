package dev.verity.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {

    @Test
    void writesCompactJsonLinesInUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ManifestWriter writer = new ManifestWriter(out)) {
            writer.write(Json.parse("{ \"source\" : \"caf\u00e9\\nbar\" ,\n \"n\" : [ 1 , 2 ] }"));
            writer.write(Json.parse("{\"source-ref\":\"s3://bucket/key\"}"));
            assertThat(writer.linesWritten()).isEqualTo(2);
        }

        assertThat(out.toByteArray())
                .isEqualTo(("{\"source\":\"caf\u00e9\\nbar\",\"n\":[1,2]}\n{\"source-ref\":\"s3://bucket/key\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void flushesOnRequest() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter writer = new ManifestWriter(out);
        writer.write(Json.parse("{\"source\":\"a\"}"));
        assertThat(out.size()).isZero();

        writer.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"source\":\"a\"}\n");
    }

    @Test
    void refusesLinesThatAreNotObjects() {
        ManifestWriter writer = new ManifestWriter(new ByteArrayOutputStream());

        assertThatThrownBy(() -> writer.write(Json.parse("[1]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a manifest line must be a JSON object, not array");
        assertThatThrownBy(() -> writer.write(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a manifest line must be a JSON object, not null");
        assertThat(writer.linesWritten()).isZero();
    }

    @Test
    void roundTripsAManifestByteForByte() throws IOException {
        String manifest = """
                {"source-ref":"s3://bucket/images/1.jpg","my-id":"abc","animal":"horse"}
                {"source":"The food was delicious","score":0.90,"tags":["a","b"],"meta":{"k":{"deep":null}}}
                {"zz":1,"source":"\u00fcber \\"quoted\\" \\t tab","aa":12345678901234567890,"e":1E+3}
                """;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ManifestReader reader =
                        new ManifestReader(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
                ManifestWriter writer = new ManifestWriter(out)) {
            for (ManifestEntry entry = reader.next(); entry != null; entry = reader.next()) {
                writer.write(((DataObject) entry).line());
            }
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(manifest);
    }

    @Test
    void streamsTwoHundredThousandLinesWithoutHoldingThem() throws IOException {
        int lines = 200_000;
        CRC32 expected = new CRC32();
        GeneratedInputStream in = new GeneratedInputStream(lines, n -> {
            byte[] line = generatedLine(n).getBytes(StandardCharsets.UTF_8);
            if (n % 1000 != 999) {
                expected.update(line);
            }
            return line;
        });
        CheckingOutputStream out = new CheckingOutputStream();
        long errors = 0;

        try (ManifestReader reader = new ManifestReader(in);
                ManifestWriter writer = new ManifestWriter(out)) {
            for (ManifestEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry instanceof DataObject object) {
                    writer.write(object.line());
                } else {
                    assertThat(entry.lineNumber() % 1000).isZero();
                    errors++;
                }
            }
            assertThat(reader.linesRead()).isEqualTo(lines);
            assertThat(writer.linesWritten()).isEqualTo(lines - 200);
        }

        assertThat(errors).isEqualTo(200);
        assertThat(out.newlines).isEqualTo(lines - 200);
        assertThat(out.crc.getValue()).isEqualTo(expected.getValue());
    }

    /** Line n (0-based) of a generated manifest: every 1000th line lacks a source. */
    private static String generatedLine(long n) {
        String source = n % 1000 == 999 ? "\"no-source\":true" : "\"source-ref\":\"s3://bucket/images/" + n + ".jpg\"";
        return "{" + source + ",\"index\":" + n + ",\"weight\":" + (n % 7) + ".50,\"meta\":{\"tag\":\"t" + (n % 13)
                + "\"}}\n";
    }

    /** Counts and checksums what is written instead of keeping it. */
    private static final class CheckingOutputStream extends OutputStream {
        final CRC32 crc = new CRC32();
        long newlines;

        @Override
        public void write(int b) {
            crc.update(b);
            if (b == '\n') {
                newlines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    newlines++;
                }
            }
        }
    }
}
