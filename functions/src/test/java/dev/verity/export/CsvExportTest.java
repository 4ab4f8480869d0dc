package dev.verity.export;

import static dev.verity.export.ExportFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    private static final String META = ExportFixtures.META;

    private static String csv(ExportJob job, ExportCounts[] counts, String... lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        counts[0] = new CsvWriter(job).write(manifest(lines), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void singleLabelImageClassificationGivesARowPerObjectWithLabelConfidenceAndWhoLabeledIt() throws IOException {
        ExportCounts[] counts = new ExportCounts[1];
        String csv = csv(
                new ExportJob(
                        "j", "species", "ImageMultiClass", "groundtruth/image-classification", List.of("cat", "dog")),
                counts,
                ("{\"source-ref\":\"s3://b/1.jpg\",\"species\":1,\"species-metadata\":{\"class-name\":\"dog\","
                                + "\"confidence\":0.93,\"type\":\"groundtruth/image-classification\","
                                + "\"human-annotated\":\"yes\",%s}}")
                        .formatted(META),
                "{\"source-ref\":\"s3://b/2.jpg\"}",
                ("{\"source-ref\":\"s3://b/3.jpg\",\"species\":0,\"species-metadata\":{\"class-name\":\"cat\","
                                + "\"confidence\":0.61,\"type\":\"groundtruth/image-classification\","
                                + "\"human-annotated\":\"no\",%s}}")
                        .formatted(META));

        assertThat(counts[0]).isEqualTo(new ExportCounts(2, 1));
        assertThat(csv)
                .isEqualTo("object,label,class_id,confidence,annotated_by\r\n"
                        + "s3://b/1.jpg,dog,1,0.93,human\r\n"
                        + "s3://b/3.jpg,cat,0,0.61,machine\r\n");
    }

    @Test
    void textClassificationQuotesTextHoldingCommasQuotesAndLineBreaks() throws IOException {
        ExportCounts[] counts = new ExportCounts[1];
        String csv = csv(
                new ExportJob(
                        "j",
                        "mood",
                        "TextMultiClass",
                        "groundtruth/text-classification",
                        List.of("negative", "positive")),
                counts,
                ("{\"source\":\"Great, \\\"really\\\" great\\nproduct\",\"mood\":\"1\",\"mood-metadata\":{"
                                + "\"class-name\":\"positive\",\"confidence\":0,\"type\":"
                                + "\"groundtruth/text-classification\",\"human-annotated\":\"yes\",%s}}")
                        .formatted(META),
                ("{\"source\":\"plain\",\"mood\":\"0\",\"mood-metadata\":{\"class-name\":\"negative\","
                                + "\"confidence\":0.5,\"type\":\"groundtruth/text-classification\","
                                + "\"human-annotated\":\"yes\",%s}}")
                        .formatted(META));

        assertThat(csv)
                .isEqualTo("object,label,class_id,confidence,annotated_by\r\n"
                        + "\"Great, \"\"really\"\" great\nproduct\",positive,1,0,human\r\n"
                        + "plain,negative,0,0.5,human\r\n");
    }

    @Test
    void multiLabelGivesARowPerChosenClassWithItsOwnConfidence() throws IOException {
        for (String[] type : new String[][] {
            {"ImageMultiClassMultiLabel", "groundtruth/image-classification-multilabel", "source-ref", "s3://b/1.jpg"},
            {"TextMultiClassMultiLabel", "groundtruth/text-classification-multilabel", "source", "a, b"}
        }) {
            ExportCounts[] counts = new ExportCounts[1];
            String csv = csv(
                    new ExportJob("j", "lab", type[0], type[1], List.of("person", "bicycle", "car")),
                    counts,
                    ("{\"%s\":\"%s\",\"lab\":[1,0],\"lab-metadata\":{\"class-map\":{\"1\":\"bicycle\","
                                    + "\"0\":\"person\"},\"confidence-map\":{\"1\":0.95,\"0\":0.77},\"type\":\"%s\","
                                    + "\"human-annotated\":\"yes\",%s}}")
                            .formatted(type[2], type[3], type[1], META),
                    ("{\"%s\":\"%s\",\"lab\":[],\"lab-metadata\":{\"class-map\":{},\"confidence-map\":{},"
                                    + "\"type\":\"%s\",\"human-annotated\":\"yes\",%s}}")
                            .formatted(type[2], "x", type[1], META));

            String object = CsvWriter.field(type[3]);
            assertThat(counts[0]).isEqualTo(new ExportCounts(2, 0));
            assertThat(csv)
                    .isEqualTo("object,label,class_id,confidence,annotated_by\r\n"
                            + object + ",bicycle,1,0.95,human\r\n"
                            + object + ",person,0,0.77,human\r\n"
                            + "x,,,,human\r\n");
        }
    }

    @Test
    void labelVerificationGivesTheVerdictAsTheLabel() throws IOException {
        ExportCounts[] counts = new ExportCounts[1];
        String csv = csv(
                new ExportJob(
                        "j",
                        "verify",
                        "VerificationBoundingBox",
                        "groundtruth/label-verification",
                        List.of("good", "bad")),
                counts,
                ("{\"source-ref\":\"s3://b/1.jpg\",\"verify\":\"1\",\"verify-metadata\":{\"class-name\":\"bad\","
                                + "\"confidence\":0.93,\"type\":\"groundtruth/label-verification\","
                                + "\"human-annotated\":\"yes\",%s,\"worker-feedback\":[{\"comment\":\"x\"}]}}")
                        .formatted(META));

        assertThat(csv).endsWith("\r\ns3://b/1.jpg,bad,1,0.93,human\r\n");
    }

    @Test
    void fieldsAreQuotedOnlyWhenRfc4180NeedsIt() {
        assertThat(CsvWriter.field("plain text")).isEqualTo("plain text");
        assertThat(CsvWriter.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }
}
