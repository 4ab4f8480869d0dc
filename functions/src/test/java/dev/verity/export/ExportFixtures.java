package dev.verity.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Output manifests in Ground Truth's shapes (reference/groundtruth.md §2.3), and readers of what exports write. */
final class ExportFixtures {

    private ExportFixtures() {}

    static final String META = "\"job-name\":\"labeling-job/j\",\"creation-date\":\"2026-12-07T10:00:00.000000\"";

    static ExportJob job(String outputType, String taskTypeName, String... categories) {
        return new ExportJob("j", "lab", taskTypeName, outputType, List.of(categories));
    }

    /** The lines, read afresh on each pass, each as the manifest holds it. */
    static ManifestLines manifest(String... lines) {
        return visitor -> {
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    visitor.visit(i + 1, (ObjectNode) Json.parse(lines[i]));
                }
            }
        };
    }

    /** A bounding-box output line (type groundtruth/object-detection): boxes are {class, left, top, width, height}. */
    static String boxLine(
            String ref, int width, int height, String humanAnnotated, String extraMeta, double[]... boxes) {
        StringBuilder annotations = new StringBuilder();
        StringBuilder objects = new StringBuilder();
        for (double[] b : boxes) {
            if (!annotations.isEmpty()) {
                annotations.append(',');
                objects.append(',');
            }
            annotations.append("{\"class_id\":%d,\"left\":%s,\"top\":%s,\"width\":%s,\"height\":%s}"
                    .formatted((int) b[0], num(b[1]), num(b[2]), num(b[3]), num(b[4])));
            objects.append("{\"confidence\":0.8}");
        }
        return ("{\"source-ref\":\"%s\",\"lab\":{\"image_size\":[{\"width\":%d,\"height\":%d,\"depth\":3}],"
                        + "\"annotations\":[%s]},\"lab-metadata\":{\"objects\":[%s],\"class-map\":{\"0\":\"dog\","
                        + "\"1\":\"cat\"},\"type\":\"groundtruth/object-detection\",\"human-annotated\":\"%s\",%s%s}}")
                .formatted(ref, width, height, annotations, objects, humanAnnotated, META, extraMeta);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Runs a writer into memory. */
    interface Writer {
        ExportCounts write(java.io.OutputStream out) throws IOException;
    }

    static byte[] written(Writer writer, ExportCounts[] counts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        counts[0] = writer.write(out);
        return out.toByteArray();
    }

    /** A zip's entries by name, in order, as text. */
    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), text(in.readAllBytes()));
            }
        }
        return entries;
    }
}
