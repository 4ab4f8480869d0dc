package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokenIssuerTest {
    @TempDir
    Path dir;

    @Test
    void issuesCognitoShapedIdTokens() {
        LocalTokenIssuer issuer = new LocalTokenIssuer(dir);

        ObjectNode claims = issuer.verify(issuer.issue("ann@example.org", List.of("requesters")));

        assertThat(claims.path("sub").asText())
                .isEqualTo(LocalTokenIssuer.subject("ann@example.org"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(claims.path("cognito:username").asText()).isEqualTo("ann@example.org");
        assertThat(claims.path("email").asText()).isEqualTo("ann@example.org");
        assertThat(claims.path("cognito:groups").toString()).isEqualTo("[\"requesters\"]");
        assertThat(claims.path("token_use").asText()).isEqualTo("id");
        assertThat(claims.path("aud").asText()).isEqualTo(LocalTokenIssuer.DEFAULT_CLIENT_ID);
        assertThat(claims.path("iss").asText()).isEqualTo(LocalTokenIssuer.DEFAULT_ISSUER);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(12 * 3600);
        assertThat(claims.path("auth_time").asLong())
                .isEqualTo(claims.path("iat").asLong());
        assertThat(LocalTokenIssuer.subject("ann@example.org")).isNotEqualTo(LocalTokenIssuer.subject("bob"));
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItExpiresAndItsClaimsCannotBeChangedByACaller() {
        Instant[] now = {Instant.parse("2026-12-07T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        LocalTokenIssuer issuer =
                new LocalTokenIssuer(dir, LocalTokenIssuer.DEFAULT_ISSUER, "client", Duration.ofMinutes(10), clock);
        String token = issuer.issue("ann", List.of("workers"));

        issuer.verify(token).put("cognito:username", "mallory");
        assertThat(issuer.verify(token).path("cognito:username").asText()).isEqualTo("ann");

        now[0] = now[0].plus(Duration.ofMinutes(10));
        assertThat(issuer.verify(token).path("sub").asText()).isEqualTo(LocalTokenIssuer.subject("ann"));
        now[0] = now[0].plusSeconds(1);
        assertThatThrownBy(() -> issuer.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("the token has expired");
        assertThatThrownBy(() -> issuer.verify(token)).hasMessage("the token has expired");
    }

    @Test
    void keepsItsKeyAcrossInstancesOnTheSameDirectory() throws Exception {
        LocalTokenIssuer first = new LocalTokenIssuer(dir);
        String token = first.issue("alice", List.of("workers"));

        LocalTokenIssuer second = new LocalTokenIssuer(dir);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.jwks()).isEqualTo(first.jwks());
        assertThat(second.verify(token).path("cognito:username").asText()).isEqualTo("alice");
        Path keyFile = dir.resolve("keys/jwt-signing.json");
        assertThat(keyFile).isRegularFile();
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void publishesAJwksThatVerifiesItsTokens() throws Exception {
        LocalTokenIssuer issuer = new LocalTokenIssuer(dir);
        JsonNode key = GatewayFixture.json(issuer.jwks()).path("keys").path(0);
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        unsigned(key.path("n").asText()), unsigned(key.path("e").asText())));

        String token = issuer.issue("alice", List.of());

        assertThat(JWT.require(Algorithm.RSA256(publicKey, null))
                        .build()
                        .verify(token)
                        .getKeyId())
                .isEqualTo(key.path("kid").asText());
    }

    @Test
    void namesWhatIsWrongWithATamperedToken() {
        LocalTokenIssuer issuer = new LocalTokenIssuer(dir);
        String[] parts = issuer.issue("alice", List.of("workers")).split("\\.");
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("workers", "admins")
                        .getBytes());

        assertThatThrownBy(() -> issuer.verify(parts[0] + "." + forged + "." + parts[2]))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("the token signature is invalid");
        assertThatThrownBy(() -> issuer.verify(JWT.create()
                        .withIssuer(LocalTokenIssuer.DEFAULT_ISSUER)
                        .withAudience(LocalTokenIssuer.DEFAULT_CLIENT_ID)
                        .sign(Algorithm.HMAC256("guess"))))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("the token is not signed with RS256");
    }

    @Test
    void refusesABlankUsername() {
        LocalTokenIssuer issuer = new LocalTokenIssuer(dir);

        assertThatThrownBy(() -> issuer.issue(" ", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static BigInteger unsigned(String base64Url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
    }
}
