package dev.verity.emulators.lambda;

/**
 * Runs a Lambda function for the embedded services (the states engine's Task states, the SQS event source, the
 * HTTP API gateway). The local runtime implements it by calling the handler classes in-process.
 */
public interface LambdaInvoker {

    /**
     * Invokes a function synchronously.
     *
     * @param function the function's name or ARN ({@code arn:aws:lambda:<region>:<account>:function:<name>[:alias]})
     * @param payload  the event, as JSON text
     * @return the function's result, as JSON text
     * @throws LambdaFunctionException if the function failed (its error type and message, as Lambda reports them)
     */
    String invoke(String function, String payload);

    /** The function name inside a name or ARN, without the alias or version qualifier. */
    static String functionName(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String[] parts = nameOrArn.split(":");
        return parts.length > 6 ? parts[6] : nameOrArn;
    }
}
