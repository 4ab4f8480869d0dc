package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the job store keeps instead of a large answer: {@code {"$ref":"s3://.../<time>.json"}}, the answer's
 * Ground Truth worker-response file, whose one answer's {@code answerContent} is the answer. A DynamoDB item holds at
 * most 400 KB and a painted mask can exceed it. No validated answer looks like this: each is keyed by its crowd
 * element's name.
 */
final class AnswerReference {

    /** Answers up to this many bytes of JSON stay in the job store; a quarter of DynamoDB's item limit. */
    static final int MAX_STORED_BYTES = 100 * 1024;

    private static final String REF = "$ref";

    private AnswerReference() {}

    static boolean fitsTheStore(JsonNode answer) {
        return Json.write(answer).getBytes(StandardCharsets.UTF_8).length <= MAX_STORED_BYTES;
    }

    static ObjectNode to(S3Uri workerResponse) {
        return Json.object().put(REF, workerResponse.toString());
    }

    /** The worker-response file a stored answer refers to, or empty if the answer is stored whole. */
    static Optional<S3Uri> of(JsonNode storedAnswer) {
        return storedAnswer != null
                        && storedAnswer.size() == 1
                        && storedAnswer.path(REF).isTextual()
                ? Optional.of(S3Uri.parse(storedAnswer.get(REF).textValue()))
                : Optional.empty();
    }

    /** The stored answer itself: read back from its worker-response file if the store holds a reference. */
    static JsonNode resolve(ObjectStore objects, JsonNode storedAnswer) throws IOException {
        Optional<S3Uri> file = of(storedAnswer);
        if (file.isEmpty()) {
            return storedAnswer;
        }
        try (InputStream in = objects.open(file.get())
                .orElseThrow(() -> new IllegalStateException("missing worker-response file " + file.get()))) {
            return answerIn(Json.MAPPER.readTree(in));
        }
    }

    /** The answer inside a worker-response file written by {@link TaskService}. */
    static JsonNode answerIn(JsonNode workerResponse) {
        JsonNode answer = workerResponse.at("/answers/0/answerContent");
        if (answer.isMissingNode()) {
            throw new IllegalStateException("a worker-response file without answers[0].answerContent");
        }
        return answer;
    }
}
