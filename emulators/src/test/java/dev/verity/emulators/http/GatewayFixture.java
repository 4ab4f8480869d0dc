package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One gateway on a free port with routes shaped like the catalog's, a recording invoker, a token issuer, static
 * files and the local sign-in endpoints; plus an HTTP/1.1 client with bounded timeouts.
 */
final class GatewayFixture implements AutoCloseable {
    static final String REQUESTER_API = "requester-api";
    static final String WORKER_API = "worker-api";
    static final List<Route> ROUTES = List.of(
            new Route("POST", "/jobs", REQUESTER_API, true),
            new Route("GET", "/jobs", REQUESTER_API, true),
            new Route("GET", "/jobs/{name}", REQUESTER_API, true),
            new Route("POST", "/jobs/{name}/stop", REQUESTER_API, true),
            new Route("POST", "/worker/assignments/{id}", WORKER_API, true),
            new Route("GET", "/files/{proxy+}", "files", false),
            new Route("GET", "/files/special", "special", false),
            new Route("POST", "/upload", "upload", false),
            new Route("GET", "/respond", "responder", false));
    private static final ObjectMapper JSON = new ObjectMapper();

    final RecordingInvoker invoker = new RecordingInvoker();
    final LocalTokenIssuer issuer;
    final SignInSecret secret;
    final HttpApiGateway gateway;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GatewayFixture(Path dir, Cors cors) throws IOException {
        this(dir, cors, null);
    }

    /** With {@code users}, the sign-in endpoint also takes passwords. */
    GatewayFixture(Path dir, Cors cors, PasswordSignIn users) throws IOException {
        issuer = new LocalTokenIssuer(dir.resolve("state"));
        secret = SignInSecret.create(dir.resolve("state/sign-in-secret"));
        Path web = Files.createDirectories(dir.resolve("web/assets"));
        Files.writeString(dir.resolve("web/index.html"), "<!doctype html><title>Verity</title>");
        Files.writeString(web.resolve("app.js"), "console.log('verity');");
        Files.writeString(web.resolve("site.css"), "body{}");
        gateway = HttpApiGateway.builder(invoker, issuer)
                .routes(ROUTES)
                .cors(cors)
                .staticRoot(dir.resolve("web"))
                .localSignIn(secret, users)
                .getJson("/config.json", () -> "{\"issuer\":\"" + issuer.issuer() + "\"}")
                .start();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(gateway.endpoint() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
    }

    /** {@code POST /local-auth/token} with the sign-in secret, as the runtime's own UI sends it. */
    HttpRequest.Builder signIn(String json) {
        return request("/local-auth/token")
                .header("Content-Type", "application/json")
                .header(SignInSecret.HEADER, secret.value())
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
