package dev.verity.emulators.states;

/**
 * A Step Functions API error: {@code code} is the AWS error code the SDK maps to an exception class (for example
 * {@code ExecutionAlreadyExists} → {@code ExecutionAlreadyExistsException}); sent as HTTP 400 with
 * {@code {"__type": code, "message": message}}.
 */
public final class StatesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public StatesException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
