package dev.verity.emulators.states;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One GetExecutionHistory event. {@code type} is the Step Functions event type ({@code TaskStateEntered}, ...);
 * {@code detailsKey} names the API member that carries {@code details} ({@code stateEnteredEventDetails}, ...), or
 * is null for events without details. {@code previousEventId} is 0 for the first event.
 */
public record HistoryEvent(
        long id, long previousEventId, Instant timestamp, String type, String detailsKey, ObjectNode details) {}
