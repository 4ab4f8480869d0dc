package dev.verity.emulators.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.emulators.Ports;
import dev.verity.emulators.support.LoopbackHttpServer.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Both ways of serving, through real HTTP. */
class LoopbackHttpServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void servesRequestsFromLoopbackHostsWithinTheSizeLimit() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.bind("test")
                .serve(request -> new Response(
                        200,
                        "text/plain",
                        (request.method() + " " + request.path()).getBytes(StandardCharsets.UTF_8)))) {
            HttpResponse<String> ok = post(server, new byte[LoopbackHttpServer.MAX_REQUEST_BYTES]);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("POST /");

            assertThat(post(server, new byte[LoopbackHttpServer.MAX_REQUEST_BYTES + 1])
                            .statusCode())
                    .isEqualTo(413);
            assertThat(statusLine(server, "evil.example:" + server.port())).contains(" 403 ");
        }
    }

    @Test
    void handsExchangesOverAsTheyComeOnTheGivenPort() throws Exception {
        int port = Ports.freePort();
        try (LoopbackHttpServer server = LoopbackHttpServer.bind("test", port, 2)) {
            server.serveExchanges(exchange -> {
                try (exchange) {
                    byte[] body = LoopbackHttpServer.readBody(exchange, 10);
                    exchange.sendResponseHeaders(body == null ? 413 : 200, -1);
                }
            });

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.endpoint()).hasToString("http://127.0.0.1:" + port);
            assertThat(post(server, new byte[10]).statusCode()).isEqualTo(200);
            assertThat(post(server, new byte[11]).statusCode()).isEqualTo(413);
            // no host check: that is the handler's business here
            assertThat(statusLine(server, "evil.example:" + port)).contains(" 200 ");
        }
    }

    @Test
    void servesOnce() {
        try (LoopbackHttpServer server = LoopbackHttpServer.bind("test")) {
            server.serveExchanges(exchange -> exchange.close());

            assertThatThrownBy(() -> server.serve(request -> null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the test server is serving already");
        }
    }

    private static HttpResponse<String> post(LoopbackHttpServer server, byte[] body) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/"))
                        .POST(BodyPublishers.ofByteArray(body))
                        .build(),
                BodyHandlers.ofString());
    }

    /** The status line of a GET with this {@code Host} (HttpClient will not send a Host of our choosing). */
    private static String statusLine(LoopbackHttpServer server, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().findFirst().orElse("");
        }
    }
}
