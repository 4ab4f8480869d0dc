package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A running {@code verity up} seen from a web page and from the DNS-rebinding attacker of issue 10: other origins get
 * no CORS grant and cannot post, other Host names are refused, and a token needs this run's sign-in secret, which
 * only the runtime's own page and its user's programs can read.
 */
class LocalRuntimeAccessIT {

    private static final String FOREIGN = "https://evil.example";
    private static final String SIGN_IN = "{\"username\":\"mallory\",\"groups\":[\"requesters\"]}";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static URI api;
    private static Path stateDir;

    @BeforeAll
    static void runtime() throws IOException {
        api = SharedRuntime.get().apiUrl();
        stateDir = SharedRuntime.stateDir();
    }

    @Test
    void aPageOfAnotherOriginGetsNoCorsGrantForTheApiOrTheConfig() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(api.resolve("local-auth/token"))
                .header("Origin", FOREIGN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> config =
                send(HttpRequest.newBuilder(api.resolve("config.json")).header("Origin", FOREIGN));

        assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                .isEmpty();
        assertThat(config.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void anyoneMayReadTheApisOpenApiDocumentWithoutAToken() throws Exception {
        HttpResponse<String> document = send(HttpRequest.newBuilder(api.resolve("openapi.json")));

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(Json.parse(document.body()).path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void aPageOfAnotherOriginCannotSignInEvenWithTheSecret() throws Exception {
        HttpResponse<String> signIn = send(signIn(secret()).header("Origin", FOREIGN));

        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(signIn.body()).contains(FOREIGN).doesNotContain("idToken");
    }

    @Test
    void theRuntimesOwnOriginIsGranted() throws Exception {
        String own = "http://localhost:" + api.getPort();
        HttpResponse<String> signIn = send(signIn(secret()).header("Origin", own));

        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("access-control-allow-origin")).hasValue(own);
    }

    @Test
    void aRequestNamingAnotherHostIsRefused() throws Exception {
        String host = "evil.example:" + api.getPort();
        for (String path : new String[] {"/", "/config.json", "/jobs"}) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

            assertThat(response)
                    .as(path)
                    .startsWith("HTTP/1.1 403")
                    .contains("Host " + host)
                    .doesNotContain("signInSecret");
        }
        String body = SIGN_IN;
        String signIn =
                raw("POST /local-auth/token HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                        + "x-verity-sign-in-secret: " + secret() + "\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(signIn).startsWith("HTTP/1.1 403").doesNotContain("idToken");
    }

    @Test
    void theTokenRouteRefusesACallerWithoutTheSecret() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(api.resolve("local-auth/token"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SIGN_IN)));
        HttpResponse<String> wrong = send(signIn("not-the-secret"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("sign-in secret is missing", "x-verity-sign-in-secret");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("sign-in secret is wrong");
    }

    @Test
    void theTokenRouteSignsInWithTheSecretFromTheStateDirectory() throws Exception {
        HttpResponse<String> signIn = send(signIn(secret()));

        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        ApiClient requester =
                new ApiClient(api, Json.parse(signIn.body()).get("idToken").asText());
        assertThat(requester.get("/jobs").status()).isEqualTo(200);
        Path file = stateDir.resolve("sign-in-secret");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("runtime.json"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void theRuntimesOwnPageReadsTheSecretFromItsConfig() throws Exception {
        JsonNode config = Json.parse(
                send(HttpRequest.newBuilder(api.resolve("config.json"))).body());

        assertThat(config.at("/auth/kind").asText()).isEqualTo("local");
        assertThat(config.at("/auth/signInSecret").asText()).isEqualTo(secret());
    }

    private static String secret() throws IOException {
        return Files.readString(stateDir.resolve("sign-in-secret")).strip();
    }

    private static HttpRequest.Builder signIn(String secret) {
        return HttpRequest.newBuilder(api.resolve("local-auth/token"))
                .header("content-type", "application/json")
                .header("x-verity-sign-in-secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(SIGN_IN));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request as written: the JDK's HTTP client does not let a caller choose the Host header. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
