package dev.verity.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * YOLO (Darknet / Ultralytics) detection labels as one zip: {@code data.yaml} (class count and names, index =
 * the job's class index), {@code labels/<image key>.txt} per labeled image, a line {@code class cx cy w h} per box,
 * centre and size normalised by the image's width and height to [0, 1] (six decimals; a box reaching past the image
 * is clipped to it), an empty file for an image with no box; and {@code images.txt}, each image's S3 URI and its
 * label file, in manifest order, so the images can be fetched next to their labels.
 */
final class YoloWriter {

    private final ExportJob job;

    YoloWriter(ExportJob job) {
        this.job = job;
    }

    ExportCounts write(ManifestLines manifest, OutputStream out) throws IOException {
        long[] written = {0};
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry("data.yaml"));
        text.write(dataYaml());
        text.flush();
        zip.closeEntry();
        ExportFiles files = new ExportFiles("labels", ".txt");
        long skipped = BoxLabel.forEachImage(manifest, job.labelAttribute(), (lineNo, sourceRef, label) -> {
            written[0]++;
            zip.putNextEntry(new ZipEntry(files.name(sourceRef, lineNo)));
            for (BoxLabel.Box box : label.boxes()) {
                String row = line(box, label.width(), label.height());
                if (row != null) {
                    text.write(row);
                }
            }
            text.flush();
            zip.closeEntry();
        });
        // a second pass names the same files in the same order, so the index is never held
        zip.putNextEntry(new ZipEntry("images.txt"));
        ExportFiles again = new ExportFiles("labels", ".txt");
        BoxLabel.forEachImage(
                manifest,
                job.labelAttribute(),
                (lineNo, sourceRef, label) -> text.write(sourceRef + " " + again.name(sourceRef, lineNo) + "\n"));
        text.flush();
        zip.closeEntry();
        zip.finish();
        return new ExportCounts(written[0], skipped);
    }

    /** {@code class cx cy w h\n}, normalised and clipped to the image; null for a box wholly outside it. */
    static String line(BoxLabel.Box box, int imageWidth, int imageHeight) {
        double x0 = clamp(box.left(), imageWidth);
        double y0 = clamp(box.top(), imageHeight);
        double x1 = clamp(box.left() + box.width(), imageWidth);
        double y1 = clamp(box.top() + box.height(), imageHeight);
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "%d %.6f %.6f %.6f %.6f%n",
                box.classId(),
                (x0 + x1) / 2 / imageWidth,
                (y0 + y1) / 2 / imageHeight,
                (x1 - x0) / imageWidth,
                (y1 - y0) / imageHeight);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private String dataYaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# YOLO labels of Verity labeling job ").append(job.name()).append('\n');
        yaml.append("# labels/ mirrors the images' S3 keys; images.txt lists each image's S3 URI and label file\n");
        yaml.append("path: .\n");
        yaml.append("train: images\n");
        yaml.append("val: images\n");
        yaml.append("nc: ").append(job.categories().size()).append('\n');
        yaml.append("names:\n");
        for (int i = 0; i < job.categories().size(); i++) {
            yaml.append("  ")
                    .append(i)
                    .append(": ")
                    .append(quoted(job.categories().get(i)))
                    .append('\n');
        }
        return yaml.toString();
    }

    /** A YAML double-quoted scalar. */
    static String quoted(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
