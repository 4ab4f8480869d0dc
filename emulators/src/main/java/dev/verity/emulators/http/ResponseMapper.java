package dev.verity.emulators.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;

/**
 * Turns a function's result into the HTTP response, as API Gateway does for payload format 2.0: an object with
 * {@code statusCode} is a response ({@code headers}, {@code cookies} as {@code set-cookie} headers, {@code body},
 * {@code isBase64Encoded}; the 1.0 {@code multiValueHeaders} is not part of 2.0 and is ignored); any other JSON is
 * the body of a 200 {@code application/json} response.
 */
final class ResponseMapper {
    /** What API Gateway answers a statusCode response with when the function set no content type. */
    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseMapper() {}

    /** @throws IllegalArgumentException when the result is not JSON or not a valid response */
    static GatewayResponse map(String result) {
        JsonNode node;
        try {
            node = JSON.readTree(result);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the function's result is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.has("statusCode")) {
            return GatewayResponse.json(200, result);
        }
        JsonNode status = node.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            throw new IllegalArgumentException("statusCode " + status + " is not an HTTP status");
        }
        GatewayResponse response = new GatewayResponse(status.asInt(), new LinkedHashMap<>(), body(node));
        node.path("headers")
                .properties()
                .forEach(h -> response.set(h.getKey(), h.getValue().asText()));
        node.path("cookies").forEach(cookie -> response.add("set-cookie", cookie.asText()));
        if (!response.headers().containsKey("content-type")) {
            response.set("content-type", DEFAULT_CONTENT_TYPE);
        }
        return response;
    }

    private static byte[] body(JsonNode response) {
        JsonNode body = response.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        String text = body.isTextual() ? body.asText() : body.toString();
        return response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(text.strip())
                : text.getBytes(StandardCharsets.UTF_8);
    }
}
