package dev.verity.labeling;

import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.manifest.S3Uri;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Where a job's files live, Ground Truth's layout under {@code <S3OutputPath>/<LabelingJobName>/}: the output and
 * intermediate manifests under {@code manifests/}, raw worker answers under {@code annotations/worker-response/} (a file
 * per object and batch). Verity's own working files (normalized chunks, answers too large for the job store) sit under
 * {@code manifests/intermediate/}. Automated labeling adds
 * Ground Truth's {@code activelearning/} (human batches, validation, calibration, machine labels, per-round figures),
 * {@code training/} (a model per round) and {@code inference/} (features, and each round's predictions).
 */
public record JobLayout(S3Uri root) {

    /** Objects per chunk: small enough for one Lambda to consolidate, large enough to keep the Map short. */
    public static final int CHUNK_SIZE = 2000;

    // Ground Truth's mask names carry a UTC time with microseconds, e.g. 0_2020-04-21T13:48:00.091190.png.
    private static final DateTimeFormatter MASK_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    public static JobLayout of(CreateLabelingJobRequest request) {
        return new JobLayout(
                S3Uri.parse(request.outputConfig().s3OutputPath(), true).resolve(request.labelingJobName()));
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

    /**
     * A chained job's objects that already have its label attribute (an earlier job labeled them): they go to no
     * worker and are copied to the output unchanged.
     */
    public S3Uri carriedChunk(int index) {
        return root.resolve(String.format("manifests/intermediate/carried/chunk-%05d.jsonl", index));
    }

    /** How many carried chunks (and objects) {@link #carriedChunk} holds: {"carriedObjects", "chunkCount"}. */
    public S3Uri carriedIndex() {
        return root.resolve("manifests/intermediate/carried/index.json");
    }

    public S3Uri consolidatedChunk(int index) {
        return root.resolve(String.format("manifests/intermediate/consolidated/chunk-%05d.jsonl", index));
    }

    /** The job-wide measure of the workers that every chunk's consolidation uses. */
    public S3Uri workerModel() {
        return root.resolve("manifests/intermediate/worker-model.json");
    }

    /**
     * One chunk's answers as class indexes ({@code JobAnswers}), gathered after human batch {@code batch} for the
     * job-wide estimate of the workers; a later batch gathers again, since its answers add to the earlier ones.
     */
    public S3Uri chunkAnswers(int batch, int chunk) {
        return root.resolve(String.format("manifests/intermediate/answers/batch-%d/chunk-%05d.bin", batch, chunk));
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

    /**
     * Ground Truth's worker-response file of one object in one human batch (Ground Truth's iteration: 1 for a
     * human-only job, one per round of automated labeling): every answer the object got in that batch, written when
     * the batch is consolidated. The key is fixed by the batch's last answer, so a retried consolidation rewrites it.
     */
    public S3Uri workerResponse(int batch, String objectId, Instant lastSubmittedAt) {
        return workerResponses(batch, objectId)
                .resolve(lastSubmittedAt.toString().replace(':', '-') + ".json");
    }

    /** Where one object's worker responses are: the folder of its {@link #workerResponse} file. */
    public S3Uri workerResponses(int batch, String objectId) {
        return root.resolve("annotations/worker-response/iteration-" + batch + "/" + objectId + "/");
    }

    /**
     * One answer too large for the job store (a painted mask), in the worker-response shape, written when it is
     * submitted; the job store refers to it. The key is fixed by the submission time and the worker, so a retry
     * rewrites it, and two workers who submit at the same instant (the clock's resolution is coarse on some machines)
     * keep a file each; the worker is a digest, as an identity provider's ids may hold any character.
     */
    public S3Uri largeAnswer(int batch, String objectId, Instant submittedAt, String workerId) {
        return root.resolve("manifests/intermediate/large-answers/iteration-" + batch + "/" + objectId + "/"
                + submittedAt.toString().replace(':', '-') + "_" + workerDigest(workerId) + ".json");
    }

    private static String workerDigest(String workerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(workerId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
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

    /**
     * What became of a public-crowd chunk's Mechanical Turk assignments after consolidation: approved, approved
     * before, or not approved and why (a Verity addition to Ground Truth's layout).
     */
    public S3Uri crowdApprovals(int chunk) {
        return root.resolve(String.format("reports/crowd-approvals/chunk-%05d.json", chunk));
    }

    /** The objects of human batch {@code batch} (automated labeling), as chunk lines, in object order. */
    public S3Uri humanBatch(int batch) {
        return root.resolve("activelearning/iteration-" + batch + "/human-batch.jsonl");
    }

    /** The validation set: human-labeled objects no model trains on, on which each round's threshold is fitted. */
    public S3Uri validationSet() {
        return root.resolve("activelearning/validation.jsonl");
    }

    /** One chunk's human labels as automated labeling reads them, rewritten by each consolidation. */
    public S3Uri humanLabels(int chunk) {
        return root.resolve(String.format("activelearning/human-labels/chunk-%05d.jsonl", chunk));
    }

    /** Round {@code iteration}'s confidence threshold and how it was chosen. */
    public S3Uri calibration(int iteration) {
        return root.resolve("activelearning/iteration-" + iteration + "/calibration.json");
    }

    /** The objects of one chunk that round {@code iteration} labeled by machine. */
    public S3Uri machineLabels(int iteration, int chunk) {
        return root.resolve(
                String.format("activelearning/iteration-%d/machine-labels/chunk-%05d.jsonl", iteration, chunk));
    }

    /** Round {@code iteration}'s figures: human batch, machine labels, threshold, validation accuracy. */
    public S3Uri round(int iteration) {
        return root.resolve("activelearning/iteration-" + iteration + "/round.json");
    }

    /** Round {@code iteration}'s model. */
    public S3Uri model(int iteration) {
        return root.resolve("training/iteration-" + iteration + "/model.bin");
    }

    /** What round {@code iteration}'s model is: labels, data kind, featuriser, training figures. */
    public S3Uri modelInfo(int iteration) {
        return root.resolve("training/iteration-" + iteration + "/model.json");
    }

    /** One chunk's features, computed once per job. */
    public S3Uri features(int chunk) {
        return root.resolve(String.format("inference/features/chunk-%05d.bin", chunk));
    }

    /** Round {@code iteration}'s predictions for one chunk's objects. */
    public S3Uri inference(int iteration, int chunk) {
        return root.resolve(String.format("inference/iteration-%d/chunk-%05d.jsonl", iteration, chunk));
    }

    /** A consolidated semantic-segmentation mask, named as Ground Truth names them: {@code <objectId>_<time>.png}. */
    public S3Uri consolidatedMask(String objectId, Instant at) {
        return root.resolve(
                "annotations/consolidated-annotation/output/" + objectId + "_" + MASK_TIME.format(at) + ".png");
    }
}
