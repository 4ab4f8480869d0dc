package dev.verity.emulators.states;

import java.time.Instant;

/**
 * One accepted SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat call. {@code output} is set for SUCCESS;
 * {@code error} and {@code cause} (either may be null) for FAILURE.
 */
public record TaskCallback(
        Kind kind, String taskToken, String executionArn, String output, String error, String cause, Instant time) {
    public enum Kind {
        SUCCESS,
        FAILURE,
        HEARTBEAT
    }

    /** SUCCESS or FAILURE: the calls that close a task token. */
    public boolean isResult() {
        return kind != Kind.HEARTBEAT;
    }
}
