package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /local-auth/token}: the local runtime's stand-in for Cognito's hosted sign-in. It takes
 * {@code {"username": "...", "groups": ["workers", ...]}} and answers {@code {"idToken": "...", "expiresIn": <s>,
 * "tokenType": "Bearer"}}, with no password but with the runtime's {@link SignInSecret} in its header, which only
 * the runtime's own UI and its user's programs know. It exists only in the local runtime, on 127.0.0.1, and has no
 * counterpart in the deployed API (there, the web UI signs in against the Cognito user pool).
 */
final class LocalSignIn {
    static final String TOKEN_PATH = "/local-auth/token";
    static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalTokenIssuer issuer;
    private final SignInSecret secret;

    LocalSignIn(LocalTokenIssuer issuer, SignInSecret secret) {
        this.issuer = issuer;
        this.secret = secret;
    }

    GatewayResponse token(GatewayRequest http) {
        String presented = http.header(SignInSecret.HEADER);
        if (presented == null) {
            return GatewayResponse.message(
                    401,
                    "the sign-in secret is missing: send it in the " + SignInSecret.HEADER + " header (it is in "
                            + secret.file() + "; the runtime's web UI sends it for you)");
        }
        if (!secret.matches(presented)) {
            return GatewayResponse.message(
                    403,
                    "the sign-in secret is wrong: it is made afresh each time verity up " + "starts; read it from "
                            + secret.file());
        }
        JsonNode request;
        try {
            request = JSON.readTree(http.body());
        } catch (IOException e) {
            return GatewayResponse.message(400, "the body must be JSON: {\"username\": ..., \"groups\": [...]}");
        }
        if (request == null
                || !request.path("username").isTextual()
                || request.path("username").asText().isBlank()) {
            return GatewayResponse.message(400, "username is required");
        }
        JsonNode groups = request.path("groups");
        if (!groups.isMissingNode() && !groups.isArray()) {
            return GatewayResponse.message(400, "groups must be an array of group names");
        }
        List<String> names = new ArrayList<>();
        groups.forEach(g -> names.add(g.asText()));
        String token = issuer.issue(request.get("username").asText(), names);
        return GatewayResponse.json(
                200,
                JSON.createObjectNode()
                        .put("idToken", token)
                        .put("expiresIn", issuer.lifetime().toSeconds())
                        .put("tokenType", "Bearer")
                        .toString());
    }
}
