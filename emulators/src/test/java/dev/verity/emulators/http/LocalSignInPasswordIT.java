package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.cognito.CognitoEmulator;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/** {@code POST /local-auth/token} with a password, checked against the local Cognito user pool. */
class LocalSignInPasswordIT {
    private static final String PASSWORD = "Temporary-Pass1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static CognitoEmulator users;
    private static CognitoIdentityProviderClient cognito;
    private static GatewayFixture fx;
    private static String pool;

    @BeforeAll
    static void start() throws IOException {
        users = CognitoEmulator.builder().start();
        pool = users.userPoolId();
        cognito = CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(users.endpoint())
                .build();
        fx = new GatewayFixture(dir, Cors.defaults(), users);
        createUser("ana", "ana@example.com");
        createUser("bo", "bo@example.com");
        cognito.createGroup(b -> b.userPoolId(pool).groupName("workers").precedence(2));
        cognito.createGroup(b -> b.userPoolId(pool).groupName("requesters").precedence(1));
        for (String group : List.of("workers", "requesters")) {
            cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username("ana").groupName(group));
        }
        cognito.adminDisableUser(b -> b.userPoolId(pool).username("bo"));
    }

    private static void createUser(String username, String email) {
        cognito.adminCreateUser(b -> b.userPoolId(pool)
                .username(username)
                .temporaryPassword(PASSWORD)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                        AttributeType.builder().name("email").value(email).build()));
    }

    @AfterAll
    static void stop() {
        fx.close();
        cognito.close();
        users.close();
    }

    @BeforeEach
    void reset() {
        fx.invoker.reset();
    }

    private HttpResponse<String> signIn(String username, String password) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return fx.send(fx.signIn(body.toString()));
    }

    @Test
    void theRightPasswordGivesATokenWhoseGroupsAreThoseOfTheUserPool() throws Exception {
        HttpResponse<String> response = signIn("ana", PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = GatewayFixture.json(response.body());
        assertThat(body.path("tokenType").asText()).isEqualTo("Bearer");
        ObjectNode claims = fx.issuer.verify(body.path("idToken").asText());
        assertThat(claims.path("sub").asText()).isEqualTo(LocalTokenIssuer.subject("ana"));
        assertThat(claims.path("cognito:username").asText()).isEqualTo("ana");
        assertThat(claims.path("email").asText()).isEqualTo("ana@example.com");
        assertThat(claims.path("cognito:groups").toString()).isEqualTo("[\"requesters\",\"workers\"]");

        fx.send(fx.request("/worker/assignments/a-1")
                .header("Authorization", "Bearer " + body.path("idToken").asText())
                .POST(BodyPublishers.ofString("{}")));
        JsonNode authorized = fx.invoker
                .onlyCall()
                .event()
                .path("requestContext")
                .path("authorizer")
                .path("jwt")
                .path("claims");
        assertThat(authorized.path("cognito:groups").asText()).isEqualTo("[requesters workers]");
    }

    @Test
    void aDisabledUserIsForbidden() throws Exception {
        HttpResponse<String> response = signIn("bo", PASSWORD);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(GatewayFixture.json(response.body()).path("message").asText())
                .contains("bo is disabled");
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsUnauthorizedWithTheReason() throws Exception {
        HttpResponse<String> wrong = signIn("ana", "Not-The-Pass1");
        HttpResponse<String> unknown = signIn("cy", PASSWORD);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("password").contains("ana").doesNotContain("idToken");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("no user cy").contains(pool);
    }

    @Test
    void theGroupsFormStillWorksButNotMixedWithAPassword() throws Exception {
        HttpResponse<String> groups = fx.send(fx.signIn("{\"username\":\"dee\",\"groups\":[\"workers\"]}"));
        HttpResponse<String> both =
                fx.send(fx.signIn("{\"username\":\"ana\",\"password\":\"" + PASSWORD + "\",\"groups\":[\"admins\"]}"));
        HttpResponse<String> notAString = fx.send(fx.signIn("{\"username\":\"ana\",\"password\":12345678}"));

        assertThat(groups.statusCode()).isEqualTo(200);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(notAString.statusCode()).isEqualTo(400);
    }

    @Test
    void withoutAUserPoolThePasswordFormIsRefusedNotIgnored(@TempDir Path other) throws Exception {
        try (GatewayFixture plain = new GatewayFixture(other, Cors.defaults())) {
            HttpResponse<String> response =
                    plain.send(plain.signIn("{\"username\":\"ana\",\"password\":\"" + PASSWORD + "\"}"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("no user pool").doesNotContain("idToken");
        }
    }
}
