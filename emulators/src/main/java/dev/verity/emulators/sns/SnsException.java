package dev.verity.emulators.sns;

/** An SNS error: HTTP status, the error code the SDK maps to an exception class, and the message. */
final class SnsException extends RuntimeException {
    private final int status;
    private final String code;

    SnsException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** {@code NotFound} (404): the SDK's {@code NotFoundException}. */
    static SnsException notFound(String message) {
        return new SnsException(404, "NotFound", message);
    }

    /** {@code InvalidParameter} (400): the SDK's {@code InvalidParameterException}. */
    static SnsException invalidParameter(String message) {
        return new SnsException(400, "InvalidParameter", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
