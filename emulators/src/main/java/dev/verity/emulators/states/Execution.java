package dev.verity.emulators.states;

import java.time.Instant;

/**
 * An immutable snapshot of one execution. {@code input} and {@code output} are JSON texts; {@code stopDate},
 * {@code output}, {@code error} and {@code cause} are null until the execution closes.
 */
public record Execution(
        String executionArn,
        String stateMachineArn,
        String name,
        String input,
        ExecutionStatus status,
        Instant startDate,
        Instant stopDate,
        String output,
        String error,
        String cause) {

    Execution close(ExecutionStatus newStatus, Instant at, String newOutput, String newError, String newCause) {
        return new Execution(
                executionArn, stateMachineArn, name, input, newStatus, startDate, at, newOutput, newError, newCause);
    }
}
