package dev.verity.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Bring your own identity provider: the OIDC context values, and what they add to the template (compared with the
 * default stack, which has none of it). Synthesis-level only: no real provider sign-in runs here.
 */
class OidcProviderTest {

    private static final String SECRET_REFERENCE =
            "{{resolve:secretsmanager:" + Synthesized.OIDC_SECRET_NAME + ":SecretString:::}}";

    // ---------------------------------------------------------------- context values

    @Test
    void noContextNoProvider() {
        assertThat(OidcProvider.fromContext(key -> null)).isEmpty();
        assertThat(OidcProvider.fromContext(key -> " ")).isEmpty();
    }

    @Test
    void theThreeValuesAndTheDefaults() {
        OidcProvider provider = OidcProvider.fromContext(context(Map.of(
                        "oidcIssuer", "https://idp.example.com",
                        "oidcClientId", "abc",
                        "oidcClientSecretName", "verity/oidc")))
                .orElseThrow();
        assertThat(provider)
                .isEqualTo(new OidcProvider(
                        "https://idp.example.com",
                        "abc",
                        "verity/oidc",
                        "Workforce",
                        List.of("openid", "email", "profile"),
                        "sagemaker:groups"));
    }

    @Test
    void theOptionalValues() {
        OidcProvider provider = OidcProvider.fromContext(context(Map.of(
                        "oidcIssuer", "https://login.vendor.example/tenant-1/v2.0",
                        "oidcClientId", "abc",
                        "oidcClientSecretName", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:oidc-AbCdEf",
                        "oidcName", "VendorCo",
                        "oidcScopes", "openid, email groups",
                        "oidcGroupsClaim", "sagemaker-groups")))
                .orElseThrow();
        assertThat(provider.name()).isEqualTo("VendorCo");
        assertThat(provider.scopes()).containsExactly("openid", "email", "groups");
        assertThat(provider.groupsClaim()).isEqualTo("sagemaker-groups");
        assertThat(provider.clientSecretName()).startsWith("arn:aws:secretsmanager:");
    }

    @Test
    void halfTheContextIsAnErrorNamingWhatIsMissing() {
        assertThatThrownBy(() -> OidcProvider.fromContext(context(Map.of("oidcIssuer", "https://idp.example.com"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing: oidcClientId, oidcClientSecretName")
                .hasMessageContaining("given: oidcIssuer");
        assertThatThrownBy(() -> OidcProvider.fromContext(
                        context(Map.of("oidcIssuer", "https://idp.example.com", "oidcClientId", "abc"))))
                .hasMessageContaining("missing: oidcClientSecretName");
        assertThatThrownBy(() -> OidcProvider.fromContext(context(Map.of("oidcClientSecretName", "s"))))
                .hasMessageContaining("missing: oidcIssuer, oidcClientId");
        assertThatThrownBy(() -> OidcProvider.fromContext(context(Map.of("oidcName", "Acme"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oidcName configure an OIDC identity provider, but none is set up")
                .hasMessageContaining("-c oidcIssuer=... -c oidcClientId=... -c oidcClientSecretName=...");
    }

    @Test
    void valuesCognitoWouldRefuseAreRefusedAtSynthesis() {
        Map<String, Object> base =
                Map.of("oidcIssuer", "https://idp.example.com", "oidcClientId", "abc", "oidcClientSecretName", "s");
        assertThatThrownBy(() -> OidcProvider.fromContext(context(with(base, "oidcIssuer", "http://idp.example.com"))))
                .hasMessageContaining("oidcIssuer must be the provider's https issuer URL");
        assertThatThrownBy(() -> OidcProvider.fromContext(context(with(base, "oidcIssuer", "idp.example.com"))))
                .hasMessageContaining("oidcIssuer");
        assertThatThrownBy(() -> OidcProvider.fromContext(context(with(base, "oidcScopes", "email profile"))))
                .hasMessageContaining("oidcScopes must include openid");
        for (String name : List.of("My SSO", "my_sso", "ab", "x".repeat(33), "cognito")) {
            assertThatThrownBy(() -> OidcProvider.fromContext(context(with(base, "oidcName", name))))
                    .as(name)
                    .hasMessageContaining("oidcName must be 3 to 32 characters");
        }
        assertThatThrownBy(() -> OidcProvider.fromContext(context(with(base, "oidcClientId", "a b"))))
                .hasMessageContaining("white space");
    }

    @Test
    void halfTheContextStopsTheApp() {
        App app = App.Builder.create()
                .context(Map.of("oidcIssuer", "https://idp.example.com", "oidcClientSecretName", "verity/oidc"))
                .build();
        assertThatThrownBy(() -> VerityApp.build(app, Synthesized.webDist()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing: oidcClientId");
    }

    // ---------------------------------------------------------------- the template with a provider

    @Test
    void theProviderIsOidcWithTheIssuerClientIdAndASecretsManagerReference() {
        Template template = Synthesized.withOidc().template;
        template.resourceCountIs("AWS::Cognito::UserPoolIdentityProvider", 1);
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolIdentityProvider",
                Match.objectEquals(Map.of(
                        "ProviderName", Synthesized.OIDC_NAME,
                        "ProviderType", "OIDC",
                        "UserPoolId", Map.of("Ref", logicalId(template, "AWS::Cognito::UserPool")),
                        "ProviderDetails",
                                Map.of(
                                        "client_id",
                                        Synthesized.OIDC_CLIENT_ID,
                                        "client_secret",
                                        SECRET_REFERENCE,
                                        "authorize_scopes",
                                        "openid email profile",
                                        "oidc_issuer",
                                        Synthesized.OIDC_ISSUER,
                                        "attributes_request_method",
                                        "GET"),
                        "AttributeMapping",
                                Map.of(
                                        "email", "email",
                                        "custom:groups", "sagemaker:groups"))));
    }

    @Test
    void theSecretIsNeverInTheTemplateOnlyItsReference() throws Exception {
        String json = java.nio.file.Files.readString(Synthesized.withOidc().templateFile);
        assertThat(json).contains(SECRET_REFERENCE);
        assertThat(json.split(java.util.regex.Pattern.quote("{{resolve:secretsmanager:"), -1))
                .hasSize(2); // one reference, in the provider
    }

    @Test
    void theUserPoolHasTheMutableCustomGroupsAttribute() {
        Template template = Synthesized.withOidc().template;
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Match.objectLike(Map.of(
                        "Schema",
                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Name",
                                "groups",
                                "AttributeDataType",
                                "String",
                                "Mutable",
                                true,
                                "StringAttributeConstraints",
                                Map.of("MaxLength", "2048"))))))));
    }

    @Test
    void theWebClientOffersTheProviderBesideCognitoAndDependsOnIt() {
        Template template = Synthesized.withOidc().template;
        String provider = logicalId(template, "AWS::Cognito::UserPoolIdentityProvider");
        Map<String, Object> client = resource(template, "AWS::Cognito::UserPoolClient");
        Map<String, Object> props = map(client.get("Properties"));
        // the Ref is the dependency: CloudFormation creates the provider before the client that names it
        assertThat(props.get("SupportedIdentityProviders")).isEqualTo(List.of("COGNITO", Map.of("Ref", provider)));
        // read: so custom:groups is in the ID token; write: Cognito writes mapped attributes at each provider sign-in
        assertThat(list(props.get("ReadAttributes")))
                .contains("custom:groups", "email", "email_verified", "name", "phone_number_verified");
        assertThat(list(props.get("WriteAttributes")))
                .contains("custom:groups", "email", "name")
                .doesNotContain("email_verified", "phone_number_verified");
        // the rest of the client as without a provider
        assertThat(props.get("AllowedOAuthFlows")).isEqualTo(List.of("code"));
        assertThat(props.get("GenerateSecret")).isEqualTo(false);
    }

    @Test
    void anOutputNamesTheRedirectUriToRegisterAtTheProvider() {
        Template template = Synthesized.withOidc().template;
        template.hasOutput(
                "OidcRedirectUri",
                Match.objectLike(Map.of(
                        "Value",
                        Map.of(
                                "Fn::Join",
                                List.of(
                                        "",
                                        List.of(
                                                "https://",
                                                Map.of("Ref", logicalId(template, "AWS::Cognito::UserPoolDomain")),
                                                ".auth.",
                                                Map.of("Ref", "AWS::Region"),
                                                ".amazoncognito.com/oauth2/idpresponse"))))));
    }

    // ---------------------------------------------------------------- the template without

    @Test
    void withoutTheContextNoneOfIt() {
        Template template = Synthesized.get().template;
        template.resourceCountIs("AWS::Cognito::UserPoolIdentityProvider", 0);
        Map<String, Object> pool =
                map(resource(template, "AWS::Cognito::UserPool").get("Properties"));
        assertThat(list(pool.get("Schema")))
                .noneMatch(attribute -> "groups".equals(map(attribute).get("Name")));
        Map<String, Object> client =
                map(resource(template, "AWS::Cognito::UserPoolClient").get("Properties"));
        assertThat(client.get("SupportedIdentityProviders")).isEqualTo(List.of("COGNITO"));
        assertThat(client).doesNotContainKeys("ReadAttributes", "WriteAttributes");
        assertThat(template.findOutputs("OidcRedirectUri")).isEmpty();
        assertThat(template.toJSON().toString()).doesNotContain("secretsmanager");
    }

    // ---------------------------------------------------------------- helpers

    private static java.util.function.Function<String, Object> context(Map<String, Object> values) {
        return values::get;
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static String logicalId(Template template, String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        assertThat(found).as(type).hasSize(1);
        return found.keySet().iterator().next();
    }

    private static Map<String, Object> resource(Template template, String type) {
        return template.findResources(type).get(logicalId(template, type));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
