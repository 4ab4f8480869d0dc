package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.emulators.lambda.LambdaInvoker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A {@link LambdaInvoker} that records every event and answers with a per-function behaviour. */
final class RecordingInvoker implements LambdaInvoker {
    static final String OK = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},"
            + "\"body\":\"{\\\"ok\\\":true}\",\"isBase64Encoded\":false}";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Call(String function, JsonNode event) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<JsonNode, String>> behaviours = new ConcurrentHashMap<>();

    @Override
    public String invoke(String function, String payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add(new Call(function, event));
        return behaviours.getOrDefault(function, e -> OK).apply(event);
    }

    void answer(String function, Function<JsonNode, String> behaviour) {
        behaviours.put(function, behaviour);
    }

    List<Call> calls() {
        return calls;
    }

    /** The only call since {@link #reset()}; fails when there were none or several. */
    Call onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("expected one invocation, got " + calls.size() + ": " + calls);
        }
        return calls.get(0);
    }

    void reset() {
        calls.clear();
        behaviours.clear();
    }
}
