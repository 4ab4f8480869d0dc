package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use the local gateway, through real HTTP: only callers that name it by a loopback Host, pages of its own
 * origin (and the dev origins it was given), and, for a token, whoever knows this run's sign-in secret.
 */
class HttpApiGatewayLocalAccessIT {
    private static final String DEV_ORIGIN = "http://localhost:5173";
    private static final String FOREIGN = "https://evil.example";
    private static final String SIGN_IN = "{\"username\":\"mallory\",\"groups\":[\"requesters\"]}";

    @TempDir
    static Path dir;

    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(dir, Cors.allowing(List.of(DEV_ORIGIN)));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.invoker.reset();
    }

    @Test
    void aPageOfAnotherOriginGetsNoCorsGrant() throws Exception {
        HttpResponse<String> preflight = fx.send(fx.request("/jobs")
                .header("Origin", FOREIGN)
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", BodyPublishers.noBody()));
        HttpResponse<String> config =
                fx.send(fx.request("/config.json").header("Origin", FOREIGN).GET());

        assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                .isEmpty();
        assertThat(preflight.headers().firstValue("access-control-allow-methods"))
                .isEmpty();
        assertThat(config.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void aPageOfAnotherOriginCannotChangeAnything() throws Exception {
        HttpResponse<String> post =
                fx.send(fx.request("/jobs").header("Origin", FOREIGN).POST(BodyPublishers.ofString("{}")));
        HttpResponse<String> signIn = fx.send(fx.signIn(SIGN_IN).header("Origin", FOREIGN));

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("Origin " + FOREIGN, "--dev-origin");
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(signIn.body()).doesNotContain("idToken");
        assertThat(fx.invoker.calls()).isEmpty();
    }

    @Test
    void theGatewaysOwnOriginsAndTheGivenDevOriginAreGranted() throws Exception {
        for (String origin :
                List.of("http://127.0.0.1:" + fx.gateway.port(), "http://localhost:" + fx.gateway.port(), DEV_ORIGIN)) {
            HttpResponse<String> preflight = fx.send(fx.request("/local-auth/token")
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", BodyPublishers.noBody()));
            HttpResponse<String> signIn = fx.send(fx.signIn(SIGN_IN).header("Origin", origin));

            assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                    .as(origin)
                    .hasValue(origin);
            assertThat(signIn.statusCode()).as(origin).isEqualTo(200);
            assertThat(signIn.headers().firstValue("access-control-allow-origin"))
                    .as(origin)
                    .hasValue(origin);
        }
    }

    @Test
    void aRequestForAnotherHostIsRefusedWhateverItAsksFor() throws Exception {
        String evil = "evil.example:" + fx.gateway.port();
        for (String request : List.of(
                get("/config.json", evil),
                get("/", evil),
                get("/files/a", evil),
                post("/local-auth/token", evil, SIGN_IN, fx.secret.value()))) {
            String response = raw(request);

            assertThat(response).as(request).startsWith("HTTP/1.1 403").contains("Host " + evil);
            assertThat(response).as(request).doesNotContain("signInSecret", "idToken", "<title>Verity");
        }
        assertThat(fx.invoker.calls()).isEmpty();
    }

    @Test
    void theLoopbackNamesWithTheGatewaysPortAreServed() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost", "LOCALHOST", "[::1]")) {
            assertThat(raw(get("/", host + ":" + fx.gateway.port()))).as(host).startsWith("HTTP/1.1 200");
        }
        assertThat(raw(get("/", "localhost:1"))).startsWith("HTTP/1.1 403");
        assertThat(raw(get("/", "localhost"))).startsWith("HTTP/1.1 403");
    }

    @Test
    void theTokenRouteRefusesCallersWithoutTheSecret() throws Exception {
        HttpResponse<String> missing = fx.send(fx.request("/local-auth/token")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(SIGN_IN)));
        HttpResponse<String> wrong = fx.send(fx.request("/local-auth/token")
                .header(SignInSecret.HEADER, "guess")
                .POST(BodyPublishers.ofString(SIGN_IN)));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body())
                .contains(
                        "sign-in secret is missing",
                        SignInSecret.HEADER,
                        fx.secret.file().toString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("sign-in secret is wrong").doesNotContain(fx.secret.value());
    }

    @Test
    void theTokenRouteSignsInWithTheSecret() throws Exception {
        HttpResponse<String> response = fx.send(fx.signIn(SIGN_IN));

        assertThat(response.statusCode()).isEqualTo(200);
        String token = GatewayFixture.json(response.body()).path("idToken").asText();
        assertThat(fx.issuer.verify(token).path("cognito:username").asText()).isEqualTo("mallory");
    }

    @Test
    void theSecretIsFreshEachTimeAndOnlyItsOwnerCanReadTheFile(@TempDir Path other) throws IOException {
        SignInSecret first = SignInSecret.create(other.resolve("sign-in-secret"));
        SignInSecret second = SignInSecret.create(other.resolve("sign-in-secret"));

        assertThat(second.value()).isNotEqualTo(first.value()).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(Files.readString(second.file()).strip()).isEqualTo(second.value());
        assertThat(second.matches(first.value())).isFalse();
        assertThat(second.matches(second.value())).isTrue();
        if (Files.getFileStore(other).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.file())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void corsTakesExactOriginsOnly() {
        assertThatThrownBy(() -> Cors.allowing(List.of("*"))).hasMessageContaining("* is not allowed");
        assertThatThrownBy(() -> Cors.allowing(List.of("localhost:5173"))).hasMessageContaining("not an origin");
        assertThat(Cors.allowing(List.of("http://LocalHost:5173/")).allowOrigins())
                .containsExactly(DEV_ORIGIN);
    }

    private static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    private static String post(String path, String host, String body, String secret) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + SignInSecret.HEADER + ": " + secret + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Sends a request as written (the JDK's client will not send a Host of our choosing) and reads the answer. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), fx.gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
