package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

class SigV4AuthorizerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T04:30:00Z");
    private static final String BODY = "{\"LabelingJobName\":\"cats\"}";
    private final SigV4Authorizer authorizer =
            new SigV4Authorizer(new SigV4Authorizer.Credentials("test", "test"), () -> NOW);

    @Test
    void aRequestTheSdksSignerSignedWithTheRuntimesKeysIsAccepted() {
        GatewayRequest request = signed("test", "test", "sagemaker", "/", "", NOW);

        assertThat(authorizer
                        .authorize(request, "000000000000")
                        .path("accessKey")
                        .asText())
                .isEqualTo("test");
    }

    @Test
    void aRequestSignedForExecuteApiWithAQueryAndAnEncodedPathIsAccepted() {
        GatewayRequest request = signed("test", "test", "execute-api", "/a%20b/c", "z=1&a=x%20y", NOW);

        assertThat(authorizer
                        .authorize(request, "000000000000")
                        .path("accountId")
                        .asText())
                .isEqualTo("000000000000");
    }

    @Test
    void aWrongSecretIsRefusedAsAnInvalidSignature() {
        GatewayRequest request = signed("test", "wrong", "sagemaker", "/", "", NOW);

        assertThatThrownBy(() -> authorizer.authorize(request, "000000000000"))
                .isInstanceOfSatisfying(SigV4Authorizer.Refused.class, e -> {
                    assertThat(e.response().status()).isEqualTo(403);
                    assertThat(e.response().headers().get("x-amzn-errortype"))
                            .containsExactly("InvalidSignatureException");
                });
    }

    @Test
    void aTamperedBodyIsRefused() {
        GatewayRequest signed = signed("test", "test", "sagemaker", "/", "", NOW);
        GatewayRequest tampered = new GatewayRequest(
                signed.method(),
                signed.rawPath(),
                signed.rawQuery(),
                signed.headers(),
                "{\"LabelingJobName\":\"dogs\"}".getBytes(StandardCharsets.UTF_8),
                signed.protocol(),
                signed.sourceIp(),
                signed.host(),
                signed.port());

        assertThatThrownBy(() -> authorizer.authorize(tampered, "000000000000"))
                .isInstanceOf(SigV4Authorizer.Refused.class);
    }

    @Test
    void anotherAccessKeyIsRefusedAsAnUnrecognizedClient() {
        GatewayRequest request = signed("AKIDOTHER", "test", "sagemaker", "/", "", NOW);

        assertThatThrownBy(() -> authorizer.authorize(request, "000000000000"))
                .isInstanceOfSatisfying(
                        SigV4Authorizer.Refused.class,
                        e -> assertThat(e.response().headers().get("x-amzn-errortype"))
                                .containsExactly("UnrecognizedClientException"));
    }

    @Test
    void anUnsignedRequestIsRefusedAsMissingAuthentication() {
        GatewayRequest signed = signed("test", "test", "sagemaker", "/", "", NOW);
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.remove("authorization");
        GatewayRequest unsigned =
                new GatewayRequest("POST", "/", "", headers, signed.body(), "HTTP/1.1", "127.0.0.1", "127.0.0.1:1", 1);

        assertThatThrownBy(() -> authorizer.authorize(unsigned, "000000000000"))
                .isInstanceOfSatisfying(
                        SigV4Authorizer.Refused.class,
                        e -> assertThat(e.response().headers().get("x-amzn-errortype"))
                                .containsExactly("MissingAuthenticationTokenException"));
    }

    @Test
    void aSignatureMadeMoreThanFifteenMinutesAgoHasExpired() {
        GatewayRequest request = signed("test", "test", "sagemaker", "/", "", NOW.minusSeconds(16 * 60));

        assertThatThrownBy(() -> authorizer.authorize(request, "000000000000"))
                .hasMessageContaining("Signature expired");
    }

    /** A POST signed by SDK v2's own SigV4 signer, as the gateway would receive it. */
    private static GatewayRequest signed(
            String key, String secret, String service, String rawPath, String rawQuery, Instant time) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:8080" + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "SageMaker.DescribeLabelingJob")
                .build();
        SignedRequest signedRequest = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsBasicCredentials.create(key, secret))
                        .request(http)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC)));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signedRequest
                .request()
                .headers()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        headers.putIfAbsent("host", List.of("127.0.0.1:8080"));
        return new GatewayRequest(
                "POST", rawPath, rawQuery, headers, body, "HTTP/1.1", "127.0.0.1", "127.0.0.1:8080", 8080);
    }
}
