package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Where a top-level state stands, as persisted through {@code StatesService.checkpoint}: {@code state},
 * {@code input} (the raw state input), {@code enteredTime}, {@code retries} (one counter per Retrier), and while
 * waiting {@code token}/{@code invoked}/{@code timeoutAt}/{@code heartbeatAt} (a task token) or {@code waitUntil}
 * (a Wait state). Times are epoch milliseconds. Inside Map iterations and Parallel branches it is not persisted.
 */
final class Checkpoint {
    private final ObjectNode node;

    private Checkpoint(ObjectNode node) {
        this.node = node;
    }

    static Checkpoint enter(String state, JsonNode input, Instant entered) {
        ObjectNode node =
                PathEvaluator.JSON.createObjectNode().put("state", state).put("enteredTime", entered.toString());
        node.set("input", input);
        return new Checkpoint(node);
    }

    static Checkpoint of(JsonNode persisted) {
        return new Checkpoint(((ObjectNode) persisted).deepCopy());
    }

    ObjectNode node() {
        return node;
    }

    String state() {
        return node.path("state").asText();
    }

    JsonNode input() {
        return node.get("input");
    }

    Instant enteredTime() {
        return Instant.parse(node.path("enteredTime").asText());
    }

    int[] retries(int retriers) {
        int[] counts = new int[retriers];
        JsonNode saved = node.path("retries");
        for (int i = 0; i < retriers && i < saved.size(); i++) {
            counts[i] = saved.get(i).asInt();
        }
        return counts;
    }

    /** A retry starts a fresh attempt: no token, no wait. */
    void retried(int[] counts) {
        clearWait();
        ArrayNode saved = node.putArray("retries");
        Arrays.stream(counts).forEach(saved::add);
    }

    String token() {
        return node.hasNonNull("token") ? node.get("token").asText() : null;
    }

    boolean invoked() {
        return node.path("invoked").asBoolean(false);
    }

    long timeoutAt() {
        return node.path("timeoutAt").asLong(Long.MAX_VALUE);
    }

    long heartbeatAt() {
        return node.path("heartbeatAt").asLong(Long.MAX_VALUE);
    }

    void awaitToken(String token, boolean invoked, long timeoutAt, long heartbeatAt) {
        node.put("token", token)
                .put("invoked", invoked)
                .put("timeoutAt", timeoutAt)
                .put("heartbeatAt", heartbeatAt);
    }

    Long waitUntil() {
        return node.has("waitUntil") ? node.get("waitUntil").asLong() : null;
    }

    void waitUntil(long at) {
        node.put("waitUntil", at);
    }

    void clearWait() {
        node.remove(List.of("token", "invoked", "timeoutAt", "heartbeatAt", "waitUntil"));
    }
}
