package dev.verity.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestReaderTest {

    // ---- accepted lines ----

    @Test
    void acceptsSourceRefLine() throws IOException {
        List<ManifestEntry> entries = readAll("{\"source-ref\": \"s3://my-bucket/images/0001.jpg\"}\n");

        assertThat(entries).singleElement().isInstanceOfSatisfying(DataObject.class, object -> {
            assertThat(object.lineNumber()).isEqualTo(1);
            assertThat(object.isSourceRef()).isTrue();
            assertThat(object.sourceRef()).isEqualTo("s3://my-bucket/images/0001.jpg");
            assertThat(object.source()).isNull();
        });
    }

    @Test
    void acceptsSourceLine() throws IOException {
        List<ManifestEntry> entries = readAll("{\"source\": \"The food was delicious\"}\n");

        assertThat(entries).singleElement().isInstanceOfSatisfying(DataObject.class, object -> {
            assertThat(object.isSourceRef()).isFalse();
            assertThat(object.source()).isEqualTo("The food was delicious");
            assertThat(object.sourceRef()).isNull();
        });
    }

    @Test
    void acceptsWhitespaceAroundTheObject() throws IOException {
        assertThat(readAll("  \t{\"source\": \"a\"}  \t\n")).singleElement().isInstanceOf(DataObject.class);
    }

    // ---- the line must be one JSON object ----

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[1, 2]          | line is an array, not a JSON object",
                "\"text\"        | line is a string, not a JSON object",
                "42              | line is a number, not a JSON object",
                "true            | line is a boolean, not a JSON object",
                "null            | line is null, not a JSON object"
            })
    void rejectsLinesThatAreNotObjects(String line, String reason) throws IOException {
        assertThat(readAll("{\"source\":\"ok\"}\n" + line + "\n"))
                .containsExactly(dataObject(1, "{\"source\":\"ok\"}"), new LineError(2, reason));
    }

    @Test
    void rejectsMalformedJsonWithTheParsersReason() throws IOException {
        LineError error = singleError("{\"source\": \"a\", oops}\n");

        assertThat(error.reason())
                .startsWith("malformed JSON at character 17: ")
                .contains("Unexpected character ('o'")
                .doesNotContain("[Source:");
    }

    @Test
    void rejectsAnUnterminatedObjectWithoutJacksonsSourceNoise() throws IOException {
        assertThat(singleError("{\"source\": \"a\"").reason())
                .isEqualTo("malformed JSON at character 15: Unexpected end-of-input: expected close marker for Object");
    }

    @Test
    void rejectsNumbersTheParserCannotHold() throws IOException {
        assertThat(singleError("{\"source\":\"a\",\"n\":1e99999999999}").reason())
                .startsWith("malformed JSON: unreadable number: ")
                .contains("1e99999999999");
        assertThat(singleError("{\"source\":\"a\",\"n\":" + "1".repeat(1200) + "}")
                        .reason())
                .startsWith("malformed JSON: Number value length (1200) exceeds the maximum allowed");
    }

    @Test
    void rejectsNestingDeeperThanTheParserAllows() throws IOException {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThat(singleError("{\"source\":\"a\",\"n\":" + deep + "}").reason())
                .startsWith("malformed JSON")
                .contains("nesting depth");
    }

    @Test
    void rejectsASecondValueAfterTheObject() throws IOException {
        assertThat(singleError("{\"source\":\"a\"} {\"source\":\"b\"}\n").reason())
                .isEqualTo("malformed JSON at character 16: unexpected content after the first JSON value");
    }

    @Test
    void rejectsARepeatedAttributeRatherThanDroppingOne() throws IOException {
        assertThat(singleError("{\"source\":\"a\",\"tag\":1,\"tag\":2}\n").reason())
                .isEqualTo("malformed JSON at character 28: Duplicate field 'tag'");
    }

    // ---- exactly one of source-ref / source ----

    @Test
    void rejectsBothSourceRefAndSource() throws IOException {
        assertThat(singleError("{\"source-ref\":\"s3://bucket/key\",\"source\":\"text\"}")
                        .reason())
                .isEqualTo("object has both \"source-ref\" and \"source\"; exactly one is required");
    }

    @Test
    void rejectsNeitherSourceRefNorSource() throws IOException {
        assertThat(singleError("{\"my-id\":\"abc\"}").reason())
                .isEqualTo("object has neither \"source-ref\" nor \"source\"; exactly one is required");
    }

    @Test
    void rejectsAnEmptyObject() throws IOException {
        assertThat(singleError("{}").reason())
                .isEqualTo("object has neither \"source-ref\" nor \"source\"; exactly one is required");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"source-ref\": 7}         | \"source-ref\" must be a string, not a number",
                "{\"source-ref\": null}      | \"source-ref\" must be a string, not null",
                "{\"source-ref\": [\"s3://b/k\"]} | \"source-ref\" must be a string, not an array",
                "{\"source\": {\"text\":\"a\"}}  | \"source\" must be a string, not an object",
                "{\"source\": false}         | \"source\" must be a string, not a boolean",
                "{\"source\": \"\"}          | \"source\" is empty"
            })
    void rejectsSourceValuesOfTheWrongKind(String line, String reason) throws IOException {
        assertThat(singleError(line).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://bucket/key.jpg | is not an s3:// URI",
                "s3://bucket            | has no object key",
                "s3://bucket/           | has no object key",
                "s3://Bad_Bucket/key    | invalid bucket name 'Bad_Bucket'"
            })
    void rejectsSourceRefsThatAreNotS3ObjectUris(String uri, String problem) throws IOException {
        assertThat(singleError("{\"source-ref\":\"" + uri + "\"}").reason())
                .startsWith("\"source-ref\" is not an S3 object URI: ")
                .contains(uri)
                .contains(problem);
    }

    // ---- size limits ----

    @Test
    void acceptsAnObjectOfExactlyTheLimit() throws IOException {
        String line = objectOfLength(ManifestReader.MAX_OBJECT_CHARS);

        assertThat(readAll(line + "\n")).singleElement().isInstanceOf(DataObject.class);
    }

    @Test
    void acceptsAnObjectOfExactlyTheLimitFollowedByWhitespace() throws IOException {
        String line = objectOfLength(ManifestReader.MAX_OBJECT_CHARS);

        assertThat(readAll(line + "     \r\n")).singleElement().isInstanceOf(DataObject.class);
    }

    @Test
    void rejectsAnObjectOneCharacterOverTheLimit() throws IOException {
        String line = objectOfLength(ManifestReader.MAX_OBJECT_CHARS + 1);

        assertThat(readAll(line + "\n"))
                .containsExactly(new LineError(1, "object is 100001 characters long; the limit is 100000 characters"));
    }

    @Test
    void rejectsAMillionCharacterLineAndReadsOn() throws IOException {
        String huge = "{\"source\":\"" + "x".repeat(1_000_000) + "\"}";
        String manifest = "{\"source\":\"first\"}\n" + huge + "\n{\"source\":\"after\"}\n";

        assertThat(readAll(manifest))
                .containsExactly(
                        dataObject(1, "{\"source\":\"first\"}"),
                        new LineError(2, "object is 1000013 characters long; the limit is 100000 characters"),
                        dataObject(3, "{\"source\":\"after\"}"));
    }

    @Test
    void rejectsA50MegabyteLineWithoutHoldingItAndReadsTheNextLine() throws IOException {
        byte[] head = "{\"source\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'x');
        int fillerParts = 800; // 52,428,800 characters
        byte[] tail = "\"}\n{\"source-ref\":\"s3://bucket/next.jpg\"}\n".getBytes(StandardCharsets.UTF_8);
        long lineLength = head.length + (long) filler.length * fillerParts + 2;
        InputStream in = new GeneratedInputStream(
                fillerParts + 2, part -> part == 0 ? head : part <= fillerParts ? filler : tail);

        com.sun.management.ThreadMXBean threads = allocationCounter();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        List<ManifestEntry> entries = readAll(in);
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(entries)
                .containsExactly(
                        new LineError(
                                1, "object is " + lineLength + " characters long; the limit is 100000 characters"),
                        dataObject(2, "{\"source-ref\":\"s3://bucket/next.jpg\"}"));
        // The line is 50 MB as bytes and 100 MB as Java chars; the reader keeps at most 100,001 chars of it.
        assertThat(allocated).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void acceptsAnAttributeOfExactlyTheLimit() throws IOException {
        String line = "{\"source\":\"s\",\"note\":\"" + "n".repeat(ManifestReader.MAX_ATTRIBUTE_CHARS) + "\"}";

        assertThat(readAll(line)).singleElement().isInstanceOf(DataObject.class);
    }

    @Test
    void rejectsAStringAttributeOverTheLimitNamingIt() throws IOException {
        String line = "{\"source\":\"s\",\"note\":\"" + "n".repeat(ManifestReader.MAX_ATTRIBUTE_CHARS + 1) + "\"}";

        assertThat(singleError(line).reason())
                .isEqualTo("attribute \"note\" is 20001 characters long; the limit is 20000 characters");
    }

    @Test
    void rejectsALongSourceAsAnAttributeOverTheLimit() throws IOException {
        String line = "{\"source\":\"" + "s".repeat(25_000) + "\"}";

        assertThat(singleError(line).reason())
                .isEqualTo("attribute \"source\" is 25000 characters long; the limit is 20000 characters");
    }

    @Test
    void measuresANestedAttributeByItsCompactJson() throws IOException {
        // {"a":"<19,990 chars>"} is 19,998 characters; one more nested field takes it over the limit.
        String fits = "{\"a\":\"" + "y".repeat(19_990) + "\"}";
        String over = "{\"a\":\"" + "y".repeat(19_990) + "\",\"b\":1}";

        assertThat(readAll("{\"source\":\"s\",\"meta\": " + fits + "}"))
                .singleElement()
                .isInstanceOf(DataObject.class);
        assertThat(singleError("{\"source\":\"s\",\"meta\": " + over + "}").reason())
                .isEqualTo("attribute \"meta\" is 20004 characters long; the limit is 20000 characters");
    }

    // ---- attribute names ----

    @Test
    void rejectsAnAttributeNameStartingWithDollarNamingIt() throws IOException {
        assertThat(singleError("{\"source\":\"s\",\"$meta\":1}").reason())
                .isEqualTo("attribute name \"$meta\" starts with '$', which is not allowed");
    }

    @Test
    void allowsDollarInsideNamesAndInNestedObjects() throws IOException {
        assertThat(readAll("{\"source\":\"s\",\"price$\":1,\"meta\":{\"$ref\":\"x\"}}"))
                .singleElement()
                .isInstanceOf(DataObject.class);
    }

    // ---- pass-through ----

    @Test
    void keepsExtraAttributesInTheirOrderWithNestedValuesAndNumberFormats() throws IOException {
        String line = "{\"zeta\":1,\"source-ref\":\"s3://bucket/a.jpg\",\"alpha\":{\"nested\":[1,2.50,{\"x\":null}]},"
                + "\"price\":1.10,\"whole\":1.0,\"big\":123456789012345678901234567890,"
                + "\"exp\":1E+10,\"neg\":-0.000120,\"flag\":true,\"text\":\"caf\u00e9 \u2603 \\\"quoted\\\"\"}";

        DataObject object = (DataObject) readAll(line).get(0);

        assertThat(object.line().fieldNames())
                .toIterable()
                .containsExactly("zeta", "source-ref", "alpha", "price", "whole", "big", "exp", "neg", "flag", "text");
        assertThat(object.line().get("price").decimalValue()).hasToString("1.10");
        assertThat(writeAll(object.line())).isEqualTo(line + "\n");
    }

    @Test
    void keepsTheValueOfNumbersInOtherNotations() throws IOException {
        DataObject object = (DataObject)
                readAll("{\"source\":\"s\",\"n\":1e5,\"m\":2.5e-3}").get(0);

        assertThat(object.line().get("n").decimalValue()).isEqualByComparingTo("100000");
        assertThat(object.line().get("m").decimalValue()).isEqualByComparingTo("0.0025");
    }

    // ---- line structure ----

    @Test
    void ignoresAByteOrderMarkAtTheStart() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] line = "{\"source\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(new ByteArrayInputStream(concat(bom, line))))
                .containsExactly(dataObject(1, "{\"source\":\"a\"}"));
    }

    @Test
    void treatsAByteOrderMarkAfterTheStartAsContent() throws IOException {
        List<ManifestEntry> entries = readAll("{\"source\":\"a\"}\n\uFEFF{\"source\":\"b\"}\n");

        assertThat(entries.get(0)).isEqualTo(dataObject(1, "{\"source\":\"a\"}"));
        assertThat(entries.get(1))
                .isInstanceOfSatisfying(
                        LineError.class, error -> assertThat(error.reason()).startsWith("malformed JSON"));
    }

    @Test
    void readsCrLfLinesAndStripsTheCarriageReturn() throws IOException {
        try (ManifestReader reader = reader("{\"source\":\"a\"}\r\n{\"source\":\"b\\r\"}\r\n")) {
            assertThat(reader.next()).isEqualTo(dataObject(1, "{\"source\":\"a\"}"));
            DataObject second = (DataObject) reader.next();
            assertThat(second.lineNumber()).isEqualTo(2);
            assertThat(second.source()).isEqualTo("b\r");
            assertThat(reader.next()).isNull();
            assertThat(reader.linesRead()).isEqualTo(2);
        }
    }

    @Test
    void skipsBlankLinesButCountsThemInLineNumbers() throws IOException {
        String manifest = "\n{\"source\":\"a\"}\n   \n\t\r\n\r\n{\"nope\":1}\n\n{\"source\":\"c\"}\n\n";

        try (ManifestReader reader = reader(manifest)) {
            assertThat(reader.next()).isEqualTo(dataObject(2, "{\"source\":\"a\"}"));
            assertThat(reader.linesRead()).isEqualTo(2);
            assertThat(reader.next())
                    .isEqualTo(new LineError(
                            6, "object has neither \"source-ref\" nor \"source\"; exactly one is required"));
            assertThat(reader.next()).isEqualTo(dataObject(8, "{\"source\":\"c\"}"));
            assertThat(reader.next()).isNull();
            assertThat(reader.linesRead()).isEqualTo(9);
        }
    }

    @Test
    void readsALastLineWithoutNewline() throws IOException {
        try (ManifestReader reader = reader("{\"source\":\"a\"}\n{\"source\":\"b\"}")) {
            assertThat(reader.next()).isEqualTo(dataObject(1, "{\"source\":\"a\"}"));
            assertThat(reader.next()).isEqualTo(dataObject(2, "{\"source\":\"b\"}"));
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.linesRead()).isEqualTo(2);
        }
    }

    @Test
    void readsNothingFromEmptyInput() throws IOException {
        try (ManifestReader reader = reader("")) {
            assertThat(reader.next()).isNull();
            assertThat(reader.linesRead()).isZero();
        }
    }

    @Test
    void reportsEveryBadLineWithItsNumberAndKeepsGoing() throws IOException {
        String manifest = String.join(
                "\n",
                "{\"source-ref\":\"s3://bucket/1.jpg\"}",
                "not json",
                "",
                "{\"source-ref\":\"s3://bucket/3.jpg\",\"source\":\"x\"}",
                "{\"source\":\"ok\",\"$x\":1}",
                "{\"source-ref\":\"s3://bucket/6.jpg\",\"label\":3}");

        List<ManifestEntry> entries = readAll(manifest);

        assertThat(entries).extracting(ManifestEntry::lineNumber).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(entries)
                .extracting(entry -> entry instanceof DataObject)
                .containsExactly(true, false, false, false, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "\u2603 snow", "\uD83D\uDE00 grin", "\u65e5\u672c\u8a9e"})
    void readsMultiByteUtf8(String text) throws IOException {
        DataObject object =
                (DataObject) readAll("{\"source\":\"" + text + "\"}").get(0);

        assertThat(object.source()).isEqualTo(text);
    }

    @Test
    void replacesInvalidUtf8InsteadOfFailing() throws IOException {
        byte[] bad = {'{', '"', 's', 'o', 'u', 'r', 'c', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] badStructure = {(byte) 0xFF, (byte) 0xFE, '{', '}', '\n'};
        byte[] good = "{\"source\":\"fine\"}\n".getBytes(StandardCharsets.UTF_8);

        List<ManifestEntry> entries = readAll(new ByteArrayInputStream(concat(bad, concat(badStructure, good))));

        assertThat(entries).hasSize(3);
        assertThat(((DataObject) entries.get(0)).source()).isEqualTo("\uFFFD(");
        assertThat(entries.get(1))
                .isInstanceOfSatisfying(
                        LineError.class, error -> assertThat(error.reason()).startsWith("malformed JSON"));
        assertThat(entries.get(2)).isEqualTo(dataObject(3, "{\"source\":\"fine\"}"));
    }

    @Test
    void closesTheInput() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new ManifestReader(in).close();

        assertThat(closed[0]).isTrue();
    }

    // ---- entries ----

    @Test
    void lineErrorAsJson() {
        assertThat(new LineError(7, "object has both \"source-ref\" and \"source\"; exactly one is required").toJson())
                .hasToString(
                        "{\"line\":7,\"error\":\"object has both \\\"source-ref\\\" and \\\"source\\\"; exactly one is required\"}");
    }

    // ---- helpers ----

    /** A valid manifest object of exactly {@code length} characters, no attribute over the attribute limit. */
    static String objectOfLength(int length) {
        StringBuilder line = new StringBuilder("{\"source\":\"s\"");
        for (int k = 0; length - line.length() - 1 > 0; k++) {
            String name = ",\"p" + k + "\":\"";
            int fill = Math.min(19_000, length - line.length() - 1 - name.length() - 1);
            line.append(name).append("x".repeat(fill)).append('"');
        }
        line.append('}');
        assertThat(line).hasSize(length);
        return line.toString();
    }

    private static DataObject dataObject(long lineNumber, String json) {
        return new DataObject(lineNumber, (ObjectNode) dev.verity.json.Json.parse(json));
    }

    private static LineError singleError(String manifest) throws IOException {
        List<ManifestEntry> entries = readAll(manifest);
        assertThat(entries).singleElement().isInstanceOf(LineError.class);
        return (LineError) entries.get(0);
    }

    private static ManifestReader reader(String manifest) {
        return new ManifestReader(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ManifestEntry> readAll(String manifest) throws IOException {
        return readAll(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ManifestEntry> readAll(InputStream in) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        try (ManifestReader reader = new ManifestReader(in)) {
            for (ManifestEntry entry = reader.next(); entry != null; entry = reader.next()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static String writeAll(ObjectNode... lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ManifestWriter writer = new ManifestWriter(out)) {
            for (ObjectNode line : lines) {
                writer.write(line);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The JVM's per-thread allocation counter; the test is skipped on a JVM without one. */
    private static com.sun.management.ThreadMXBean allocationCounter() {
        boolean supported = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled();
        assumeTrue(supported, "this JVM does not count allocated bytes per thread");
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }
}
