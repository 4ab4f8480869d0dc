package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the payload format 2.0 event API Gateway HTTP API sends to a Lambda integration: header names lower-case,
 * repeated headers and query parameters comma-joined, cookies in {@code cookies} (not in {@code headers}), path
 * parameters decoded, and the body base64-encoded unless its content type is text. Absent parts
 * ({@code cookies}, {@code queryStringParameters}, {@code pathParameters}, {@code body}, the authorizer) are left
 * out, as API Gateway leaves them out.
 */
final class EventFactory {
    static final String STAGE = "$default";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** Connection-level headers the gateway consumes, and cookie (passed as {@code cookies}). */
    private static final Set<String> NOT_PASSED_ON =
            Set.of("connection", "keep-alive", "upgrade", "http2-settings", "te", "transfer-encoding", "cookie");

    private final String accountId;
    private final String apiId;

    EventFactory(String accountId, String apiId) {
        this.accountId = accountId;
        this.apiId = apiId;
    }

    /**
     * @param authorizer the request context's {@code authorizer} node ({@code jwt} or {@code iam}), or null for a route
     *                   without one
     */
    ObjectNode event(
            GatewayRequest request, RouteTable.Match match, ObjectNode authorizer, String requestId, Instant time) {
        String routeKey = match.route().routeKey();
        ObjectNode event = JSON.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", routeKey)
                .put("rawPath", request.rawPath())
                .put("rawQueryString", request.rawQuery());
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        headers(event.putObject("headers"), request);
        Map<String, String> query = query(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode node = event.putObject("queryStringParameters");
            query.forEach(node::put);
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode node = event.putObject("pathParameters");
            match.pathParameters().forEach(node::put);
        }
        event.set("requestContext", requestContext(request, routeKey, authorizer, requestId, time));
        boolean base64 = request.body().length > 0 && !isText(request.header("content-type"));
        if (request.body().length > 0) {
            event.put(
                    "body",
                    base64
                            ? Base64.getEncoder().encodeToString(request.body())
                            : new String(request.body(), StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    private ObjectNode requestContext(
            GatewayRequest request, String routeKey, ObjectNode authorizer, String requestId, Instant time) {
        String domainName = request.host().replaceFirst(":\\d+$", "");
        ObjectNode context = JSON.createObjectNode().put("accountId", accountId).put("apiId", apiId);
        if (authorizer != null) {
            context.set("authorizer", authorizer);
        }
        context.put("domainName", domainName).put("domainPrefix", domainName.split("\\.", 2)[0]);
        String userAgent = request.header("user-agent");
        context.putObject("http")
                .put("method", request.method())
                .put("path", request.rawPath())
                .put("protocol", request.protocol())
                .put("sourceIp", request.sourceIp())
                .put("userAgent", userAgent == null ? "" : userAgent);
        return context.put("requestId", requestId)
                .put("routeKey", routeKey)
                .put("stage", STAGE)
                .put("time", TIME.format(time))
                .put("timeEpoch", time.toEpochMilli());
    }

    private static void headers(ObjectNode node, GatewayRequest request) {
        request.headers().forEach((name, values) -> {
            if (!NOT_PASSED_ON.contains(name)) {
                node.put(name, String.join(",", values));
            }
        });
        // what API Gateway adds in front of every integration
        node.put("x-forwarded-for", request.sourceIp())
                .put("x-forwarded-port", String.valueOf(request.port()))
                .put("x-forwarded-proto", "http");
    }

    private static List<String> cookies(GatewayRequest request) {
        List<String> cookies = new ArrayList<>();
        for (String header : request.headers().getOrDefault("cookie", List.of())) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.strip());
                }
            }
        }
        return cookies;
    }

    /** Decoded names and values; a repeated name's values comma-joined; {@code a} alone is {@code a=""}. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    /** Text types travel as they are; anything else (or no content type) is base64, as API Gateway does. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript");
    }
}
