package dev.verity.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.verity.manifest.S3Uri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * How the S3 adapter reports an object S3 refuses to read (403), which the emulator cannot produce: against a local
 * HTTP server answering as S3 does for a bucket of another account.
 */
class S3ObjectStoreIT {

    private static final String ACCESS_DENIED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>""";

    private HttpServer server;
    private S3Client s3;
    private S3ObjectStore store;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ACCESS_DENIED.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(403, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .build();
        S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        store = new S3ObjectStore(() -> s3, () -> presigner);
    }

    @AfterEach
    void stopServer() {
        s3.close();
        server.stop(0);
    }

    @Test
    void anObjectS3RefusesToReadIsReportedAsUnreadableNamingIt() {
        S3Uri uri = S3Uri.parse("s3://another-account/input/dataset.manifest");
        assertThatThrownBy(() -> store.open(uri))
                .isInstanceOf(ObjectUnreadableException.class)
                .hasMessageContaining("Verity may not read s3://another-account/input/dataset.manifest")
                .hasMessageContaining("AccessDenied");
        assertThatThrownBy(() -> store.exists(uri))
                .isInstanceOf(ObjectUnreadableException.class)
                .hasMessageContaining("s3://another-account/input/dataset.manifest");
    }
}
