package dev.verity.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/** The requester's own Lambda functions, which custom task types call before and after human annotation. */
public interface LambdaFunctions {

    /**
     * Invokes a function synchronously.
     *
     * @param functionArn the function's ARN, as the labeling job names it
     * @param payload     the event
     * @return what the function returned
     * @throws FunctionFailedException if the function raised an error or could not be invoked
     */
    JsonNode invoke(String functionArn, JsonNode payload);
}
