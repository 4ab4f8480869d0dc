package dev.verity.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** {@link LambdaFunctions} through Lambda's Invoke API (RequestResponse). */
public final class AwsLambdaFunctions implements LambdaFunctions {

    private final Supplier<LambdaClient> lambda;

    public AwsLambdaFunctions(Supplier<LambdaClient> lambda) {
        this.lambda = lambda;
    }

    @Override
    public JsonNode invoke(String functionArn, JsonNode payload) {
        InvokeResponse response;
        try {
            response = lambda.get()
                    .invoke(b -> b.functionName(functionArn)
                            .invocationType(InvocationType.REQUEST_RESPONSE)
                            .payload(SdkBytes.fromUtf8String(Json.write(payload))));
        } catch (SdkException e) {
            throw new FunctionFailedException(functionArn, e.getClass().getSimpleName(), e.getMessage(), e);
        }
        String body = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            // Lambda reports a function error as {"errorType": ..., "errorMessage": ...} in the payload.
            JsonNode error = parse(functionArn, body);
            throw new FunctionFailedException(
                    functionArn,
                    error.path("errorType").asText(response.functionError()),
                    error.path("errorMessage").asText(body),
                    null);
        }
        return parse(functionArn, body);
    }

    private static JsonNode parse(String functionArn, String body) {
        try {
            return body.isBlank() ? Json.MAPPER.nullNode() : Json.parse(body);
        } catch (RuntimeException e) {
            throw new FunctionFailedException(
                    functionArn,
                    "InvalidResponse",
                    "the function returned no JSON: " + (body.length() > 200 ? body.substring(0, 200) + "…" : body),
                    e);
        }
    }
}
