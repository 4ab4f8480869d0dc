package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The work of Map (inline: ItemsPath, ItemSelector/Parameters, ItemProcessor/Iterator, MaxConcurrency) and Parallel
 * (Branches) states. Iterations and branches run on the pool, at most MaxConcurrency at once (0 = all); the first
 * failure cancels the others and becomes the state's error. Results keep the items' (branches') order.
 */
final class FanoutState {
    private final Interpreter interpreter;
    private final ExecutorService pool;

    FanoutState(Interpreter interpreter, ExecutorService pool) {
        this.interpreter = interpreter;
        this.pool = pool;
    }

    @FunctionalInterface
    private interface Body {
        JsonNode run(int index, Scope scope);
    }

    JsonNode map(Scope scope, JsonNode state, JsonNode effective, ObjectNode context) {
        if (state.has("ItemReader")
                || "DISTRIBUTED"
                        .equals(state.path("ItemProcessor")
                                .path("ProcessorConfig")
                                .path("Mode")
                                .asText())) {
            throw StateError.runtime("Distributed Map (ItemReader, Mode DISTRIBUTED) is not supported");
        }
        JsonNode items = state.has("ItemsPath")
                ? PathEvaluator.read(state.get("ItemsPath").asText(), effective, context)
                : effective;
        if (!items.isArray()) {
            throw StateError.runtime("ItemsPath must select an array, got " + items);
        }
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        int maxConcurrency = state.has("MaxConcurrencyPath")
                ? PathEvaluator.read(state.get("MaxConcurrencyPath").asText(), effective, context)
                        .asInt()
                : state.path("MaxConcurrency").asInt(0);
        Run run = scope.run();
        run.event(
                scope,
                "MapStateStarted",
                "mapStateStartedEventDetails",
                PathEvaluator.JSON.createObjectNode().put("length", items.size()));
        String name = context.path("State").path("Name").asText();
        try {
            ArrayNode results = fanOut(scope, items.size(), maxConcurrency, (index, child) -> {
                ObjectNode item = PathEvaluator.JSON.createObjectNode().put("Index", index);
                item.set("Value", items.get(index));
                JsonNode itemInput = items.get(index);
                if (selector != null) {
                    ObjectNode itemContext = context.deepCopy();
                    itemContext.putObject("Map").set("Item", item);
                    itemInput = PayloadTemplate.evaluate(selector, effective, itemContext);
                }
                Scope iteration = child.child(new AtomicBoolean(), item);
                ObjectNode iterationDetails =
                        PathEvaluator.JSON.createObjectNode().put("name", name).put("index", index);
                run.event(iteration, "MapIterationStarted", "mapIterationStartedEventDetails", iterationDetails);
                try {
                    JsonNode output = interpreter.run(iteration, processor, itemInput, null);
                    run.event(
                            iteration, "MapIterationSucceeded", "mapIterationSucceededEventDetails", iterationDetails);
                    return output;
                } catch (StateError e) {
                    run.event(iteration, "MapIterationFailed", "mapIterationFailedEventDetails", iterationDetails);
                    throw e;
                }
            });
            run.event(scope, "MapStateSucceeded", null, null);
            return results;
        } catch (StateError e) {
            run.event(scope, "MapStateFailed", null, null);
            throw e;
        }
    }

    JsonNode parallel(Scope scope, JsonNode state, JsonNode effective, ObjectNode context) {
        JsonNode branches = state.path("Branches");
        JsonNode input = Interpreter.parameters(state, effective, context);
        Run run = scope.run();
        run.event(scope, "ParallelStateStarted", null, null);
        try {
            ArrayNode results = fanOut(
                    scope,
                    branches.size(),
                    0,
                    (index, child) -> interpreter.run(child, branches.get(index), input, null));
            run.event(scope, "ParallelStateSucceeded", null, null);
            return results;
        } catch (StateError e) {
            run.event(scope, "ParallelStateFailed", null, null);
            throw e;
        }
    }

    /** Runs {@code body} for 0..count-1 with at most {@code maxConcurrency} at once; waits for all. */
    private ArrayNode fanOut(Scope scope, int count, int maxConcurrency, Body body) {
        JsonNode[] results = new JsonNode[count];
        AtomicBoolean cancelled = new AtomicBoolean();
        Scope group = scope.child(cancelled, null);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<StateError> failure = new AtomicReference<>();
        int workers = maxConcurrency <= 0 ? count : Math.min(count, maxConcurrency);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = next.getAndIncrement();
                                i < count && !cancelled.get();
                                i = next.getAndIncrement()) {
                            try {
                                results[i] = body.run(i, group);
                            } catch (Cancelled e) {
                                return;
                            } catch (RuntimeException e) {
                                StateError error =
                                        e instanceof StateError s ? s : StateError.runtime(String.valueOf(e));
                                if (failure.compareAndSet(null, error)) {
                                    cancelled.set(true);
                                    scope.run().wake();
                                }
                            }
                        }
                    },
                    pool));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        try {
            scope.run().await(all, Long.MAX_VALUE, scope);
        } catch (Cancelled e) {
            cancelled.set(true);
            scope.run().wake();
            throw e;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        ArrayNode array = PathEvaluator.JSON.createArrayNode();
        for (JsonNode result : results) {
            array.add(result);
        }
        return array;
    }
}
