package dev.verity.labeling;

import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.manifest.S3Uri;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where a job's files live, Ground Truth's layout under {@code <S3OutputPath>/<LabelingJobName>/}: the output and
 * intermediate manifests under {@code manifests/}, raw worker answers under {@code annotations/worker-response/}.
 * Verity's own working files (normalized chunks) sit under {@code manifests/intermediate/}.
 */
public record JobLayout(S3Uri root) {

    /** Objects per chunk: small enough for one Lambda to consolidate, large enough to keep the Map short. */
    public static final int CHUNK_SIZE = 2000;

    // Ground Truth's mask names carry a UTC time with microseconds, e.g. 0_2020-04-21T13:48:00.091190.png.
    private static final DateTimeFormatter MASK_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    public static JobLayout of(CreateLabelingJobRequest request) {
        return new JobLayout(S3Uri.parse(request.outputConfig().s3OutputPath(), true)
                .resolve(request.labelingJobName()));
    }

    public S3Uri errors() {
        return root.resolve("manifests/intermediate/errors.jsonl");
    }

    public S3Uri preparedChunk(int index) {
        return root.resolve(String.format("manifests/intermediate/prepared/chunk-%05d.jsonl", index));
    }

    public S3Uri selectedChunk(int index) {
        return root.resolve(String.format("manifests/intermediate/selected/chunk-%05d.jsonl", index));
    }

    public S3Uri consolidatedChunk(int index) {
        return root.resolve(String.format("manifests/intermediate/consolidated/chunk-%05d.jsonl", index));
    }

    /** The job-wide measure of the workers that every chunk's consolidation uses. */
    public S3Uri workerModel() {
        return root.resolve("manifests/intermediate/worker-model.json");
    }

    /** One chunk's per-worker figures, merged into {@link #workerReport()} at the end. */
    public S3Uri workerTally(int chunk) {
        return root.resolve(String.format("manifests/intermediate/workers/chunk-%05d.json", chunk));
    }

    /** Per-worker answers and gold-question scores of the whole job (a Verity addition to Ground Truth's layout). */
    public S3Uri workerReport() {
        return root.resolve("reports/workers.json");
    }

    public S3Uri outputManifest() {
        return root.resolve("manifests/output/output.manifest");
    }

    /** One worker's answer to one object; the key is fixed by the submission time, so a retry rewrites it. */
    public S3Uri workerResponse(String objectId, Instant submittedAt) {
        return root.resolve("annotations/worker-response/iteration-1/" + objectId + "/"
                + submittedAt.toString().replace(':', '-') + ".json");
    }

    /** Where one object's worker responses are: the folder of its {@link #workerResponse} files. */
    public S3Uri workerResponses(String objectId) {
        return root.resolve("annotations/worker-response/iteration-1/" + objectId + "/");
    }

    /** The batch file a custom job's consolidation Lambda reads for one chunk (its {@code payload.s3Uri}). */
    public S3Uri consolidationRequest(int chunk) {
        return root.resolve(String.format(
                "annotations/consolidated-annotation/consolidation-request/iteration-1/chunk-%05d.json", chunk));
    }

    /** What a custom job's consolidation Lambda returned for one chunk, as it returned it. */
    public S3Uri consolidationResponse(int chunk) {
        return root.resolve(String.format(
                "annotations/consolidated-annotation/consolidation-response/iteration-1/chunk-%05d.json", chunk));
    }

    /** Why a custom job's pre-annotation Lambda failed for one object (a Verity addition to Ground Truth's layout). */
    public S3Uri preAnnotationFailure(String objectId) {
        return root.resolve("manifests/intermediate/pre-annotation-failures/" + objectId + ".json");
    }

    /** A consolidated semantic-segmentation mask, named as Ground Truth names them: {@code <objectId>_<time>.png}. */
    public S3Uri consolidatedMask(String objectId, Instant at) {
        return root.resolve("annotations/consolidated-annotation/output/" + objectId + "_" + MASK_TIME.format(at)
                + ".png");
    }
}
