package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a thread interprets states: the execution's top level, or one Map iteration or Parallel branch. It carries
 * the {@code $$.Map.Item} of the innermost iteration, the sibling group whose failure cancels it, and the id of
 * its last history event (the next event's previousEventId). Only the top level is checkpointed.
 */
final class Scope {
    private final Run run;
    private final Scope parent;
    private final AtomicBoolean groupCancelled;
    private final JsonNode mapItem;
    private long lastEventId;

    private Scope(Run run, Scope parent, AtomicBoolean groupCancelled, JsonNode mapItem, long lastEventId) {
        this.run = run;
        this.parent = parent;
        this.groupCancelled = groupCancelled;
        this.mapItem = mapItem;
        this.lastEventId = lastEventId;
    }

    static Scope top(Run run) {
        return new Scope(run, null, new AtomicBoolean(), null, run.lastEventId());
    }

    /** A Map iteration ({@code mapItem} = {@code {"Index", "Value"}}) or Parallel branch (null) of this scope. */
    Scope child(AtomicBoolean group, JsonNode item) {
        return new Scope(run, this, group, item != null ? item : mapItem, lastEventId);
    }

    Run run() {
        return run;
    }

    boolean topLevel() {
        return parent == null;
    }

    JsonNode mapItem() {
        return mapItem;
    }

    boolean cancelled() {
        return groupCancelled.get() || parent != null && parent.cancelled();
    }

    long lastEventId() {
        return lastEventId;
    }

    void lastEventId(long id) {
        if (id > 0) {
            lastEventId = id;
        }
    }
}
