package dev.verity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;

/** An API Gateway HTTP API (payload format 2.0) response with a JSON body. */
public record HttpResponse(int statusCode, JsonNode body) {

    public static HttpResponse ok(JsonNode body) {
        return new HttpResponse(200, body);
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, null);
    }

    public static HttpResponse error(int status, String code, String message) {
        return new HttpResponse(status, Json.object().put("error", code).put("message", message));
    }

    public ObjectNode toEvent() {
        ObjectNode event = Json.object().put("statusCode", statusCode);
        event.putObject("headers").put("content-type", "application/json");
        event.put("isBase64Encoded", false);
        event.put("body", body == null ? "" : Json.write(body));
        return event;
    }
}
