package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The embedded S3 answers browsers' CORS: the web UI PUTs uploads to presigned URLs and reads masks cross-origin. */
@ExtendWith(EmulatorsExtension.class)
class S3CorsIT {
    private static final String ORIGIN = "http://127.0.0.1:8123";
    private static S3Client s3;
    private static S3Presigner presigner;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp(Emulators emulators) {
        assumeTrue(emulators.isEmbedded(), "CORS settings of the embedded S3Proxy");
        s3 = TestClients.s3(emulators);
        s3.createBucket(b -> b.bucket("cors-test"));
        presigner = S3Presigner.builder()
                .region(Region.of(emulators.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulators.accessKeyId(), emulators.secretAccessKey())))
                .endpointOverride(emulators.s3Endpoint())
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
            presigner.close();
        }
    }

    @Test
    void answersThePreflightOfAPresignedPut() throws Exception {
        URI url = presigner
                .presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(p ->
                                p.bucket("cors-test").key("uploads/pre.png").contentType("image/png")))
                .url()
                .toURI();
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(url)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", ORIGIN)
                        .header("Access-Control-Request-Method", "PUT")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValueSatisfying(v -> assertThat(v).isIn("*", ORIGIN));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(v -> assertThat(v).contains("PUT"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(v -> assertThat(v.toLowerCase()).containsAnyOf("content-type", "*"));
    }

    @Test
    void aPresignedPutFromAnotherOriginStoresTheObjectAndAllowsTheOrigin() throws Exception {
        URI url = presigner
                .presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(
                                p -> p.bucket("cors-test").key("uploads/a.png").contentType("image/png")))
                .url()
                .toURI();
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(url)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                        .header("Origin", ORIGIN)
                        .header("Content-Type", "image/png")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValueSatisfying(v -> assertThat(v).isIn("*", ORIGIN));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("cors-test").key("uploads/a.png"))
                        .asByteArray())
                .containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void aPresignedGetFromAnotherOriginAllowsTheOrigin() throws Exception {
        s3.putObject(
                b -> b.bucket("cors-test").key("masks/m.png").contentType("image/png"), RequestBody.fromString("mask"));
        URI url = presigner
                .presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket("cors-test").key("masks/m.png")))
                .url()
                .toURI();
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(url).GET().header("Origin", ORIGIN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("mask");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValueSatisfying(v -> assertThat(v).isIn("*", ORIGIN));
    }
}
