package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.lambda.LambdaInvoker;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a state list (a state machine, a Map's ItemProcessor, a Parallel branch) from StartAt to an end state, in
 * the calling thread: input/output processing in the spec's order (InputPath, Parameters, the state's work,
 * ResultSelector, ResultPath, OutputPath), Retry and Catch, and history events. Task, Map and Parallel work is
 * delegated to {@link TaskState} and {@link FanoutState}.
 */
final class Interpreter {
    private final TaskState tasks;
    private final FanoutState fanout;

    Interpreter(LambdaInvoker invoker, ExecutorService pool) {
        this.tasks = new TaskState(invoker, pool);
        this.fanout = new FanoutState(this, pool);
    }

    /** Where a state sends its output: the next state, or null at an end state. */
    private record Step(String next, JsonNode output) {}

    /** One attempt of a state's work on its effective input (after InputPath), before ResultSelector. */
    @FunctionalInterface
    interface Work {
        JsonNode run(JsonNode effectiveInput, int retryCount);
    }

    /**
     * Interprets {@code machine} ({@code StartAt} + {@code States}) on {@code input}; at the top level after a
     * restart, {@code resume} says which state to continue in. Returns the output of the end state.
     */
    JsonNode run(Scope scope, JsonNode machine, JsonNode input, Checkpoint resume) {
        JsonNode states = machine.path("States");
        String name = resume != null ? resume.state() : machine.path("StartAt").asText();
        JsonNode data = resume != null ? resume.input() : input;
        Checkpoint checkpoint = resume;
        while (true) {
            if (scope.run().isCancelled() || scope.cancelled()) {
                throw new Cancelled();
            }
            JsonNode state = states.get(name);
            if (state == null) {
                throw StateError.runtime("No state named '" + name + "'");
            }
            if (checkpoint == null) {
                checkpoint = Checkpoint.enter(name, data, Instant.now());
                scope.run().save(scope, checkpoint);
            }
            Step step = state(scope, name, state, data, checkpoint);
            if (step.next() == null) {
                return step.output();
            }
            name = step.next();
            data = step.output();
            checkpoint = null;
        }
    }

    private Step state(Scope scope, String name, JsonNode state, JsonNode input, Checkpoint checkpoint) {
        String type = state.path("Type").asText();
        Run run = scope.run();
        run.event(scope, type + "StateEntered", "stateEnteredEventDetails", details(name, "input", input));
        Instant entered = checkpoint.enteredTime();
        JsonNode context = run.context(scope, name, entered, 0, null);
        Step step = switch (type) {
            case "Pass" -> pass(state, input, context);
            case "Choice" -> choice(state, input, context);
            case "Wait" -> waitState(scope, state, input, context, checkpoint);
            case "Succeed" ->
                new Step(
                        null,
                        PathEvaluator.select(
                                state,
                                "OutputPath",
                                PathEvaluator.select(state, "InputPath", input, context),
                                context));
            case "Fail" -> throw fail(state, input, context);
            case "Task" ->
                guarded(
                        scope,
                        name,
                        state,
                        input,
                        checkpoint,
                        (effective, retries) -> tasks.run(
                                scope,
                                name,
                                state,
                                input,
                                effective,
                                run.context(scope, name, entered, retries, null),
                                checkpoint));
            case "Map" ->
                guarded(
                        scope,
                        name,
                        state,
                        input,
                        checkpoint,
                        (effective, retries) ->
                                fanout.map(scope, state, effective, run.context(scope, name, entered, retries, null)));
            case "Parallel" ->
                guarded(
                        scope,
                        name,
                        state,
                        input,
                        checkpoint,
                        (effective, retries) -> fanout.parallel(
                                scope, state, effective, run.context(scope, name, entered, retries, null)));
            default -> throw StateError.runtime("State '" + name + "' has an unsupported Type '" + type + "'");
        };
        run.event(scope, type + "StateExited", "stateExitedEventDetails", details(name, "output", step.output()));
        return step;
    }

    private static Step pass(JsonNode state, JsonNode input, JsonNode context) {
        JsonNode effective = parameters(state, PathEvaluator.select(state, "InputPath", input, context), context);
        JsonNode result = state.has("Result") ? state.get("Result") : effective;
        JsonNode output = PathEvaluator.applyResultPath(state, input, result);
        return new Step(next(state), PathEvaluator.select(state, "OutputPath", output, context));
    }

    private static Step choice(JsonNode state, JsonNode input, JsonNode context) {
        JsonNode effective = PathEvaluator.select(state, "InputPath", input, context);
        String next = ChoiceEvaluator.next(state, effective, context);
        if (next == null) {
            throw new StateError(StateError.NO_CHOICE_MATCHED, "No Choice Rule matched and there is no Default");
        }
        return new Step(next, PathEvaluator.select(state, "OutputPath", effective, context));
    }

    /** Waits until the deadline, which is persisted so that a restart waits only the rest. */
    private static Step waitState(
            Scope scope, JsonNode state, JsonNode input, JsonNode context, Checkpoint checkpoint) {
        JsonNode effective = PathEvaluator.select(state, "InputPath", input, context);
        Long until = checkpoint.waitUntil();
        if (until == null) {
            until = waitDeadline(state, effective, context);
            checkpoint.waitUntil(until);
            scope.run().save(scope, checkpoint);
        }
        scope.run().sleepUntil(until, scope);
        return new Step(next(state), PathEvaluator.select(state, "OutputPath", effective, context));
    }

    private static long waitDeadline(JsonNode state, JsonNode input, JsonNode context) {
        if (state.has("Seconds") || state.has("SecondsPath")) {
            JsonNode seconds = state.has("Seconds")
                    ? state.get("Seconds")
                    : PathEvaluator.read(state.get("SecondsPath").asText(), input, context);
            if (!seconds.isNumber() || seconds.asDouble() < 0) {
                throw StateError.runtime("Wait seconds must be a non-negative number, got " + seconds);
            }
            return System.currentTimeMillis() + Math.round(seconds.asDouble() * 1000);
        }
        JsonNode timestamp = state.has("Timestamp")
                ? state.get("Timestamp")
                : state.has("TimestampPath")
                        ? PathEvaluator.read(state.get("TimestampPath").asText(), input, context)
                        : null;
        Instant at = timestamp != null && timestamp.isTextual() ? Timestamps.parse(timestamp.asText()) : null;
        if (at == null) {
            throw StateError.runtime(
                    "A Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath; got " + timestamp);
        }
        return at.toEpochMilli();
    }

    private static StateError fail(JsonNode state, JsonNode input, JsonNode context) {
        String error = state.has("ErrorPath")
                ? PayloadTemplate.dynamic("ErrorPath", state.get("ErrorPath"), input, context)
                        .asText()
                : state.path("Error").asText(null);
        String cause = state.has("CausePath")
                ? PayloadTemplate.dynamic("CausePath", state.get("CausePath"), input, context)
                        .asText()
                : state.path("Cause").asText(null);
        return new StateError(error, cause);
    }

    /** Runs {@code work} with the state's Retry and Catch, then ResultSelector, ResultPath and OutputPath. */
    private Step guarded(Scope scope, String name, JsonNode state, JsonNode input, Checkpoint checkpoint, Work work) {
        RetryPolicy policy = new RetryPolicy(state);
        int[] retries = checkpoint.retries(policy.size());
        Run run = scope.run();
        while (true) {
            try {
                JsonNode context = run.context(scope, name, checkpoint.enteredTime(), sum(retries), null);
                JsonNode effective = PathEvaluator.select(state, "InputPath", input, context);
                JsonNode result = work.run(effective, sum(retries));
                if (state.has("ResultSelector")) {
                    result = PayloadTemplate.evaluate(state.get("ResultSelector"), result, context);
                }
                JsonNode output = PathEvaluator.applyResultPath(state, input, result);
                return new Step(next(state), PathEvaluator.select(state, "OutputPath", output, context));
            } catch (StateError e) {
                if (e.isRuntime()) {
                    throw e;
                }
                int index = policy.retrierFor(e.error());
                if (index >= 0 && retries[index] < policy.retrier(index).maxAttempts()) {
                    long delay =
                            policy.retrier(index).delayMillis(retries[index], ThreadLocalRandom.current()::nextDouble);
                    retries[index]++;
                    checkpoint.retried(retries);
                    run.save(scope, checkpoint);
                    run.sleepUntil(System.currentTimeMillis() + delay, scope);
                    continue;
                }
                JsonNode catcher = policy.catcherFor(e.error());
                if (catcher == null) {
                    throw e;
                }
                ObjectNode errorOutput = PathEvaluator.JSON
                        .createObjectNode()
                        .put("Error", e.error())
                        .put("Cause", e.cause());
                return new Step(
                        catcher.path("Next").asText(), PathEvaluator.applyResultPath(catcher, input, errorOutput));
            }
        }
    }

    /** Parameters (a payload template over the effective input), or the effective input itself. */
    static JsonNode parameters(JsonNode state, JsonNode effective, JsonNode context) {
        return state.has("Parameters")
                ? PayloadTemplate.evaluate(state.get("Parameters"), effective, context)
                : effective;
    }

    static ObjectNode details(String name, String field, JsonNode data) {
        ObjectNode details =
                PathEvaluator.JSON.createObjectNode().put("name", name).put(field, data.toString());
        details.putObject(field + "Details").put("truncated", false);
        return details;
    }

    private static String next(JsonNode state) {
        return state.path("End").asBoolean(false) ? null : state.path("Next").asText();
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }
}
