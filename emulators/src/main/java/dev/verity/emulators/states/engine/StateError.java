package dev.verity.emulators.states.engine;

/**
 * A state failed with an ASL error name and cause: what Retry and Catch match and what fails an execution.
 * {@code States.Runtime} errors are never retried or caught, as in AWS.
 */
final class StateError extends RuntimeException {
    static final String ALL = "States.ALL";
    static final String RUNTIME = "States.Runtime";
    static final String TIMEOUT = "States.Timeout";
    static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    static final String LAMBDA_SERVICE_EXCEPTION = "Lambda.ServiceException";

    private final String error;
    private final String errorCause;

    StateError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    static StateError runtime(String cause) {
        return new StateError(RUNTIME, cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return errorCause;
    }

    boolean isRuntime() {
        return RUNTIME.equals(error);
    }
}
