package dev.verity.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.lambda.FunctionFailedException;
import dev.verity.lambda.LambdaFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The requester's Lambdas as canned replies per function ARN; every call is recorded. A function with no reply set
 * fails as the invoke API does for a missing function ({@code ResourceNotFoundException}).
 */
public final class FakeLambdaFunctions implements LambdaFunctions {

    public record Call(String functionArn, JsonNode payload) {}

    private final Map<String, Function<JsonNode, JsonNode>> functions = new ConcurrentHashMap<>();
    private final List<Call> calls = new ArrayList<>();

    /** The function answers every call with {@code reply}. */
    public FakeLambdaFunctions reply(String functionArn, JsonNode reply) {
        return reply(functionArn, payload -> reply.deepCopy());
    }

    /** The function answers each call with what {@code body} makes of the payload (it may throw, as a function may). */
    public FakeLambdaFunctions reply(String functionArn, Function<JsonNode, JsonNode> body) {
        functions.put(functionArn, body);
        return this;
    }

    /** The function raises {@code errorType} with {@code message} on every call. */
    public FakeLambdaFunctions fail(String functionArn, String errorType, String message) {
        return reply(functionArn, payload -> {
            throw new FunctionFailedException(functionArn, errorType, message, null);
        });
    }

    @Override
    public JsonNode invoke(String functionArn, JsonNode payload) {
        synchronized (calls) {
            calls.add(new Call(functionArn, payload.deepCopy()));
        }
        Function<JsonNode, JsonNode> function = functions.get(functionArn);
        if (function == null) {
            throw new FunctionFailedException(
                    functionArn, "ResourceNotFoundException", "Function not found: " + functionArn, null);
        }
        return function.apply(payload);
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(String functionArn) {
        return calls().stream().filter(c -> c.functionArn().equals(functionArn)).toList();
    }
}
