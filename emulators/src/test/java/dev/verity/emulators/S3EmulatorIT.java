package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(EmulatorsExtension.class)
class S3EmulatorIT {
    private static S3Client s3;

    @BeforeAll
    static void client(Emulators emulators) {
        s3 = TestClients.s3(emulators);
        s3.createBucket(b -> b.bucket("s3-test"));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void putGetListDelete() {
        s3.putObject(
                b -> b.bucket("s3-test").key("jobs/a.json").contentType("application/json"),
                RequestBody.fromString("{\"a\":1}"));
        s3.putObject(b -> b.bucket("s3-test").key("jobs/b.json"), RequestBody.fromString("{\"b\":2}"));
        s3.putObject(b -> b.bucket("s3-test").key("other/c.txt"), RequestBody.fromString("c"));

        ResponseBytes<GetObjectResponse> a =
                s3.getObjectAsBytes(b -> b.bucket("s3-test").key("jobs/a.json"));
        assertThat(a.asUtf8String()).isEqualTo("{\"a\":1}");
        assertThat(a.response().contentType()).isEqualTo("application/json");

        ListObjectsV2Response listed = s3.listObjectsV2(b -> b.bucket("s3-test").prefix("jobs/"));
        assertThat(listed.contents()).extracting(S3Object::key).containsExactly("jobs/a.json", "jobs/b.json");

        ListObjectsV2Response delimited =
                s3.listObjectsV2(b -> b.bucket("s3-test").delimiter("/"));
        assertThat(delimited.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("jobs/", "other/");

        s3.deleteObject(b -> b.bucket("s3-test").key("jobs/a.json"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("s3-test").key("jobs/a.json")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(s3.listObjectsV2(b -> b.bucket("s3-test").prefix("jobs/")).contents())
                .extracting(S3Object::key)
                .containsExactly("jobs/b.json");
    }

    @Test
    void acceptsExplicitChecksumsAndLargerStreamingBodies() {
        byte[] body = new byte[300_000];
        Arrays.fill(body, (byte) 'x');
        s3.putObject(
                b -> b.bucket("s3-test").key("big.bin").checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromBytes(body));
        s3.putObject(
                b -> b.bucket("s3-test").key("sha.txt").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("sha"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("s3-test").key("big.bin")).asByteArray())
                .isEqualTo(body);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("s3-test").key("sha.txt")).asUtf8String())
                .isEqualTo("sha");
    }

    @Test
    void multipartUpload() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket("s3-test").key("multi.txt"))
                .uploadId();
        byte[] part1 = new byte[5 * 1024 * 1024];
        Arrays.fill(part1, (byte) 'a');
        byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
        List<CompletedPart> parts = new ArrayList<>();
        String etag1 = s3.uploadPart(
                        b -> b.bucket("s3-test")
                                .key("multi.txt")
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromBytes(part1))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(1).eTag(etag1).build());
        String etag2 = s3.uploadPart(
                        b -> b.bucket("s3-test")
                                .key("multi.txt")
                                .uploadId(uploadId)
                                .partNumber(2),
                        RequestBody.fromBytes(part2))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(2).eTag(etag2).build());
        s3.completeMultipartUpload(b -> b.bucket("s3-test")
                .key("multi.txt")
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));

        byte[] stored =
                s3.getObjectAsBytes(b -> b.bucket("s3-test").key("multi.txt")).asByteArray();
        assertThat(stored).hasSize(part1.length + part2.length);
        assertThat(new String(stored, part1.length, part2.length, StandardCharsets.UTF_8))
                .isEqualTo("tail");
    }

    @Test
    void anyCredentialsAreAccepted(Emulators emulators) {
        try (S3Client other = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("someone", "else")))
                .endpointOverride(emulators.s3Endpoint())
                .forcePathStyle(true)
                .build()) {
            other.putObject(b -> b.bucket("s3-test").key("creds.txt"), RequestBody.fromString("ok"));
            assertThat(other.getObjectAsBytes(b -> b.bucket("s3-test").key("creds.txt"))
                            .asUtf8String())
                    .isEqualTo("ok");
        }
    }

    @Test
    void sdkDefaultsFindTheEmulatorThroughSystemProperties() {
        // No region, credentials or endpoint given: all come from the system properties the extension set.
        try (S3Client defaults = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(Boolean.parseBoolean(System.getProperty("VERITY_S3_PATH_STYLE")))
                .build()) {
            defaults.putObject(b -> b.bucket("s3-test").key("defaults.txt"), RequestBody.fromString("d"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("s3-test").key("defaults.txt"))
                            .asUtf8String())
                    .isEqualTo("d");
        }
    }

    @Test
    void blobStoreIsReachableForDecoratorsAndTests(Emulators emulators) {
        s3.putObject(b -> b.bucket("s3-test").key("direct.txt"), RequestBody.fromString("direct"));
        assertThat(emulators.s3().blobStore().blobExists("s3-test", "direct.txt"))
                .isTrue();
        assertThat(emulators.s3().directory().resolve("s3-test")).isDirectory();
    }
}
