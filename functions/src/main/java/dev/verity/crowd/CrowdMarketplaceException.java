package dev.verity.crowd;

/**
 * The marketplace refused or failed a call.
 *
 * @see #errorType() {@code RequestError} (the request was refused, HTTP 400) or {@code ServiceFault}
 */
public final class CrowdMarketplaceException extends RuntimeException {

    private final String operation;
    private final int status;
    private final String errorType;
    private final String errorCode;
    private final String serviceMessage;

    public CrowdMarketplaceException(String operation, int status, String errorType, String errorCode, String message) {
        super(operation + " failed (HTTP " + status + ", " + errorType + (errorCode == null ? "" : " " + errorCode)
                + "): " + message);
        this.operation = operation;
        this.status = status;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.serviceMessage = message;
    }

    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }

    /** The error's type without its namespace, e.g. {@code RequestError}. */
    public String errorType() {
        return errorType;
    }

    /** Mechanical Turk's {@code TurkErrorCode}, e.g. {@code AWS.MechanicalTurk.HitAlreadyExists}, or null. */
    public String errorCode() {
        return errorCode;
    }

    /** The service's own message. */
    public String serviceMessage() {
        return serviceMessage;
    }

    /**
     * The caller's request was refused (as opposed to a fault of the service or throttling, worth a retry: those
     * fail the step, which the workflow retries).
     */
    public boolean isRequestError() {
        boolean throttled = status == 429 || errorType.contains("Throttl") || errorType.contains("TooManyRequests");
        return !throttled && ("RequestError".equals(errorType) || (status >= 400 && status < 500));
    }
}
