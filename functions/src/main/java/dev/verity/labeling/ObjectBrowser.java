package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.ConflictException;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.Assignment;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The requester console's view of a job's results: pages of the output manifest with filters, one object's worker
 * answers, and a download link for the manifest. Everything is streamed: a page reads the manifest up to the lines
 * it returns, never the whole file.
 */
public final class ObjectBrowser {

    /** How long the presigned URLs in a page stay valid. */
    static final Duration URL_VALIDITY = Duration.ofHours(1);
    /**
     * The most manifest lines one page request examines; a selective filter over a large manifest then answers a
     * short (even empty) page with a token to go on, instead of running past the function's time limit.
     */
    static final long MAX_SCANNED_LINES = 100_000;

    private final JobStore jobs;
    private final ObjectStore objects;

    public ObjectBrowser(JobStore jobs, ObjectStore objects) {
        this.jobs = jobs;
        this.objects = objects;
    }

    /**
     * One page of the output manifest's objects that pass the query's filters, from the token's line on. Before the
     * job has written its output the page says {@code outputAvailable: false} and holds no objects.
     */
    public ObjectPage page(String jobName, ObjectQuery query) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        String attribute = job.request().labelAttributeName();
        // the job's own label order, for the browser's label filter and colours
        List<String> labels = job.categories() == null ? null : job.categories().labelNames();
        Optional<InputStream> manifest = job.record().outputManifestUri() == null
                ? Optional.empty()
                : objects.open(S3Uri.parse(job.record().outputManifestUri()));
        List<ObjectPage.Item> items = new ArrayList<>();
        String nextToken = null;
        if (manifest.isPresent()) {
            SelectedIds ids = new SelectedIds(objects, job);
            try (BufferedReader lines = reader(manifest.get())) {
                long lineNo = 0;
                long scanned = 0;
                for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                    lineNo++;
                    if (lineNo < query.startLine() || text.isBlank()) {
                        continue;
                    }
                    if (items.size() >= query.maxResults() || scanned >= MAX_SCANNED_LINES) {
                        nextToken = ObjectQuery.encodeToken(lineNo);
                        break;
                    }
                    scanned++;
                    ObjectNode line = (ObjectNode) Json.parse(text);
                    JsonNode label = line.get(attribute);
                    JsonNode metadata = line.get(attribute + "-metadata");
                    OptionalDouble confidence = LabelSummary.confidence(metadata);
                    if (matches(query, label, metadata, confidence)) {
                        items.add(item(lineNo, ids.idOfLine(lineNo), line, label, metadata, confidence));
                    }
                }
            }
        }
        return new ObjectPage(
                attribute, job.request().taskTypeName(), labels, manifest.isPresent(), List.copyOf(items), nextToken);
    }

    private static boolean matches(ObjectQuery query, JsonNode label, JsonNode metadata, OptionalDouble confidence) {
        if (query.label() != null && !LabelSummary.classNames(label, metadata).contains(query.label())) {
            return false;
        }
        if (query.annotatedBy() != null && !query.annotatedBy().name().equals(LabelSummary.annotatedBy(metadata))) {
            return false;
        }
        // An object without a confidence (unlabeled, or a custom label) passes no confidence bound.
        if (query.minConfidence() != null
                && (confidence.isEmpty() || confidence.getAsDouble() < query.minConfidence())) {
            return false;
        }
        return query.maxConfidence() == null
                || (confidence.isPresent() && confidence.getAsDouble() <= query.maxConfidence());
    }

    private ObjectPage.Item item(
            long lineNo,
            String objectId,
            ObjectNode line,
            JsonNode label,
            JsonNode metadata,
            OptionalDouble confidence) {
        String ref =
                line.path("source-ref").isTextual() ? line.get("source-ref").asText() : null;
        return new ObjectPage.Item(
                lineNo,
                objectId,
                line.path("source").isTextual() ? line.get("source").asText() : null,
                ref,
                ref == null ? null : presign(ref).orElse(null),
                label,
                label != null && label.isTextual() ? presign(label.asText()).orElse(null) : null,
                metadata,
                confidence.isPresent() ? confidence.getAsDouble() : null,
                "human".equals(LabelSummary.annotatedBy(metadata)));
    }

    /** A browser URL for an {@code s3://} address; empty for anything else. */
    private Optional<String> presign(String maybeS3Uri) {
        if (!maybeS3Uri.startsWith("s3://")) {
            return Optional.empty();
        }
        return S3Uri.tryParse(maybeS3Uri, false, new StringBuilder()).map(uri -> objects.presignGet(uri, URL_VALIDITY));
    }

    /**
     * Who answered one data object and what, oldest first. Answers kept in S3 (painted masks) are read back; any
     * {@code s3://} string field of an answer gets a presigned sibling {@code <field>Url}.
     */
    public AnswerHistory answers(String jobName, String objectId) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        if (!objectId.matches("\\d{1,12}")
                || Long.parseLong(objectId) >= job.record().datasetObjects()) {
            throw new NotFoundException("labeling job '" + job.name() + "' has no data object '" + objectId
                    + "' (ids are the datasetObjectId numbers the objects page shows, 0 to "
                    + Math.max(0, job.record().datasetObjects() - 1) + ")");
        }
        long id = Long.parseLong(objectId);
        List<Assignment> submitted = new ArrayList<>(jobs.submittedAnswers(job.name(), id, id));
        submitted.sort(Comparator.comparing(Assignment::submittedAt));
        List<AnswerHistory.Entry> answers = new ArrayList<>();
        for (Assignment assignment : submitted) {
            JsonNode answer =
                    AnswerReference.resolve(objects, assignment.answer()).deepCopy();
            presignFields(answer);
            answers.add(new AnswerHistory.Entry(assignment.workerId(), assignment.submittedAt(), answer));
        }
        return new AnswerHistory(job.name(), objectId, List.copyOf(answers));
    }

    private void presignFields(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, String>> urls = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    presign(field.getValue().asText())
                            .ifPresent(url -> urls.add(Map.entry(field.getKey() + "Url", url)));
                } else {
                    presignFields(field.getValue());
                }
            }
            urls.forEach(u -> ((ObjectNode) node).put(u.getKey(), u.getValue()));
        } else if (node.isArray()) {
            node.forEach(this::presignFields);
        }
    }

    /**
     * Where the job's output manifest is and a URL that downloads it.
     *
     * @throws ConflictException while the job has not written it
     */
    public OutputDownload output(String jobName) {
        JobRecord job =
                jobs.get(jobName).orElseThrow(() -> new NotFoundException("no labeling job named '" + jobName + "'"));
        if (job.outputManifestUri() == null) {
            throw new ConflictException("labeling job '" + job.name() + "' has status " + job.status()
                    + " and has not written its output manifest yet (it is written when the job completes or stops)");
        }
        S3Uri manifest = S3Uri.parse(job.outputManifestUri());
        return new OutputDownload(
                manifest.toString(), objects.presignDownload(manifest, job.name() + "-output.manifest", URL_VALIDITY));
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The object ids of the output manifest's lines: the output holds the selected chunks' objects in order, merged by
     * object index with a chained job's carried objects, so its n-th line is the n-th of that merge. Read alongside
     * the output, only forwards, one chunk of each at a time.
     */
    private static final class SelectedIds {
        private final OrderedChunks selected;
        private final OrderedChunks carried;
        private long line;

        SelectedIds(ObjectStore objects, JobContext job) throws IOException {
            this.selected =
                    OrderedChunks.selected(objects, job.layout(), job.record().chunkCount());
            this.carried = OrderedChunks.carried(
                    objects, job.layout(), OrderedChunks.carriedChunkCount(objects, job.layout()));
        }

        /** The id on the given line (1-based, at or after the last one asked for), or null if there is none. */
        String idOfLine(long target) throws IOException {
            while (line < target) {
                ChunkReader.ChunkObject next = OrderedChunks.first(selected, carried);
                if (next == null) {
                    return null;
                }
                if (++line == target) {
                    return next.objectId();
                }
            }
            return null;
        }
    }
}
