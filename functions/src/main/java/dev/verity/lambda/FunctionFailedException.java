package dev.verity.lambda;

/** A function invocation that failed: the function's error type (or the invoke API's) and its message. */
public final class FunctionFailedException extends RuntimeException {

    private final String functionArn;
    private final String errorType;

    public FunctionFailedException(String functionArn, String errorType, String errorMessage, Throwable cause) {
        super(functionArn + " failed: " + errorType + ": " + errorMessage, cause);
        this.functionArn = functionArn;
        this.errorType = errorType;
    }

    public String functionArn() {
        return functionArn;
    }

    public String errorType() {
        return errorType;
    }
}
