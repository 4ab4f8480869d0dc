package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * API Gateway's JWT authorizer over the {@link LocalTokenIssuer}: takes the token from {@code Authorization}
 * ({@code Bearer <token>} or the bare token) and yields {@code requestContext.authorizer.jwt}, with every claim
 * rendered as a string the way API Gateway renders it: arrays as {@code [a b]}, numbers and booleans as their
 * text. A missing or rejected token is {@link Unauthorized}.
 */
final class JwtAuthorizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";

    /** A refused request: the 401 API Gateway answers with, and why (for the log). */
    static final class Unauthorized extends RuntimeException {
        private final transient GatewayResponse response;

        Unauthorized(String reason, String challenge) {
            super(reason, null, false, false);
            this.response = GatewayResponse.message(401, "Unauthorized").set("www-authenticate", challenge);
        }

        GatewayResponse response() {
            return response;
        }
    }

    private final LocalTokenIssuer issuer;

    JwtAuthorizer(LocalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** The {@code jwt} node ({@code claims}, {@code scopes}) for the request's {@code Authorization} header. */
    ObjectNode authorize(String authorization) {
        String token = authorization == null ? "" : authorization.strip();
        if (token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            token = token.substring(BEARER.length()).strip();
        }
        if (token.isEmpty()) {
            throw new Unauthorized("no token", "Bearer");
        }
        ObjectNode claims;
        try {
            claims = issuer.verify(token);
        } catch (InvalidTokenException e) {
            throw new Unauthorized(
                    e.getMessage(),
                    "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + e.getMessage() + "\"");
        }
        ObjectNode jwt = JSON.createObjectNode();
        ObjectNode rendered = jwt.putObject("claims");
        claims.properties().forEach(e -> rendered.put(e.getKey(), render(e.getValue())));
        // ID tokens carry no scope claim, and API Gateway then passes scopes as null
        JsonNode scope = claims.get("scope");
        if (scope != null && scope.isTextual()) {
            ArrayNode scopes = jwt.putArray("scopes");
            for (String s : scope.asText().trim().split("\\s+")) {
                scopes.add(s);
            }
        } else {
            jwt.putNull("scopes");
        }
        return jwt;
    }

    /** A claim as API Gateway passes it on: strings as they are, {@code [a b]} for arrays, {@code map[k:v]} objects. */
    static String render(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(render(item)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            value.properties().forEach(e -> sorted.put(e.getKey(), render(e.getValue())));
            List<String> items = new ArrayList<>();
            sorted.forEach((k, v) -> items.add(k + ":" + v));
            return "map[" + String.join(" ", items) + "]";
        }
        return value.asText();
    }
}
