package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /local-auth/token}: the local runtime's stand-in for Cognito's hosted sign-in, for callers that present
 * the runtime's {@link SignInSecret} in its header, which only the runtime's own UI and its user's programs know. It
 * answers {@code {"idToken": "...", "expiresIn": <s>, "tokenType": "Bearer"}} to either of two requests:
 *
 * <ul>
 *   <li>{@code {"username": "...", "groups": ["workers", ...]}}: anyone, in the groups asked for, no password;
 *   <li>{@code {"username": "...", "password": "..."}}: a user of the local Cognito user pool, checked by a
 *       {@link PasswordSignIn} (the Cognito emulator accepts a temporary password; there is no forced change
 *       locally). The token carries the user's {@code sub}, pool Username, {@code email} and, as
 *       {@code cognito:groups}, the user's groups in the pool. An unknown user or a wrong password is 401, a
 *       disabled user 403. Only when the runtime runs the user pool; otherwise the password form is 400.
 * </ul>
 *
 * It exists only in the local runtime, on 127.0.0.1, and has no counterpart in the deployed API (there, the web UI
 * signs in against the Cognito user pool).
 */
final class LocalSignIn {
    static final String TOKEN_PATH = "/local-auth/token";
    static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalTokenIssuer issuer;
    private final SignInSecret secret;
    private final PasswordSignIn users;

    /** {@code users} may be null: then only the groups form signs in. */
    LocalSignIn(LocalTokenIssuer issuer, SignInSecret secret, PasswordSignIn users) {
        this.issuer = issuer;
        this.secret = secret;
        this.users = users;
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
            return GatewayResponse.message(
                    400,
                    "the body must be JSON: {\"username\": ..., \"groups\": [...]} or {\"username\": ...,"
                            + " \"password\": ...}");
        }
        if (request == null
                || !request.path("username").isTextual()
                || request.path("username").asText().isBlank()) {
            return GatewayResponse.message(400, "username is required");
        }
        String username = request.get("username").asText();
        if (request.has("password")) {
            return withPassword(username, request);
        }
        JsonNode groups = request.path("groups");
        if (!groups.isMissingNode() && !groups.isArray()) {
            return GatewayResponse.message(400, "groups must be an array of group names");
        }
        List<String> names = new ArrayList<>();
        groups.forEach(g -> names.add(g.asText()));
        return tokenResponse(issuer.issue(username, names));
    }

    private GatewayResponse withPassword(String username, JsonNode request) {
        if (request.has("groups")) {
            return GatewayResponse.message(
                    400, "send groups or a password, not both: a user's groups are those of the user pool");
        }
        if (!request.get("password").isTextual()) {
            return GatewayResponse.message(400, "password must be a string");
        }
        if (users == null) {
            return GatewayResponse.message(
                    400,
                    "this runtime runs no user pool, so it cannot check passwords: sign in with {\"username\": ...,"
                            + " \"groups\": [...]}");
        }
        SignedInUser user;
        try {
            user = users.authenticate(username, request.get("password").asText());
        } catch (AuthenticationException e) {
            int status = e.reason() == AuthenticationException.Reason.DISABLED ? 403 : 401;
            return GatewayResponse.message(status, "sign-in refused: " + e.getMessage());
        }
        return tokenResponse(issuer.issue(user.sub(), user.username(), user.email(), user.groups()));
    }

    private GatewayResponse tokenResponse(String token) {
        return GatewayResponse.json(
                200,
                JSON.createObjectNode()
                        .put("idToken", token)
                        .put("expiresIn", issuer.lifetime().toSeconds())
                        .put("tokenType", "Bearer")
                        .toString());
    }
}
