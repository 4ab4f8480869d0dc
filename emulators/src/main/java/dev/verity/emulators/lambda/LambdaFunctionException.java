package dev.verity.emulators.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function error, as Lambda reports it: {@code errorType} (the exception's class name) and {@code errorMessage}.
 * Step Functions turns it into a state error named {@code errorType} whose cause is {@link #toCauseJson()}.
 */
public class LambdaFunctionException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String errorType;

    public LambdaFunctionException(String errorType, String errorMessage, Throwable cause) {
        super(errorMessage, cause);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return getMessage();
    }

    /** {@code {"errorMessage": ..., "errorType": ..., "stackTrace": []}}, the Cause Step Functions reports. */
    public String toCauseJson() {
        ObjectNode cause =
                JSON.createObjectNode().put("errorMessage", getMessage()).put("errorType", errorType);
        cause.putArray("stackTrace");
        return cause.toString();
    }
}
