package dev.verity.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The HTTP API's Lambda events (payload 2.0, as under {@code events/api-*.json}): a request a command is given in one
 * is the JSON its {@code body} holds, as a string, base64-encoded when {@code isBase64Encoded} is true. Which files
 * are events: {@link dev.verity.job.CreateLabelingJobRequest#isApiGatewayEvent}.
 */
final class ApiGatewayEvents {

    private ApiGatewayEvents() {}

    /** The JSON the event's body holds. */
    static JsonNode body(JsonNode event, Path file) throws IOException {
        JsonNode body = event.get("body");
        if (!body.isTextual()) {
            throw new IOException(file + " is an API Gateway event whose body is not a string; "
                    + "give the request itself (e.g. events/create-job.json)");
        }
        String text = body.textValue();
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                text = new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": isBase64Encoded is true but its body is not base64: " + e.getMessage());
            }
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(
                    file + ": the event's body is not valid JSON: " + CliErrors.firstLine(e.getOriginalMessage()));
        }
    }
}
