package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing, the payload 2.0 event, static files, CORS and 404s, through real HTTP. */
class HttpApiGatewayIT {
    @TempDir
    static Path dir;

    private static GatewayFixture fx;
    private static String token;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(dir, Cors.defaults());
        token = fx.issuer.issue("alice", List.of("requesters"));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.invoker.reset();
    }

    private HttpResponse<String> authorizedGet(String path) throws Exception {
        return fx.send(
                fx.request(path).header("Authorization", "Bearer " + token).GET());
    }

    @Test
    void routesToTheFunctionWithDecodedPathParameters() throws Exception {
        HttpResponse<String> response = authorizedGet("/jobs/cats%20and%20dogs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        RecordingInvoker.Call call = fx.invoker.onlyCall();
        assertThat(call.function()).isEqualTo(GatewayFixture.REQUESTER_API);
        assertThat(call.event().path("routeKey").asText()).isEqualTo("GET /jobs/{name}");
        assertThat(call.event().path("rawPath").asText()).isEqualTo("/jobs/cats%20and%20dogs");
        assertThat(call.event().path("pathParameters").path("name").asText()).isEqualTo("cats and dogs");
    }

    @Test
    void matchesNestedTemplatesAndTheMostSpecificRoute() throws Exception {
        assertThat(fx.send(fx.request("/jobs/j1/stop")
                                .header("Authorization", token)
                                .POST(BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(fx.invoker.onlyCall().event().path("routeKey").asText()).isEqualTo("POST /jobs/{name}/stop");

        fx.invoker.reset();
        fx.get("/files/special");
        assertThat(fx.invoker.onlyCall().function()).isEqualTo("special");

        fx.invoker.reset();
        fx.get("/files/a/b%2Fc/d.txt");
        JsonNode greedy = fx.invoker.onlyCall().event();
        assertThat(greedy.path("routeKey").asText()).isEqualTo("GET /files/{proxy+}");
        assertThat(greedy.path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c/d.txt");

        fx.invoker.reset();
        fx.get("/files");
        assertThat(fx.invoker
                        .onlyCall()
                        .event()
                        .path("pathParameters")
                        .path("proxy")
                        .asText())
                .isEmpty();
    }

    @Test
    void passesTheQueryStringRawAndDecodedWithRepeatsCommaJoined() throws Exception {
        authorizedGet("/jobs?status=InProgress&tag=a&tag=b&q=red%20fox+jumps&flag");

        JsonNode event = fx.invoker.onlyCall().event();
        assertThat(event.path("rawQueryString").asText())
                .isEqualTo("status=InProgress&tag=a&tag=b&q=red%20fox+jumps&flag");
        assertThat(event.path("queryStringParameters").toString())
                .isEqualTo("{\"status\":\"InProgress\",\"tag\":\"a,b\",\"q\":\"red fox jumps\",\"flag\":\"\"}");
    }

    @Test
    void leavesOutWhatTheRequestDoesNotHave() throws Exception {
        authorizedGet("/jobs");

        JsonNode event = fx.invoker.onlyCall().event();
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.has("pathParameters")).isFalse();
        assertThat(event.has("cookies")).isFalse();
        assertThat(event.has("body")).isFalse();
        assertThat(event.path("rawQueryString").asText()).isEmpty();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void passesTextBodiesAsTextAndOthersInBase64() throws Exception {
        fx.send(fx.request("/upload")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(BodyPublishers.ofString("{\"name\":\"é\"}")));
        JsonNode text = fx.invoker.onlyCall().event();
        assertThat(text.path("body").asText()).isEqualTo("{\"name\":\"é\"}");
        assertThat(text.path("isBase64Encoded").asBoolean()).isFalse();

        fx.invoker.reset();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        fx.send(fx.request("/upload").header("Content-Type", "image/png").POST(BodyPublishers.ofByteArray(png)));
        JsonNode binary = fx.invoker.onlyCall().event();
        assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.path("body").asText())).isEqualTo(png);
    }

    @Test
    void lowerCasesHeadersJoinsRepeatsAndMovesCookiesOut() throws Exception {
        fx.send(fx.request("/files/x")
                .header("X-Trace-Tag", "one")
                .header("X-Trace-Tag", "two")
                .header("Cookie", "session=abc; theme=dark")
                .header("User-Agent", "verity-test")
                .GET());

        JsonNode event = fx.invoker.onlyCall().event();
        JsonNode headers = event.path("headers");
        assertThat(headers.path("x-trace-tag").asText()).isEqualTo("one,two");
        assertThat(headers.has("cookie")).isFalse();
        assertThat(headers.path("user-agent").asText()).isEqualTo("verity-test");
        assertThat(headers.path("host").asText()).isEqualTo("127.0.0.1:" + fx.gateway.port());
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"session=abc\",\"theme=dark\"]");
        assertThat(event.path("requestContext").path("http").path("userAgent").asText())
                .isEqualTo("verity-test");
    }

    /** Every key of the repo's sample event is there, with the same JSON type; the only extras are AWS's own. */
    @Test
    void buildsTheSameEventShapeAsTheSampleEvent() throws Exception {
        JsonNode sample = GatewayFixture.json(Files.readString(sampleEvent("api-create-job.json")));
        fx.send(fx.request("/jobs")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("User-Agent", "curl")
                .POST(BodyPublishers.ofString(sample.path("body").asText())));

        JsonNode event = fx.invoker.onlyCall().event();
        Map<String, String> expected = shape(sample);
        Map<String, String> actual = shape(event);
        assertThat(actual).containsAllEntriesOf(expected);
        List<String> extras = new ArrayList<>(actual.keySet());
        extras.removeAll(expected.keySet());
        assertThat(extras).containsExactlyInAnyOrder("requestContext.domainName", "requestContext.domainPrefix");

        assertThat(event.path("body").asText()).isEqualTo(sample.path("body").asText());
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("routeKey").asText()).isEqualTo("POST /jobs");
        assertThat(context.path("http").toString())
                .isEqualTo("{\"method\":\"POST\",\"path\":\"/jobs\","
                        + "\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"curl\"}");
        assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.path("timeEpoch").asLong()).isPositive();
    }

    @Test
    void answersPreflightsItselfAndAddsTheOriginToResponses() throws Exception {
        String own = "http://localhost:" + fx.gateway.port();
        HttpResponse<String> preflight = fx.send(fx.request("/jobs")
                .header("Origin", own)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", BodyPublishers.noBody()));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                .hasValue(own);
        assertThat(preflight.headers().firstValue("access-control-allow-methods"))
                .hasValue("GET,POST,PUT,DELETE,OPTIONS");
        assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                .hasValue("authorization,content-type,x-verity-sign-in-secret");
        assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("3600");
        assertThat(fx.invoker.calls()).isEmpty();

        HttpResponse<String> actual = fx.send(fx.request("/jobs")
                .header("Origin", own)
                .header("Authorization", token)
                .GET());
        assertThat(actual.headers().firstValue("access-control-allow-origin")).hasValue(own);
        HttpResponse<String> refused =
                fx.send(fx.request("/jobs").header("Origin", own).GET());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("access-control-allow-origin")).hasValue(own);
    }

    @Test
    void grantsOnlyConfiguredOrigins(@TempDir Path other) throws Exception {
        try (GatewayFixture strict = new GatewayFixture(other, Cors.allowing(List.of("https://console.example")))) {
            HttpResponse<String> allowed = strict.send(strict.request("/files/a")
                    .header("Origin", "https://console.example")
                    .GET());
            assertThat(allowed.headers().firstValue("access-control-allow-origin"))
                    .hasValue("https://console.example");
            assertThat(allowed.headers().firstValue("vary")).hasValue("origin");

            HttpResponse<String> foreign = strict.send(strict.request("/files/a")
                    .header("Origin", "https://evil.example")
                    .method("OPTIONS", BodyPublishers.noBody()));
            assertThat(foreign.statusCode()).isEqualTo(204);
            assertThat(foreign.headers().firstValue("access-control-allow-origin"))
                    .isEmpty();
            assertThat(foreign.headers().firstValue("access-control-allow-methods"))
                    .isEmpty();
        }
    }

    @Test
    void servesStaticFilesForGetsNoRouteMatches() throws Exception {
        HttpResponse<String> index = fx.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("<title>Verity</title>");

        HttpResponse<String> script = fx.get("/assets/app.js");
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).isEqualTo("console.log('verity');");
        assertThat(fx.get("/assets/site.css").headers().firstValue("content-type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(fx.get("/assets/").body())
                .isEqualTo(fx.get("/assets/missing.js").body())
                .contains("Not Found");
        assertThat(fx.get("/assets/..%2F..%2Fstate%2Fkeys%2Fjwt-signing.json").statusCode())
                .isEqualTo(404);
        assertThat(fx.get("/%2E%2E/state/keys/jwt-signing.json").statusCode()).isEqualTo(404);
        assertThat(fx.invoker.calls()).isEmpty();
    }

    @Test
    void servesFixedJsonEndpoints() throws Exception {
        HttpResponse<String> config = fx.get("/config.json");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(GatewayFixture.json(config.body()).path("issuer").asText())
                .isEqualTo(LocalTokenIssuer.DEFAULT_ISSUER);
    }

    @Test
    void answersNotFoundForUnknownRoutesAndMethods() throws Exception {
        HttpResponse<String> unknown = fx.send(fx.request("/nowhere").POST(BodyPublishers.ofString("{}")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(unknown.headers().firstValue("apigw-requestid")).isPresent();

        HttpResponse<String> wrongMethod = fx.send(
                fx.request("/jobs/j1").header("Authorization", token).method("DELETE", BodyPublishers.noBody()));
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        assertThat(fx.get("/jobs/j1/").statusCode()).isEqualTo(404);
        assertThat(fx.invoker.calls()).isEmpty();
    }

    /** Key path → JSON type, not descending into the free-form maps (headers, claims, parameters). */
    private static Map<String, String> shape(JsonNode event) {
        Map<String, String> shape = new TreeMap<>();
        collect("", event, shape);
        return shape;
    }

    private static void collect(String prefix, JsonNode node, Map<String, String> shape) {
        node.properties().forEach(e -> {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            shape.put(path, e.getValue().getNodeType().toString());
            if (e.getValue().isObject()
                    && !List.of("headers", "claims", "pathParameters", "queryStringParameters")
                            .contains(e.getKey())) {
                collect(path, e.getValue(), shape);
            }
        });
    }

    /** The repo's {@code events/} directory, found from the module (or the repo root) the tests run in. */
    static Path sampleEvent(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("events").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no events/" + name + " above " + Path.of("").toAbsolutePath());
    }
}
