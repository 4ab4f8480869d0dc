package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile tokens (issue 10) against a running local runtime's HTTP API: expired, not yet valid, for another audience
 * or issuer, unsigned ({@code alg: none}), signed with HMAC over the public key, with another key, altered after
 * signing, or garbage, are refused by the JWT authorizer with 401 and its reason; a valid token without the
 * requesters group is refused by the API with 403. Each tries to create a job, and no job is created.
 */
class HostileTokenIT {

    @TempDir
    static Path elsewhere;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger JOBS = new AtomicInteger();
    private static VerityRuntime runtime;
    private static Path stateDir;
    private static ApiClient requester;

    @BeforeAll
    static void runtime() throws IOException {
        runtime = SharedRuntime.get();
        stateDir = SharedRuntime.stateDir();
        requester = runtime.api(runtime.token("hostile-token-requester", Set.of("requesters")));
    }

    /** A token, and the status and reason the API must answer it with. */
    record Case(String name, Supplier<String> authorization, int status, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> hostileTokens() {
        return Stream.of(
                new Case("no token at all", () -> null, 401, "Bearer"),
                new Case(
                        "a token that is not a JWT",
                        () -> "Bearer not-a-jwt",
                        401,
                        "the token is not a well-formed JWT"),
                new Case(
                        "basic credentials instead of a token",
                        () -> "Basic dXNlcjpwYXNz",
                        401,
                        "the token is not a well-formed JWT"),
                new Case(
                        "a token that expired",
                        () -> bearer(issuer(
                                        LocalTokenIssuer.DEFAULT_ISSUER,
                                        LocalTokenIssuer.DEFAULT_CLIENT_ID,
                                        Instant.now().minus(Duration.ofDays(1)))
                                .issue("mallory", List.of("requesters"))),
                        401,
                        "the token has expired"),
                new Case(
                        "a token issued an hour from now",
                        () -> bearer(issuer(
                                        LocalTokenIssuer.DEFAULT_ISSUER,
                                        LocalTokenIssuer.DEFAULT_CLIENT_ID,
                                        Instant.now().plus(Duration.ofHours(1)))
                                .issue("mallory", List.of("requesters"))),
                        401,
                        "the token is not valid yet"),
                new Case(
                        "a token for another app client",
                        () -> bearer(issuer(LocalTokenIssuer.DEFAULT_ISSUER, "another-client", Instant.now())
                                .issue("mallory", List.of("requesters"))),
                        401,
                        "the token audience is not verity-local"),
                new Case(
                        "a token of another issuer",
                        () -> bearer(issuer(
                                        "https://cognito-idp.example/pool",
                                        LocalTokenIssuer.DEFAULT_CLIENT_ID,
                                        Instant.now())
                                .issue("mallory", List.of("requesters"))),
                        401,
                        "the token issuer is not https://verity.local/cognito"),
                new Case(
                        "an unsigned token (alg none)",
                        () -> bearer(unsigned(valid("requesters"))),
                        401,
                        "the token is not signed with RS256"),
                new Case(
                        "a token signed with HMAC over the issuer's public key",
                        () -> bearer(JWT.create()
                                .withSubject(LocalTokenIssuer.subject("mallory"))
                                .withIssuer(LocalTokenIssuer.DEFAULT_ISSUER)
                                .withAudience(LocalTokenIssuer.DEFAULT_CLIENT_ID)
                                .withClaim("cognito:groups", List.of("requesters"))
                                .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
                                .sign(Algorithm.HMAC256(publicKey().getEncoded()))),
                        401,
                        "the token is not signed with RS256"),
                new Case(
                        "a token signed with another key",
                        () -> bearer(new LocalTokenIssuer(elsewhere).issue("mallory", List.of("requesters"))),
                        401,
                        "the token signature is invalid"),
                new Case(
                        "a worker's token whose groups were changed after signing",
                        () -> bearer(withPayloadOf(valid("workers"), valid("requesters"))),
                        401,
                        "the token signature is invalid"),
                new Case(
                        "a token signed with the issuer's key but without an expiry",
                        () -> bearer(JWT.create()
                                .withSubject(LocalTokenIssuer.subject("mallory"))
                                .withIssuer(LocalTokenIssuer.DEFAULT_ISSUER)
                                .withAudience(LocalTokenIssuer.DEFAULT_CLIENT_ID)
                                .withClaim("cognito:groups", List.of("requesters"))
                                .withIssuedAt(new Date())
                                .sign(Algorithm.RSA256(publicKey(), privateKey()))),
                        401,
                        "the token has no exp claim"),
                // Valid tokens of callers the requester API is not for.
                new Case(
                        "a valid token without groups",
                        () -> bearer(valid()),
                        403,
                        "only members of the 'requesters' group may use POST /jobs"),
                new Case(
                        "a valid worker's token",
                        () -> bearer(valid("workers")),
                        403,
                        "only members of the 'requesters' group may use POST /jobs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void aHostileTokenIsRefusedAndCreatesNoJob(Case c) throws Exception {
        String job = "hostile-token-" + JOBS.incrementAndGet();
        LocalJobs.uploadDataset(runtime.s3(), runtime.bucket(), job, 2);
        HttpRequest.Builder request = HttpRequest.newBuilder(runtime.apiUrl().resolve("jobs"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LocalJobs.jobRequest(runtime.bucket(), job, 1)));
        String authorization = c.authorization().get();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        if (c.status() == 401) {
            // API Gateway's JWT authorizer says why in the challenge, and its body says no more.
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(response.headers().firstValue("www-authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).contains(c.reason()));
        } else {
            assertThat(Json.parse(response.body()).path("message").asText()).contains(c.reason());
        }
        assertThat(requester.get("/jobs/" + job).status()).isEqualTo(404);
    }

    // ---- tokens

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A token of this runtime's issuer, as its sign-in gives out, for a user in {@code groups}. */
    private static String valid(String... groups) {
        return runtime.token("mallory", Set.of(groups));
    }

    /** An issuer with this runtime's signing key, issuing (and checking) at {@code now}. */
    private static LocalTokenIssuer issuer(String issuer, String clientId, Instant now) {
        return new LocalTokenIssuer(stateDir, issuer, clientId, Duration.ofHours(12), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The token's claims under a header saying {@code "alg":"none"}, and no signature. */
    private static String unsigned(String token) {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** {@code signed}'s header and signature around {@code other}'s claims. */
    private static String withPayloadOf(String signed, String other) {
        String[] parts = signed.split("\\.");
        return parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
    }

    private static RSAPublicKey publicKey() {
        try {
            return (RSAPublicKey)
                    KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key("publicKey")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPrivateKey privateKey() {
        try {
            return (RSAPrivateKey)
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key("privateKey")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One half of the runtime's signing key pair, from the file its issuer keeps it in. */
    private static byte[] key(String field) throws IOException {
        JsonNode file = Json.parse(Files.readString(stateDir.resolve("keys/jwt-signing.json")));
        return Base64.getDecoder().decode(file.get(field).asText());
    }
}
