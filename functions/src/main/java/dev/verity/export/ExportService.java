package dev.verity.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.ConflictException;
import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import dev.verity.labeling.JobLayout;
import dev.verity.manifest.S3Uri;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.TaskTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Exports a job's labels from its output manifest to a training format: streams the manifest (twice for COCO and
 * YOLO), writes one file to {@code <S3OutputPath>/<job>/exports/<format>/<file>} (asked again, the same key is
 * rewritten) and answers a presigned URL that downloads it.
 */
public final class ExportService {

    /** How long an export's download URL works. */
    public static final Duration URL_VALIDITY = Duration.ofHours(1);

    private final JobStore jobs;
    private final ObjectStore objects;
    private final Clock clock;

    public ExportService(JobStore jobs, ObjectStore objects, Clock clock) {
        this.jobs = jobs;
        this.objects = objects;
        this.clock = clock;
    }

    /** The formats that apply to a job's labels. */
    public List<ExportFormat> formats(String jobName) {
        return ExportFormat.applicableTo(job(load(jobName)).outputType());
    }

    /**
     * Writes the export and presigns it.
     *
     * @param formatId one of {@link ExportFormat}'s ids
     * @param masks    for COCO exports of masks: {@code rle} (null: the default) or {@code polygons}
     * @throws NotFoundException     if there is no such job
     * @throws ExportFormatException if the format (or {@code masks}) is unknown or does not apply to the job's labels
     * @throws ConflictException     if the job has not written its output manifest yet
     */
    public ExportResult export(String jobName, String formatId, String masks) throws IOException {
        JobRecord record = load(jobName);
        ExportJob job = job(record);
        ExportFormat format = ExportFormat.of(formatId, job.outputType(), job.taskTypeName());
        CocoWriter.Masks encoding = masks(masks, format);
        if (record.outputManifestUri() == null) {
            throw new ConflictException("labeling job '" + record.name() + "' has status " + record.status()
                    + " and has not written its output manifest yet, so there is nothing to export (it is written"
                    + " when the job completes or stops)");
        }
        S3Uri manifest = S3Uri.parse(record.outputManifestUri());
        if (!objects.exists(manifest)) {
            // checked before the export is created, so that no partial file is left under exports/
            throw new ConflictException("the output manifest " + manifest + " of labeling job '" + record.name()
                    + "' is missing, so there is nothing to export");
        }
        ManifestLines lines = visitor -> read(manifest, visitor);
        S3Uri target = JobLayout.of(CreateLabelingJobRequest.parse(record.request()))
                .root()
                .resolve("exports/" + format.id() + "/" + format.fileName());
        ExportCounts counts;
        try (OutputStream out = objects.create(target, format.contentType())) {
            counts = switch (format) {
                case COCO -> new CocoWriter(job, this::openMask, encoding, clock).write(lines, out);
                case YOLO -> new YoloWriter(job).write(lines, out);
                case VOC -> new VocWriter(job).write(lines, out);
                case CONLL -> new ConllWriter(job).write(lines, out);
                case SPACY -> new SpacyWriter(job).write(lines, out);
                case CSV -> new CsvWriter(job).write(lines, out);
            };
        }
        String fileName = record.name() + "-" + format.id() + "-" + format.fileName();
        return new ExportResult(
                record.name(),
                format,
                target.toString(),
                objects.presignDownload(target, fileName, URL_VALIDITY),
                fileName,
                URL_VALIDITY,
                counts);
    }

    private static CocoWriter.Masks masks(String masks, ExportFormat format) {
        if (masks == null || masks.isBlank()) {
            return CocoWriter.Masks.RLE;
        }
        if (format != ExportFormat.COCO) {
            throw new ExportFormatException("query parameter \"masks\" applies to the coco format only");
        }
        return switch (masks.toLowerCase(Locale.ROOT)) {
            case "rle" -> CocoWriter.Masks.RLE;
            case "polygons" -> CocoWriter.Masks.POLYGONS;
            default ->
                throw new ExportFormatException(
                        "unknown masks encoding \"" + masks + "\"; masks is rle (the default) or polygons");
        };
    }

    private JobRecord load(String jobName) {
        return jobs.get(jobName).orElseThrow(() -> new NotFoundException("no labeling job named '" + jobName + "'"));
    }

    private static ExportJob job(JobRecord record) {
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(record.request());
        var taskType = TaskTypes.of(request.taskTypeName());
        List<String> categories = record.categories() == null
                ? List.of()
                : LabelCategoryConfig.parse(record.categories(), taskType.minLabels())
                        .labelNames();
        return new ExportJob(
                record.name(), request.labelAttributeName(), taskType.name(), taskType.outputType(), categories);
    }

    private void read(S3Uri manifest, ManifestLines.Visitor visitor) throws IOException {
        Optional<InputStream> in = objects.open(manifest);
        if (in.isEmpty()) {
            throw new ConflictException("the output manifest " + manifest + " is missing");
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8), 1 << 16)) {
            long lineNo = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lineNo++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = Json.parse(text);
                if (line instanceof ObjectNode object) {
                    visitor.visit(lineNo, object);
                }
            }
        }
    }

    private Optional<InputStream> openMask(String uri) throws IOException {
        if (uri == null || !uri.startsWith("s3://")) {
            return Optional.empty();
        }
        Optional<S3Uri> parsed = S3Uri.tryParse(uri, false, new StringBuilder());
        return parsed.isEmpty() ? Optional.empty() : objects.open(parsed.get());
    }
}
