package dev.verity.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.Map;

/** API Gateway HTTP API (payload 2.0) events as the JWT-authorized API would deliver them. */
final class ApiEvents {

    private ApiEvents() {}

    /**
     * A request with the groups of the caller the route is for: workers (group {@code workers}, the private team the
     * test jobs are sent to) on {@code /worker/...}, requesters (group {@code requesters}) elsewhere.
     */
    static ObjectNode request(String routeKey, Map<String, String> pathParameters, JsonNode body, String subject) {
        boolean workerRoute = routeKey.split(" ", 2)[1].startsWith("/worker/");
        return request(routeKey, pathParameters, body, subject, workerRoute ? "[workers]" : "[requesters]");
    }

    /** A request whose token carries {@code cognito:groups} as API Gateway passes it on, e.g. "[workers other]". */
    static ObjectNode request(
            String routeKey, Map<String, String> pathParameters, JsonNode body, String subject, String groups) {
        String[] route = routeKey.split(" ", 2);
        String rawPath = route[1];
        for (Map.Entry<String, String> p : pathParameters.entrySet()) {
            rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
        }
        ObjectNode event = Json.object()
                .put("version", "2.0")
                .put("routeKey", routeKey)
                .put("rawPath", rawPath)
                .put("rawQueryString", "")
                .put("isBase64Encoded", false);
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode params = event.putObject("pathParameters");
        pathParameters.forEach(params::put);
        if (body != null) {
            event.put("body", Json.write(body));
        }
        ObjectNode context =
                event.putObject("requestContext").put("routeKey", routeKey).put("stage", "$default");
        context.putObject("http").put("method", route[0]).put("path", rawPath);
        ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        claims.put("sub", subject).put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test");
        if (groups != null) {
            claims.put("cognito:groups", groups);
        }
        return event;
    }

    /** The request with query string parameters (API Gateway passes them as a map). */
    static ObjectNode withQuery(ObjectNode event, Map<String, String> query) {
        ObjectNode params = event.putObject("queryStringParameters");
        query.forEach(params::put);
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        event.put("rawQueryString", raw.toString());
        return event;
    }

    static int status(JsonNode response) {
        return response.get("statusCode").asInt();
    }

    static JsonNode body(JsonNode response) {
        String body = response.path("body").asText();
        return body.isEmpty() ? Json.object() : Json.parse(body);
    }
}
