package dev.verity.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.api.ForbiddenRequestException;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.api.OpenApiDocument;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requester rights come from the user pool's groups only: an identity provider that asserts a group named
 * {@code requesters} (mapped into {@code custom:groups}, or as Ground Truth's {@code sagemaker:groups}) gets a worker
 * group of that name, not the requester routes. The check runs before any service is touched, so none is given.
 */
class RequesterAccessTest {

    private static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

    @Test
    void groupsFromTheIdentityProviderDoNotOpenTheRequesterRoutes() {
        Map<String, String> claims = Map.of(
                "sub", "federated-1",
                "iss", ISSUER,
                "identities", "[map[providerName:Workforce providerType:OIDC]]",
                "cognito:groups", "[eu-west-1_AbCdEf123_Workforce]",
                "custom:groups", "[requesters]",
                "sagemaker:groups", "requesters",
                "sagemaker-groups", "[\"requesters\"]");
        HttpRequest request = new HttpRequest("GET /jobs", Map.of(), Map.of(), null, claims);

        assertThatThrownBy(() -> new RequesterApiHandler(null).route(request, null))
                .isInstanceOf(ForbiddenRequestException.class)
                .hasMessageContaining("user pool groups are [eu-west-1_AbCdEf123_Workforce]");
    }

    @Test
    void aWorkerOfThePoolIsRefusedAsBefore() {
        HttpRequest request = new HttpRequest(
                "POST /jobs", Map.of(), Map.of(), "{}", Map.of("sub", "w1", "cognito:groups", "[workers]"));
        assertThatThrownBy(() -> new RequesterApiHandler(null).route(request, null))
                .isInstanceOf(ForbiddenRequestException.class)
                .hasMessageContaining("'requesters'");
    }

    @Test
    void anyoneMayReadTheOpenApiDocumentWithoutAToken() throws Exception {
        HttpRequest request = new HttpRequest("GET /openapi.json", Map.of(), Map.of(), null, Map.of());

        HttpResponse response = new RequesterApiHandler(null).route(request, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(OpenApiDocument.json());
        assertThat(response.body().path("openapi").asText()).isEqualTo("3.1.0");
    }
}
