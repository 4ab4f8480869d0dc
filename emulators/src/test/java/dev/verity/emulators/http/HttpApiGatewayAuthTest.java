package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWT authorizer and the local sign-in endpoints, through real HTTP. */
class HttpApiGatewayAuthTest {
    @TempDir
    static Path dir;

    @TempDir
    static Path elsewhere;

    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(dir, Cors.defaults());
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.invoker.reset();
    }

    private HttpResponse<String> getJobs(String authorization) throws Exception {
        var request = fx.request("/jobs").GET();
        return fx.send(authorization == null ? request : request.header("Authorization", authorization));
    }

    @Test
    void passesTheClaimsOnAsApiGatewayRendersThem() throws Exception {
        String token = fx.issuer.issue("alice", List.of("requesters", "workers"));

        assertThat(getJobs("Bearer " + token).statusCode()).isEqualTo(200);

        JsonNode jwt = fx.invoker
                .onlyCall()
                .event()
                .path("requestContext")
                .path("authorizer")
                .path("jwt");
        JsonNode claims = jwt.path("claims");
        assertThat(claims.path("sub").asText()).isEqualTo(LocalTokenIssuer.subject("alice"));
        assertThat(claims.path("iss").asText()).isEqualTo("https://verity.local/cognito");
        assertThat(claims.path("aud").asText()).isEqualTo("verity-local");
        assertThat(claims.path("cognito:username").asText()).isEqualTo("alice");
        assertThat(claims.path("cognito:groups").asText()).isEqualTo("[requesters workers]");
        assertThat(claims.path("email").asText()).isEqualTo("alice@verity.local");
        assertThat(claims.path("email_verified").asText()).isEqualTo("true");
        assertThat(claims.path("token_use").asText()).isEqualTo("id");
        long iat = Long.parseLong(claims.path("iat").asText());
        assertThat(Long.parseLong(claims.path("exp").asText()))
                .isEqualTo(iat + Duration.ofHours(12).toSeconds());
        assertThat(claims.path("auth_time").asText()).isEqualTo(String.valueOf(iat));
        claims.properties()
                .forEach(
                        c -> assertThat(c.getValue().isTextual()).as(c.getKey()).isTrue());
        assertThat(jwt.path("scopes").isNull()).isTrue();
    }

    @Test
    void acceptsTheBareTokenAsApiGatewayDoes() throws Exception {
        assertThat(getJobs(fx.issuer.issue("bob", List.of())).statusCode()).isEqualTo(200);

        JsonNode claims = fx.invoker
                .onlyCall()
                .event()
                .path("requestContext")
                .path("authorizer")
                .path("jwt")
                .path("claims");
        assertThat(claims.has("cognito:groups")).isFalse();
    }

    @Test
    void refusesAMissingTokenWithoutInvoking() throws Exception {
        HttpResponse<String> response = getJobs(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(getJobs("Bearer ").statusCode()).isEqualTo(401);
        assertThat(fx.invoker.calls()).isEmpty();
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        LocalTokenIssuer past = new LocalTokenIssuer(
                dir.resolve("state"),
                LocalTokenIssuer.DEFAULT_ISSUER,
                LocalTokenIssuer.DEFAULT_CLIENT_ID,
                Duration.ofHours(12),
                yesterday);

        assertRefused(past.issue("alice", List.of("requesters")), "the token has expired");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() throws Exception {
        assertRefused(
                new LocalTokenIssuer(elsewhere).issue("alice", List.of("requesters")),
                "the token signature is invalid");
    }

    @Test
    void refusesATokenForAnotherAudienceOrIssuer() throws Exception {
        Path state = dir.resolve("state");
        LocalTokenIssuer otherClient = new LocalTokenIssuer(
                state, LocalTokenIssuer.DEFAULT_ISSUER, "other-client", Duration.ofHours(1), Clock.systemUTC());
        assertRefused(otherClient.issue("alice", List.of()), "the token audience is not verity-local");

        LocalTokenIssuer otherIssuer = new LocalTokenIssuer(
                state, "https://cognito-idp.example/pool", "verity-local", Duration.ofHours(1), Clock.systemUTC());
        assertRefused(otherIssuer.issue("alice", List.of()), "the token issuer is not https://verity.local/cognito");
    }

    @Test
    void refusesGarbage() throws Exception {
        assertRefused("not-a-jwt", "the token is not a well-formed JWT");
    }

    @Test
    void routesWithoutTheAuthorizerCarryNoAuthorizerContext() throws Exception {
        fx.get("/files/a");

        assertThat(fx.invoker.onlyCall().event().path("requestContext").has("authorizer"))
                .isFalse();
    }

    @Test
    void signsInLocallyWithATokenTheAuthorizerAccepts() throws Exception {
        HttpResponse<String> response = fx.send(fx.signIn("{\"username\":\"worker-7\",\"groups\":[\"workers\"]}"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = GatewayFixture.json(response.body());
        assertThat(body.path("expiresIn").asLong())
                .isEqualTo(Duration.ofHours(12).toSeconds());
        assertThat(body.path("tokenType").asText()).isEqualTo("Bearer");
        fx.send(fx.request("/worker/assignments/a-1")
                .header("Authorization", "Bearer " + body.path("idToken").asText())
                .POST(BodyPublishers.ofString("{}")));
        JsonNode claims = fx.invoker
                .onlyCall()
                .event()
                .path("requestContext")
                .path("authorizer")
                .path("jwt")
                .path("claims");
        assertThat(claims.path("cognito:username").asText()).isEqualTo("worker-7");
        assertThat(claims.path("cognito:groups").asText()).isEqualTo("[workers]");
    }

    @Test
    void rejectsSignInsWithoutAUsername() throws Exception {
        HttpResponse<String> missing = fx.send(fx.signIn("{\"groups\":[\"workers\"]}"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("username");

        HttpResponse<String> notJson = fx.send(fx.signIn("alice"));
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void publishesTheIssuerKeyAsJwks() throws Exception {
        HttpResponse<String> response = fx.get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode key = GatewayFixture.json(response.body()).path("keys").path(0);
        assertThat(key.path("kid").asText()).isEqualTo(fx.issuer.keyId());
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
    }

    private void assertRefused(String token, String reason) throws Exception {
        HttpResponse<String> response = getJobs("Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.headers().firstValue("www-authenticate"))
                .hasValue("Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + reason + "\"");
        assertThat(fx.invoker.calls()).isEmpty();
    }
}
