package dev.verity.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * One request of an AWS JSON protocol ({@code X-Amz-Target}, {@code application/x-amz-json-1.x}) signed with SDK v2's
 * SigV4 signer and sent with its HTTP client: how Verity speaks to services whose SDK module is not served here
 * (Mechanical Turk, CloudWatch).
 */
public final class SignedJsonPost {

    /** The service's answer: its HTTP status and body, as text. */
    public record Response(int status, String body) {}

    private final SdkHttpClient http;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final String signingName;
    private final String region;
    private final String contentType;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public SignedJsonPost(
            SdkHttpClient http,
            URI endpoint,
            AwsCredentialsProvider credentials,
            String signingName,
            String region,
            String contentType) {
        this.http = http;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.signingName = signingName;
        this.region = region;
        this.contentType = contentType;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** POSTs {@code body} to the endpoint's path with {@code X-Amz-Target: target}. */
    public Response post(String target, String body) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(
                        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", contentType)
                .putHeader("X-Amz-Target", target)
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request())
                        .contentStreamProvider(signed.payload().orElse(null))
                        .build())
                .call();
        try (InputStream in =
                response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            return new Response(
                    response.httpResponse().statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
