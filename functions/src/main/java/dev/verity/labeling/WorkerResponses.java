package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.store.Assignment;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground Truth's worker-response files: one per object and human batch, {@code {"answers": [...]}} with each worker's
 * answer, times and identity. They are written when the batch is consolidated, from the answers the job store holds,
 * so an object's file costs one S3 request however many workers answered it, and no answer can appear twice.
 */
final class WorkerResponses {

    private static final int PARALLEL_WRITES = 8;

    private WorkerResponses() {}

    /**
     * Writes the file of each object with answers in {@code batch}, from submitted answers whose content is resolved
     * (a large answer read back from its own file).
     */
    static void write(ObjectStore objects, JobLayout layout, int batch, List<Assignment> submitted) throws IOException {
        Map<String, List<Assignment>> byObject = new LinkedHashMap<>();
        for (Assignment a : submitted) {
            if (a.batch() == batch) {
                byObject.computeIfAbsent(a.objectId(), k -> new ArrayList<>()).add(a);
            }
        }
        // A chunk has up to 2,000 objects: their PUTs a few at a time, not one after another.
        BoundedCalls.map(new ArrayList<>(byObject.entrySet()), PARALLEL_WRITES, object -> {
            List<Assignment> answers = new ArrayList<>(object.getValue());
            answers.sort(Comparator.comparing(Assignment::submittedAt).thenComparing(Assignment::workerId));
            List<ObjectNode> entries = new ArrayList<>();
            for (Assignment a : answers) {
                entries.add(answer(a, a.answer()));
            }
            Instant last = answers.get(answers.size() - 1).submittedAt();
            objects.put(
                    layout.workerResponse(batch, object.getKey(), last),
                    Json.write(file(entries)).getBytes(StandardCharsets.UTF_8),
                    "application/json");
            return null;
        });
    }

    /** The file around the given answers. */
    static ObjectNode file(List<ObjectNode> answers) {
        ObjectNode file = Json.object();
        file.putArray("answers").addAll(answers);
        return file;
    }

    /** One answer as Ground Truth records it: times, worker, content and who vouched for the worker. */
    static ObjectNode answer(Assignment a, JsonNode answerContent) {
        ObjectNode answer = Json.object();
        answer.put("acceptanceTime", a.acceptedAt().toString());
        answer.put("submissionTime", a.submittedAt().toString());
        answer.put(
                "timeSpentInSeconds",
                Duration.between(a.acceptedAt(), a.submittedAt()).toMillis() / 1000.0);
        answer.put("workerId", a.workerId());
        answer.set("answerContent", answerContent);
        ObjectNode identity = answer.putObject("workerMetadata").putObject("identityData");
        if (CrowdTaskService.MECHANICAL_TURK.equals(a.issuer())) {
            // A public-crowd answer: the worker is a Mechanical Turk worker id, the assignment Mechanical Turk's.
            identity.put("identityProviderType", "MechanicalTurk");
            identity.put("workerId", a.workerId());
            identity.put("assignmentId", a.receiptHandle());
        } else {
            identity.put("identityProviderType", "Cognito");
            if (a.issuer() != null) {
                identity.put("issuer", a.issuer());
            }
            identity.put("sub", a.workerId());
        }
        return answer;
    }
}
