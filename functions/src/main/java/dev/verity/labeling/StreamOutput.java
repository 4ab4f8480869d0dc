package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.notify.LabelTopic;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.store.StreamState;
import dev.verity.store.StreamStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A streaming job's output ({@link StreamingService}): after each round, the output manifest with every label so far
 * (Ground Truth updates it periodically) and, on the job's output topic, one message per object the round labeled,
 * its output manifest line; when the stream ends, the job's end.
 */
public final class StreamOutput {

    private final JobStore jobs;
    private final StreamStore streams;
    private final ObjectStore objects;
    private final LabelTopic topic;
    private final OutputService outputs;

    public StreamOutput(
            JobStore jobs, StreamStore streams, ObjectStore objects, LabelTopic topic, OutputService outputs) {
        this.jobs = jobs;
        this.streams = streams;
        this.objects = objects;
        this.topic = topic;
        this.outputs = outputs;
    }

    /**
     * Writes out round {@code round} (0: the initial manifest's batch), whose chunks' consolidation gave
     * {@code results}. A retried call rewrites the manifest but publishes nothing twice, unless it failed between
     * publishing and recording the round: the topic is at-least-once, and each message carries its object's id.
     */
    public ObjectNode writeRound(String jobName, int round, List<OutputService.ChunkResult> results)
            throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        outputs.writeManifest(job);
        if (streams.state(job.name()).outputRounds() <= round) {
            String topicArn = job.request().outputConfig().snsTopicArn();
            if (topicArn != null) {
                for (OutputService.ChunkResult result : results) {
                    publishLabeled(job, topicArn, result.chunk());
                }
            }
            streams.addRoundOutput(
                    job.name(),
                    round,
                    results.stream()
                            .mapToLong(OutputService.ChunkResult::labeled)
                            .sum(),
                    results.stream()
                            .mapToLong(OutputService.ChunkResult::failed)
                            .sum());
        }
        StreamState state = streams.state(job.name());
        jobs.recordOutput(
                job.name(),
                state.labeled(),
                0,
                state.failed(),
                job.layout().outputManifest().toString());
        return Json.object()
                .put("round", round)
                .put("labeled", state.labeled())
                .put("outputManifest", job.layout().outputManifest().toString());
    }

    /** The stream has ended: the job ends, with the output of every round. */
    public ObjectNode end(String jobName) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        outputs.writeManifest(job);
        StreamState state = streams.state(job.name());
        return outputs.end(job, state.labeled(), 0, state.failed());
    }

    private void publishLabeled(JobContext job, String topicArn, int chunk) throws IOException {
        String attribute = job.request().labelAttributeName();
        InputStream in = objects.open(job.layout().consolidatedChunk(chunk))
                .orElseThrow(() -> new IllegalStateException("missing consolidated chunk " + chunk));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                if (!text.isBlank()) {
                    JsonNode line = Json.MAPPER.readTree(text);
                    if (line.has(attribute)) {
                        topic.publish(topicArn, text);
                    }
                }
            }
        }
    }
}
