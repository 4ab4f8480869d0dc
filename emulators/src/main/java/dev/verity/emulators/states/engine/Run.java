package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.states.Execution;
import dev.verity.emulators.states.HistoryEvent;
import dev.verity.emulators.states.StateMachine;
import dev.verity.emulators.states.StatesService;
import dev.verity.emulators.states.TaskCallback;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * One execution being interpreted: its identity (for the context object), its inbox of task callbacks, and the
 * one monitor every wait of its threads sleeps on, so a callback, a finished Lambda call, StopExecution or engine
 * shutdown wakes them at once.
 */
final class Run {
    final StatesService service;
    final Execution execution;
    final StateMachine machine;
    final JsonNode definition;
    private final JsonNode input;
    private final Map<String, Deque<TaskCallback>> inbox = new HashMap<>();
    private boolean cancelled;

    Run(StatesService service, StateMachine machine, Execution execution) {
        this.service = service;
        this.execution = execution;
        this.machine = machine;
        this.definition = parse(machine.definition());
        this.input = parse(execution.input());
    }

    String arn() {
        return execution.executionArn();
    }

    JsonNode input() {
        return input;
    }

    long lastEventId() {
        List<HistoryEvent> history = service.history(arn());
        return history.isEmpty() ? 0 : history.get(history.size() - 1).id();
    }

    /** StopExecution or shutdown: every wait of this run throws {@link Cancelled}. */
    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    synchronized void deliver(TaskCallback callback) {
        inbox.computeIfAbsent(callback.taskToken(), k -> new ArrayDeque<>()).add(callback);
        notifyAll();
    }

    /** The next callback received for {@code token} (caller holds the monitor, e.g. inside {@link #await}). */
    synchronized TaskCallback poll(String token) {
        Deque<TaskCallback> queue = inbox.get(token);
        return queue == null ? null : queue.poll();
    }

    synchronized void forget(String token) {
        inbox.remove(token);
    }

    /**
     * Waits until {@code ready} (checked under this monitor) or {@code deadline} (epoch millis); false at the
     * deadline. Throws {@link Cancelled} when the run or the scope is cancelled, or the thread interrupted.
     */
    synchronized boolean await(BooleanSupplier ready, long deadline, Scope scope) {
        while (true) {
            if (cancelled || scope.cancelled()) {
                throw new Cancelled();
            }
            if (ready.getAsBoolean()) {
                return true;
            }
            long now = System.currentTimeMillis();
            if (now >= deadline) {
                return false;
            }
            try {
                wait(deadline - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }
    }

    boolean await(CompletableFuture<?> future, long deadline, Scope scope) {
        future.whenComplete((result, error) -> wake());
        return await(future::isDone, deadline, scope);
    }

    void sleepUntil(long deadline, Scope scope) {
        await(() -> false, deadline, scope);
    }

    /** Wakes the waiting threads so they re-check their conditions (a sibling group was cancelled, ...). */
    synchronized void wake() {
        notifyAll();
    }

    long event(Scope scope, String type, String detailsKey, ObjectNode details) {
        long id = service.recordEvent(arn(), scope.lastEventId(), type, detailsKey, details);
        scope.lastEventId(id);
        return id;
    }

    /** Persists the top level's position; iterations and branches are re-run as a whole after a restart. */
    void save(Scope scope, Checkpoint checkpoint) {
        if (scope.topLevel() && !isCancelled()) {
            service.checkpoint(arn(), checkpoint.node().deepCopy());
        }
    }

    /** The context object ({@code $$}) of a state. */
    ObjectNode context(Scope scope, String stateName, Instant entered, int retryCount, String token) {
        ObjectNode context = PathEvaluator.JSON.createObjectNode();
        ObjectNode ex = context.putObject("Execution")
                .put("Id", arn())
                .put("Name", execution.name())
                .put("RoleArn", machine.roleArn())
                .put("StartTime", execution.startDate().toString());
        ex.set("Input", input);
        context.putObject("StateMachine").put("Id", machine.arn()).put("Name", machine.name());
        context.putObject("State")
                .put("Name", stateName)
                .put("EnteredTime", entered.toString())
                .put("RetryCount", retryCount);
        if (token != null) {
            context.putObject("Task").put("Token", token);
        }
        if (scope.mapItem() != null) {
            context.putObject("Map").set("Item", scope.mapItem());
        }
        return context;
    }

    static JsonNode parse(String json) {
        try {
            return PathEvaluator.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw StateError.runtime("Invalid JSON: " + e.getOriginalMessage());
        }
    }
}
