package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.manifest.DataObject;
import dev.verity.manifest.LineError;
import dev.verity.manifest.ManifestEntry;
import dev.verity.manifest.ManifestReader;
import dev.verity.manifest.ManifestWriter;
import dev.verity.manifest.S3Uri;
import dev.verity.queue.StreamQueue;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.store.StreamState;
import dev.verity.store.StreamStore;
import dev.verity.workflow.Workflow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming labeling jobs (Ground Truth's {@code SnsDataSource}): the job's intake queue is subscribed to its input
 * topic when it starts, and each intake takes the objects waiting there — at most {@code MaxConcurrentTaskCount} — in
 * as one round: a chunk of new objects, labeled as one human batch, consolidated, written out and published, before
 * the next intake. An object is taken in once per de-duplication id (the line's
 * {@code dataset-objectid-attribute-name}, else the SNS message id, or for an S3 event the object's URI and sequencer).
 * The stream ends when the job is stopped or after {@link #IDLE_LIMIT} without a message.
 */
public final class StreamingService {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingService.class);

    /** Ground Truth ends a streaming job that had no new message for this long. */
    public static final Duration IDLE_LIMIT = Duration.ofDays(10);

    /**
     * Intakes one workflow execution makes before a new execution carries on: Step Functions keeps at most 25,000
     * events of an execution, and a round takes fewer than 80.
     */
    public static final int INTAKES_PER_EXECUTION = 300;

    /** The line attribute naming the attribute that holds an object's de-duplication id. */
    public static final String OBJECT_ID_ATTRIBUTE = "dataset-objectid-attribute-name";

    private static final int MAX_ID_KEY_CHARS = 140;
    private static final int MAX_ID_CHARS = 1024;

    /**
     * What an intake did.
     *
     * @param round      the round it took in (or, with no object, the one still to take)
     * @param nextRound  the round the next intake takes
     * @param batch      the human batch of the round's objects (the initial manifest's is batch 1)
     * @param chunk      the chunk holding them
     * @param objects    how many it took in; 0: none waited
     * @param open       false once the stream has ended (stopped, or idle too long): the job's output is written last
     * @param continued  true if a new workflow execution carries the stream on from here
     * @param intakes    intakes this execution has made
     * @param generation which execution of the stream this is (0 the first)
     */
    public record Intake(
            int round,
            int nextRound,
            int batch,
            int chunk,
            long objects,
            boolean open,
            boolean continued,
            int intakes,
            int generation) {}

    private final JobStore jobs;
    private final StreamStore streams;
    private final StreamQueue queue;
    private final ObjectStore objects;
    private final Workflow workflow;
    private final Clock clock;
    private final int waitSeconds;

    /** @param waitSeconds how long an intake waits for a first message (SQS long polling, at most 20) */
    public StreamingService(
            JobStore jobs,
            StreamStore streams,
            StreamQueue queue,
            ObjectStore objects,
            Workflow workflow,
            Clock clock,
            int waitSeconds) {
        this.jobs = jobs;
        this.streams = streams;
        this.queue = queue;
        this.objects = objects;
        this.workflow = workflow;
        this.clock = clock;
        this.waitSeconds = Math.max(0, Math.min(20, waitSeconds));
    }

    /** Seconds the workflow waits between two intakes that found nothing. */
    public int pollSeconds() {
        return Math.max(1, waitSeconds);
    }

    /**
     * Subscribes the job's intake queue to its input topic, before the job is InProgress (Ground Truth's rule: send
     * data once it is). A repeated call subscribes nothing twice.
     */
    public void open(String jobName) {
        JobContext job = JobContext.load(jobs, jobName);
        if (streams.state(job.name()).subscriptionArn() == null) {
            String subscription = queue.open(job.name(), job.request().inputTopicArn());
            streams.recordSubscription(job.name(), subscription, clock.instant());
        }
    }

    /** Ends the intake queue's subscription (a failed job's), if it has one; a repeated call changes nothing. */
    public void close(String jobName) {
        String subscription = streams.state(jobName).subscriptionArn();
        if (subscription != null) {
            queue.close(subscription);
        }
    }

    /**
     * Takes in round {@code round}: the objects waiting in the job's queue, unless the job is stopping or has been
     * idle too long (then the subscription ends). A retried intake takes in the same round again: the round's chunk is
     * written before its messages are claimed and deleted, and read back if it exists.
     */
    public Intake intake(String jobName, int round, int intakes, int generation) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        StreamState state = streams.state(job.name());
        int batch = round + 1;
        if (state.rounds() >= round) {
            recordInJob(job, state);
            return new Intake(
                    round,
                    round + 1,
                    batch,
                    state.lastChunk(),
                    state.lastRoundObjects(),
                    true,
                    false,
                    intakes + 1,
                    generation);
        }
        if (job.record().status() != LabelingJobStatus.InProgress || idle(state)) {
            close(job.name());
            return new Intake(round, round, batch, 0, 0, false, false, intakes + 1, generation);
        }
        if (intakes >= INTAKES_PER_EXECUTION) {
            carryOn(job, round, generation + 1);
            return new Intake(round, round, batch, 0, 0, true, true, intakes, generation);
        }
        int chunk = job.record().chunkCount();
        S3Uri chunkFile = job.layout().selectedChunk(chunk);
        List<StreamQueue.Message> received = new ArrayList<>();
        List<ChunkReader.ChunkObject> taken;
        if (objects.exists(chunkFile)) {
            taken = ChunkReader.read(objects, chunkFile); // written by an attempt that failed after it
        } else {
            receive(job, received);
            taken = takeIn(job, round, received);
            if (taken.isEmpty()) {
                queue.delete(job.name(), received); // duplicates and refusals only
                return new Intake(round, round, batch, 0, 0, true, false, intakes + 1, generation);
            }
            write(chunkFile, taken);
            write(job.layout().humanBatch(batch), taken);
        }
        for (ChunkReader.ChunkObject object : taken) {
            streams.claim(job.name(), dedupId(object.line()), round);
        }
        long datasetObjects = job.record().datasetObjects() + taken.size();
        long selectedObjects = job.record().selectedObjects() + taken.size();
        streams.commitRound(job.name(), round, chunk, taken.size(), datasetObjects, selectedObjects);
        recordInJob(job, streams.state(job.name()));
        queue.delete(job.name(), received);
        LOG.info("labeling job '{}': round {} took in {} objects", job.name(), round, taken.size());
        return new Intake(round, round + 1, batch, chunk, taken.size(), true, false, intakes + 1, generation);
    }

    private boolean idle(StreamState state) {
        return state.lastActivity() != null
                && state.lastActivity().plus(IDLE_LIMIT).isBefore(clock.instant());
    }

    /** The job's counts follow the stream's: set, not added, so a retried intake counts nothing twice. */
    private void recordInJob(JobContext job, StreamState state) {
        jobs.recordPrepared(job.name(), state.datasetObjects(), job.record().rejectedLines());
        jobs.recordSelected(job.name(), state.selectedObjects(), state.lastChunk() + 1);
    }

    /** A new execution of the workflow goes on with the stream; named after the job and the generation. */
    private void carryOn(JobContext job, int round, int generation) {
        ObjectNode input = Json.object()
                .put("jobName", job.name())
                .put(
                        "taskAvailabilityLifetimeInSeconds",
                        job.request().humanTaskConfig().taskAvailabilityLifetimeInSeconds())
                .put("streaming", true);
        input.putObject("stream")
                .put("nextRound", round)
                .put("intakes", 0)
                .put("generation", generation)
                .put("waitSeconds", pollSeconds());
        workflow.start(job.name() + "-s" + Integer.toString(generation, 36), input);
    }

    /** Messages waiting, up to the job's MaxConcurrentTaskCount objects (a message holds one, or an S3 event a few). */
    private void receive(JobContext job, List<StreamQueue.Message> received) {
        int capacity = job.request().humanTaskConfig().maxConcurrentTaskCount();
        int wait = waitSeconds;
        while (received.size() < capacity) {
            List<StreamQueue.Message> batch = queue.receive(job.name(), capacity - received.size(), wait);
            received.addAll(batch);
            if (batch.isEmpty()) {
                break;
            }
            wait = 0;
        }
        if (!received.isEmpty()) {
            streams.touch(job.name(), clock.instant());
        }
    }

    /** The new objects of the messages, with ids following the job's last; duplicates and refusals left out. */
    private List<ChunkReader.ChunkObject> takeIn(JobContext job, int round, List<StreamQueue.Message> received) {
        List<ChunkReader.ChunkObject> taken = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long rejected = 0;
        long nextId = job.record().datasetObjects();
        for (StreamQueue.Message message : received) {
            for (Candidate candidate : candidates(job, message)) {
                if (candidate.problem() != null) {
                    LOG.warn(
                            "labeling job '{}': message {} is no object: {}",
                            job.name(),
                            message.messageId(),
                            candidate.problem());
                    rejected++;
                    continue;
                }
                String id = dedupId(candidate.line());
                OptionalInt claimed = streams.claimedBy(job.name(), id);
                if (!seen.add(id) || (claimed.isPresent() && claimed.getAsInt() != round)) {
                    continue; // taken in before: each object is labeled once per de-duplication id
                }
                taken.add(new ChunkReader.ChunkObject(Long.toString(nextId++), candidate.line()));
            }
        }
        if (rejected > 0) {
            streams.addRejected(job.name(), rejected);
        }
        return taken;
    }

    /** A manifest line to take in, or why a message is not one. */
    record Candidate(ObjectNode line, String problem) {}

    /**
     * The objects a message brings: the SNS envelope's message (or, delivered raw, the body) is one manifest line or
     * an S3 event notification, whose records each name an object; S3's test event brings none.
     */
    static List<Candidate> candidates(JobContext job, StreamQueue.Message message) {
        String messageId = message.messageId();
        String content = message.body();
        JsonNode envelope = parseOrNull(content);
        if (envelope != null
                && "Notification".equals(envelope.path("Type").asText())
                && envelope.path("Message").isTextual()) {
            messageId = envelope.path("MessageId").asText(messageId);
            content = envelope.path("Message").textValue();
        }
        JsonNode parsed = parseOrNull(content);
        if (parsed != null && parsed.path("Event").asText().equals("s3:TestEvent")) {
            return List.of();
        }
        if (parsed != null && parsed.path("Records").isArray() && !parsed.has(DataObject.SOURCE_REF)) {
            List<Candidate> candidates = new ArrayList<>();
            for (JsonNode record : parsed.path("Records")) {
                candidates.add(s3EventObject(job, record));
            }
            return candidates;
        }
        return List.of(manifestLine(job, content, messageId));
    }

    private static Candidate s3EventObject(JobContext job, JsonNode record) {
        JsonNode s3 = record.path("s3");
        String bucket = s3.path("bucket").path("name").asText("");
        String key = s3.path("object").path("key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            return new Candidate(null, "an S3 event record without a bucket name and object key");
        }
        // S3 events carry keys URL-encoded, spaces as '+'
        String uri = "s3://" + bucket + "/" + URLDecoder.decode(key, StandardCharsets.UTF_8);
        if (uri.startsWith(job.layout().root() + "/")) {
            // Ground Truth's rule: the input prefix differs from the output's; else each output file would be an object
            return new Candidate(
                    null,
                    uri + " is under the job's own output prefix "
                            + job.layout().root());
        }
        ObjectNode line = Json.object().put(DataObject.SOURCE_REF, uri);
        ManifestEntry checked = DatasetService.checkForTaskType(job, new DataObject(1, line));
        if (checked instanceof LineError error) {
            return new Candidate(null, error.reason());
        }
        return new Candidate(
                withDedupId(
                        job,
                        line,
                        uri + "#" + s3.path("object").path("sequencer").asText("")),
                null);
    }

    private static Candidate manifestLine(JobContext job, String content, String messageId) {
        ManifestEntry entry;
        try (ManifestReader reader =
                new ManifestReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))) {
            entry = reader.next();
            if (entry != null && reader.next() != null) {
                return new Candidate(null, "a message holds one manifest line, this one holds more");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entry == null) {
            return new Candidate(null, "the message is empty");
        }
        if (entry instanceof DataObject object) {
            entry = DatasetService.checkForTaskType(job, object);
        }
        if (entry instanceof LineError error) {
            return new Candidate(null, error.reason());
        }
        ObjectNode line = ((DataObject) entry).line();
        JsonNode keyNode = line.get(OBJECT_ID_ATTRIBUTE);
        if (keyNode == null) {
            return new Candidate(withDedupId(job, line, messageId), null);
        }
        String key = keyNode.asText();
        JsonNode id = line.get(key);
        if (!keyNode.isTextual() || key.isEmpty() || key.length() > MAX_ID_KEY_CHARS) {
            return new Candidate(
                    null, OBJECT_ID_ATTRIBUTE + " must name an attribute of 1 to " + MAX_ID_KEY_CHARS + " characters");
        }
        if (id == null
                || !(id.isTextual() || id.isIntegralNumber())
                || id.asText().isEmpty()
                || id.asText().length() > MAX_ID_CHARS) {
            return new Candidate(
                    null,
                    OBJECT_ID_ATTRIBUTE + " names \"" + key + "\", which must hold an id of 1 to " + MAX_ID_CHARS
                            + " characters");
        }
        return new Candidate(line, null);
    }

    /** The line with its default de-duplication id, as Ground Truth shows it in the output. */
    private static ObjectNode withDedupId(JobContext job, ObjectNode line, String id) {
        String key = job.request().labelAttributeName() + "-object-id";
        line.put(OBJECT_ID_ATTRIBUTE, key);
        line.put(key, id);
        return line;
    }

    /** The de-duplication id a taken-in line carries. */
    static String dedupId(ObjectNode line) {
        return line.path(line.path(OBJECT_ID_ATTRIBUTE).asText()).asText();
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private void write(S3Uri uri, List<ChunkReader.ChunkObject> taken) throws IOException {
        try (ManifestWriter out = new ManifestWriter(objects.create(uri, "application/x-ndjson"))) {
            for (ChunkReader.ChunkObject object : taken) {
                out.write(ChunkReader.toJson(object.objectId(), object.line()));
            }
        }
    }
}
