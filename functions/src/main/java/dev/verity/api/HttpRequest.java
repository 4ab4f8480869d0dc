package dev.verity.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The parts of an API Gateway HTTP API (payload format 2.0) event that the routes use. */
public record HttpRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> query,
        String body,
        Map<String, String> claims) {

    public static HttpRequest fromEvent(JsonNode event) {
        String body = event.path("body").isTextual() ? event.get("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new HttpRequest(
                event.path("routeKey").asText(),
                strings(event.get("pathParameters")),
                strings(event.get("queryStringParameters")),
                body,
                strings(event.path("requestContext")
                        .path("authorizer")
                        .path("jwt")
                        .get("claims")));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        if (node != null && node.isObject()) {
            node.fields()
                    .forEachRemaining(e -> map.put(
                            e.getKey(),
                            e.getValue().isTextual()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
        }
        return map;
    }

    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The body as JSON; an absent or malformed body is a 400 naming the problem. */
    public JsonNode jsonBody() {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("the request needs a JSON body");
        }
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
        }
    }
}
