package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;

/**
 * The workflow's catch-all: {"jobName", "error": {"Error", "Cause"}} → {}. A Lambda failure's Cause is a JSON
 * document; its errorMessage becomes the job's FailureReason.
 */
public final class MarkJobFailedHandler extends JsonHandler {

    public MarkJobFailedHandler() {}

    public MarkJobFailedHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        JsonNode error = event.path("error");
        String type = error.path("Error").asText("Error");
        String cause = error.path("Cause").asText("");
        try {
            JsonNode lambdaError = Json.parse(cause);
            if (lambdaError.hasNonNull("errorMessage")) {
                type = lambdaError.path("errorType").asText(type);
                cause = lambdaError.get("errorMessage").asText();
            }
        } catch (IllegalArgumentException e) {
            // a plain-text cause is used as it is
        }
        type = type.substring(type.lastIndexOf('.') + 1);
        services().outputs.markFailed(event.path("jobName").asText(), type, cause);
        return Json.object();
    }
}
