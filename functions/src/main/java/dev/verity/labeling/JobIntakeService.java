package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.catalog.Catalog;
import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Job requests uploaded as {@code jobs/<name>.json}. A request that cannot be accepted gets its reasons written
 * beside it, to {@code jobs/errors/<name>.txt}, since there is no caller to answer (the one write to the bucket
 * this path makes; the start function's role may write only there).
 */
public final class JobIntakeService {

    private final JobService jobs;
    private final ObjectStore objects;

    public JobIntakeService(JobService jobs, ObjectStore objects) {
        this.jobs = jobs;
        this.objects = objects;
    }

    /** Starts the job the uploaded file describes; empty if the request was refused (reasons written to S3). */
    public Optional<String> startFromUpload(S3Uri upload, String accountId) {
        String fileName = upload.key().substring(upload.key().lastIndexOf('/') + 1);
        String baseName = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        try {
            Optional<InputStream> in = objects.open(upload);
            if (in.isEmpty()) {
                return Optional.empty(); // deleted since the event: nothing to start
            }
            JsonNode request;
            try (InputStream stream = in.get()) {
                request = Json.MAPPER.readTree(stream);
            } catch (IOException e) {
                refuse(upload, baseName, "the file is not valid JSON: " + e.getMessage());
                return Optional.empty();
            }
            if (request instanceof ObjectNode object && !object.has("LabelingJobName")) {
                object.put("LabelingJobName", baseName);
            }
            return Optional.of(jobs.create(request, accountId));
        } catch (InvalidRequestException | ConflictException e) {
            refuse(upload, baseName, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refuse(S3Uri upload, String baseName, String reason) {
        S3Uri report = new S3Uri(upload.bucket(), Catalog.JOB_REQUEST_ERRORS_PREFIX + baseName + ".txt");
        try {
            objects.put(
                    report,
                    ("job request " + upload + " was refused: " + reason + "\n").getBytes(StandardCharsets.UTF_8),
                    "text/plain");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
