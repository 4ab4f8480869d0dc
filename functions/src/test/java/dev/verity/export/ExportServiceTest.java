package dev.verity.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.fakes.InMemoryJobStore;
import dev.verity.fakes.InMemoryObjectStore;
import dev.verity.job.ConflictException;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.JobRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The export service over in-memory stores: where it writes, what it refuses. */
class ExportServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final String OUTPUT = "s3://verity-data/output/boxes/manifests/output/output.manifest";

    private final InMemoryJobStore jobs = new InMemoryJobStore();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final ExportService exports = new ExportService(jobs, objects, CLOCK);

    private void boxJob() {
        jobs.create(JobRecord.created(
                "boxes",
                "arn:aws:sagemaker:us-east-1:000000000000:labeling-job/boxes",
                Json.parse("""
                        {
                          "LabelingJobName": "boxes",
                          "LabelAttributeName": "lab",
                          "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://verity-data/in.manifest"}}},
                          "OutputConfig": {"S3OutputPath": "s3://verity-data/output/"},
                          "RoleArn": "arn:aws:iam::000000000000:role/verity-labeling",
                          "LabelCategoryConfigS3Uri": "s3://verity-data/categories.json",
                          "HumanTaskConfig": {
                            "WorkteamArn": "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/t",
                            "UiConfig": {"UiTemplateS3Uri": "s3://verity-data/t.liquid.html"},
                            "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox",
                            "TaskTitle": "Boxes",
                            "TaskDescription": "Draw boxes",
                            "NumberOfHumanWorkersPerDataObject": 1,
                            "TaskTimeLimitInSeconds": 300,
                            "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
                              "arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox"}
                          }
                        }
                        """),
                Json.parse(
                        "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"}]}"),
                CLOCK.instant()));
    }

    @Test
    void anExportIsWrittenUnderTheJobsOutputPrefixAndAskingAgainRewritesTheSameKey() throws IOException {
        boxJob();
        objects.put(
                OUTPUT,
                ExportFixtures.boxLine("s3://verity-data/a.jpg", 100, 50, "yes", "", new double[] {1, 10, 10, 20, 20})
                        + "\n");
        jobs.recordOutput("boxes", 1, 0, 0, OUTPUT);

        ExportResult first = exports.export("boxes", "yolo", null);

        S3Uri key = S3Uri.parse("s3://verity-data/output/boxes/exports/yolo/yolo.zip");
        assertThat(first.s3Uri()).isEqualTo(key.toString());
        assertThat(first.url()).contains("boxes-yolo-yolo.zip");
        assertThat(first.counts()).isEqualTo(new ExportCounts(1, 0));
        assertThat(ExportFixtures.unzip(objects.get(key).orElseThrow().content()))
                .containsEntry("labels/a.txt", "1 0.200000 0.400000 0.200000 0.400000\n");
        assertThat(objects.get(key).orElseThrow().contentType()).isEqualTo("application/zip");

        objects.put(
                OUTPUT,
                ExportFixtures.boxLine("s3://verity-data/a.jpg", 100, 50, "yes", "", new double[] {0, 0, 0, 100, 50})
                        + "\n");
        ExportResult second = exports.export("boxes", "yolo", null);
        assertThat(second.s3Uri()).isEqualTo(first.s3Uri());
        assertThat(objects.keys(S3Uri.parse("s3://verity-data/output/boxes/exports/", true)))
                .containsExactly(key);
        assertThat(ExportFixtures.unzip(objects.get(key).orElseThrow().content()))
                .containsEntry("labels/a.txt", "0 0.500000 0.500000 1.000000 1.000000\n");
        assertThat(exports.formats("boxes")).containsExactly(ExportFormat.COCO, ExportFormat.YOLO, ExportFormat.VOC);
    }

    @Test
    void anUnknownJobIsNotFoundAJobWithoutOutputIsAConflictAndAFormatThatDoesNotApplyIsRefused() {
        assertThatThrownBy(() -> exports.export("nothing", "coco", null)).isInstanceOf(NotFoundException.class);
        boxJob();
        assertThatThrownBy(() -> exports.export("boxes", "csv", null))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("coco, yolo, voc");
        assertThatThrownBy(() -> exports.export("boxes", "coco", null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has not written its output manifest");
        jobs.recordOutput("boxes", 1, 0, 0, OUTPUT);
        assertThatThrownBy(() -> exports.export("boxes", "coco", null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is missing");
        assertThat(objects.keys(S3Uri.parse("s3://verity-data/output/boxes/exports/", true)))
                .as("no partial export is left")
                .isEmpty();
        assertThatThrownBy(() -> exports.export("boxes", "yolo", "polygons"))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("coco format only");
        assertThatThrownBy(() -> exports.export("boxes", "coco", "png"))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("rle (the default) or polygons");
    }
}
