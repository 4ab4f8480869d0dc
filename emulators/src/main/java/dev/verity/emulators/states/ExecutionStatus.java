package dev.verity.emulators.states;

/** The Step Functions execution statuses. */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED,
    PENDING_REDRIVE;

    public boolean isClosed() {
        return this != RUNNING && this != PENDING_REDRIVE;
    }
}
