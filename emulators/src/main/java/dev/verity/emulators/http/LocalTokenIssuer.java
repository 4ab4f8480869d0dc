package dev.verity.emulators.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local runtime's stand-in for the Cognito user pool: issues RS256 ID tokens with the claims a Cognito ID token
 * carries ({@code sub}, {@code cognito:username}, {@code cognito:groups}, {@code email}, {@code token_use: "id"},
 * {@code aud} = the app client id, {@code iss}, {@code iat}, {@code exp}, {@code auth_time}), publishes its key as a
 * JWKS and verifies its own tokens for the {@link HttpApiGateway}'s JWT authorizer.
 *
 * <p>The key pair lives in {@code <dir>/keys/jwt-signing.json} and the issuer defaults to a fixed URL, so tokens
 * survive a restart even when the runtime's ports change. {@code sub} is a UUID derived from the username (Cognito's
 * subs are UUIDs too), so the same user is the same worker in every session.
 */
public final class LocalTokenIssuer {
    public static final String DEFAULT_ISSUER = "https://verity.local/cognito";
    public static final String DEFAULT_CLIENT_ID = "verity-local";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    static final String KEY_FILE = "keys/jwt-signing.json";
    private static final int MAX_VERIFIED = 10_000;
    private static final String EMAIL_DOMAIN = "verity.local";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigningKey key;
    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    /**
     * Tokens this issuer verified, with their claims: a worker sends the same token with every call, and checking an
     * RS256 signature was a tenth of the local runtime's work per answer.
     */
    private final Map<String, ObjectNode> verified = new ConcurrentHashMap<>();

    private final String issuer;
    private final String clientId;
    private final Duration lifetime;
    private final Clock clock;

    /** An issuer with the defaults: {@value #DEFAULT_ISSUER}, client {@value #DEFAULT_CLIENT_ID}, 12 h tokens. */
    public LocalTokenIssuer(Path dir) {
        this(dir, DEFAULT_ISSUER, DEFAULT_CLIENT_ID, DEFAULT_LIFETIME, Clock.systemUTC());
    }

    /**
     * @param dir      where the key pair is kept ({@code <dir>/keys/jwt-signing.json}, created on first use)
     * @param issuer   the {@code iss} claim; keep it stable across restarts, or earlier tokens stop verifying
     * @param clientId the {@code aud} claim (Cognito's app client id)
     * @param lifetime from {@code iat} to {@code exp}
     * @param clock    the time tokens are issued and checked at
     */
    public LocalTokenIssuer(Path dir, String issuer, String clientId, Duration lifetime, Clock clock) {
        this.key = SigningKey.loadOrCreate(dir.resolve(KEY_FILE));
        this.algorithm = Algorithm.RSA256(key.publicKey(), key.privateKey());
        this.issuer = issuer;
        this.clientId = clientId;
        this.lifetime = lifetime;
        this.clock = clock;
        // API Gateway's JWT authorizer requires exp: a token without one would otherwise be valid forever.
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                        .withIssuer(issuer)
                        .withAudience(clientId)
                        .withClaimPresence("exp"))
                .build(clock);
    }

    /** The {@code sub} of a user: a name-based UUID, the same for the same username on every machine. */
    public static String subject(String username) {
        return UUID.nameUUIDFromBytes(("verity-local-user:" + username).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** An ID token for {@code username} in {@code groups} (Cognito leaves {@code cognito:groups} out when empty). */
    public String issue(String username, List<String> groups) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a username is required");
        }
        return issue(
                subject(username), username, username.contains("@") ? username : username + "@" + EMAIL_DOMAIN, groups);
    }

    /**
     * An ID token for a user a user pool knows: its {@code sub}, its pool Username as {@code cognito:username}, its
     * {@code email} attribute (null: no {@code email} claims, as Cognito leaves them out) and its groups.
     */
    public String issue(String subject, String username, String email, List<String> groups) {
        if (subject == null || subject.isBlank() || username == null || username.isBlank()) {
            throw new IllegalArgumentException("a subject and a username are required");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var token = JWT.create()
                .withKeyId(key.keyId())
                .withSubject(subject)
                .withAudience(clientId)
                .withIssuer(issuer)
                .withClaim("cognito:username", username);
        if (email != null) {
            token.withClaim("email", email).withClaim("email_verified", true);
        }
        token.withClaim("token_use", "id")
                .withClaim("auth_time", now.getEpochSecond())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .withJWTId(UUID.randomUUID().toString());
        if (!groups.isEmpty()) {
            token.withClaim("cognito:groups", groups);
        }
        return token.sign(algorithm);
    }

    /**
     * The token's claims, if this issuer signed it for its client and it has not expired.
     *
     * @throws InvalidTokenException naming the problem otherwise
     */
    public ObjectNode verify(String token) {
        ObjectNode known = verified.get(token);
        if (known != null) {
            // The signature, issuer and audience of these exact bytes were checked; only time can change the answer.
            if (clock.instant().getEpochSecond() > known.path("exp").asLong()) {
                verified.remove(token);
                throw new InvalidTokenException("the token has expired");
            }
            return known.deepCopy();
        }
        try {
            String payload = verifier.verify(token).getPayload();
            ObjectNode claims =
                    (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(payload));
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
            verified.put(token, claims.deepCopy());
            return claims;
        } catch (TokenExpiredException e) {
            throw new InvalidTokenException("the token has expired");
        } catch (SignatureVerificationException e) {
            throw new InvalidTokenException("the token signature is invalid");
        } catch (AlgorithmMismatchException e) {
            throw new InvalidTokenException("the token is not signed with RS256");
        } catch (JWTDecodeException e) {
            throw new InvalidTokenException("the token is not a well-formed JWT");
        } catch (IncorrectClaimException e) {
            throw new InvalidTokenException(
                    switch (e.getClaimName()) {
                        case "iss" -> "the token issuer is not " + issuer;
                        case "aud" -> "the token audience is not " + clientId;
                        default -> "the token is not valid yet (claim " + e.getClaimName() + ")";
                    });
        } catch (MissingClaimException e) {
            throw new InvalidTokenException("the token has no " + e.getClaimName() + " claim");
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException("the token is invalid: " + e.getMessage());
        } catch (IOException | ClassCastException e) {
            throw new InvalidTokenException("the token payload is not a JSON object");
        }
    }

    /** {@code {"keys": [<the signing key as a JWK>]}}, what Cognito serves at {@code <iss>/.well-known/jwks.json}. */
    public String jwks() {
        ObjectNode jwks = JSON.createObjectNode();
        jwks.putArray("keys").add(key.jwk());
        return jwks.toString();
    }

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String keyId() {
        return key.keyId();
    }
}
