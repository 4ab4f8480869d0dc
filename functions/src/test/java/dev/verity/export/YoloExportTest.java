package dev.verity.export;

import static dev.verity.export.ExportFixtures.boxLine;
import static dev.verity.export.ExportFixtures.job;
import static dev.verity.export.ExportFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YoloExportTest {

    private static Map<String, String> export(String taskType, ExportCounts[] counts, String... lines)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        counts[0] = new YoloWriter(job("groundtruth/object-detection", taskType, "dog", "cat \"tabby\""))
                .write(manifest(lines), out);
        return ExportFixtures.unzip(out.toByteArray());
    }

    @Test
    void eachLabeledImageGetsATextFileOfNormalisedCentreAndSizeLinesForBoundingBoxAndAdjustmentJobs()
            throws IOException {
        for (String taskType : new String[] {"BoundingBox", "AdjustmentBoundingBox"}) {
            ExportCounts[] counts = new ExportCounts[1];
            Map<String, String> zip = export(
                    taskType,
                    counts,
                    boxLine(
                            "s3://b/photos/a.jpg",
                            500,
                            400,
                            "yes",
                            "",
                            new double[] {0, 100, 100, 50, 200},
                            new double[] {1, 0, 0, 500, 400}),
                    "{\"source-ref\":\"s3://b/photos/b.jpg\"}",
                    boxLine("s3://b/photos/c.jpeg", 10, 10, "no", ""));

            assertThat(counts[0]).isEqualTo(new ExportCounts(2, 1));
            assertThat(zip.keySet())
                    .containsExactly("data.yaml", "labels/photos/a.txt", "labels/photos/c.txt", "images.txt");
            String[] rows = zip.get("labels/photos/a.txt").split("\n");
            assertThat(rows)
                    .containsExactly("0 0.250000 0.500000 0.100000 0.500000", "1 0.500000 0.500000 1.000000 1.000000");
            for (String row : rows) {
                String[] fields = row.split(" ");
                assertThat(fields).hasSize(5);
                assertThat(Integer.parseInt(fields[0])).isBetween(0, 1);
                for (int i = 1; i < 5; i++) {
                    assertThat(Double.parseDouble(fields[i])).isBetween(0.0, 1.0);
                }
            }
            assertThat(zip.get("labels/photos/c.txt"))
                    .as("an image with no box: an empty label file")
                    .isEmpty();
            assertThat(zip.get("images.txt"))
                    .isEqualTo("s3://b/photos/a.jpg labels/photos/a.txt\ns3://b/photos/c.jpeg labels/photos/c.txt\n");
        }
    }

    @Test
    void dataYamlNamesTheJobsCategoriesByClassIndexQuoted() throws IOException {
        Map<String, String> zip = export("BoundingBox", new ExportCounts[1], boxLine("s3://b/a.jpg", 5, 5, "yes", ""));

        assertThat(zip.get("data.yaml"))
                .contains("nc: 2\n")
                .contains("names:\n  0: \"dog\"\n  1: \"cat \\\"tabby\\\"\"\n");
    }

    @Test
    void aBoxReachingPastTheImageIsClippedToItAndOneWhollyOutsideIsLeftOut() {
        String clipped = YoloWriter.line(new BoxLabel.Box(0, -10, 90, 30, 20, null), 100, 100);
        String[] f = clipped.trim().split(" ");
        assertThat(Double.parseDouble(f[1])).isCloseTo(0.10, within(1e-9));
        assertThat(Double.parseDouble(f[2])).isCloseTo(0.95, within(1e-9));
        assertThat(Double.parseDouble(f[3])).isCloseTo(0.20, within(1e-9));
        assertThat(Double.parseDouble(f[4])).isCloseTo(0.10, within(1e-9));
        assertThat(YoloWriter.line(new BoxLabel.Box(0, 120, 10, 5, 5, null), 100, 100))
                .isNull();
    }

    @Test
    void fileNamesAreSafeToExtractAndUniqueWhenTwoImagesShareAKey() throws IOException {
        Map<String, String> zip = export(
                "BoundingBox",
                new ExportCounts[1],
                boxLine("s3://b/../../etc/passwd.png", 5, 5, "yes", ""),
                boxLine("s3://other/../../etc/passwd.png", 5, 5, "yes", ""));

        assertThat(zip.keySet()).contains("labels/_/_/etc/passwd.txt", "labels/_/_/etc/passwd-2.txt");
        assertThat(zip.keySet()).noneMatch(name -> name.contains("..") || name.startsWith("/"));
    }
}
