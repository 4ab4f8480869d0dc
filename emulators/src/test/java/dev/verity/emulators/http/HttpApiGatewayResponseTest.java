package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.emulators.lambda.LambdaFunctionException;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From the function's result to the HTTP response, errors and size limits, through real HTTP. */
class HttpApiGatewayResponseTest {
    @TempDir
    static Path dir;

    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(dir, Cors.defaults());
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.invoker.reset();
    }

    private HttpResponse<String> respondWith(String result) throws Exception {
        fx.invoker.answer("responder", event -> result);
        return fx.get("/respond");
    }

    @Test
    void mapsAStatusCodeResponse() throws Exception {
        HttpResponse<String> response = respondWith("{\"statusCode\":201,"
                + "\"headers\":{\"Content-Type\":\"application/json\",\"x-job\":\"j1\"},"
                + "\"cookies\":[\"a=1; Path=/\",\"b=2\"],\"body\":\"{\\\"name\\\":\\\"j1\\\"}\","
                + "\"isBase64Encoded\":false}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"name\":\"j1\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-job")).hasValue("j1");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
    }

    @Test
    void decodesBase64Bodies() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        fx.invoker.answer(
                "responder",
                event -> "{\"statusCode\":200,\"headers\":{\"content-type\":\"image/png\"}," + "\"body\":\""
                        + Base64.getEncoder().encodeToString(bytes) + "\",\"isBase64Encoded\":true}");

        HttpResponse<byte[]> response =
                fx.client.send(fx.request("/respond").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("content-type")).hasValue("image/png");
    }

    @Test
    void defaultsTheContentTypeOfAStatusCodeResponseToText() throws Exception {
        HttpResponse<String> response = respondWith("{\"statusCode\":204}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(respondWith("{\"statusCode\":200,\"body\":\"hi\"}").headers().firstValue("content-type"))
                .hasValue("text/plain; charset=utf-8");
    }

    @Test
    void passesAnyOtherJsonAsA200JsonBody() throws Exception {
        HttpResponse<String> object = respondWith("{\"jobs\":[],\"next\":null}");
        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(object.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(object.body()).isEqualTo("{\"jobs\":[],\"next\":null}");

        assertThat(respondWith("\"hello\"").body()).isEqualTo("\"hello\"");
    }

    @Test
    void answers500WhenTheFunctionFails() throws Exception {
        fx.invoker.answer("responder", event -> {
            throw new LambdaFunctionException("java.lang.IllegalStateException", "boom", null);
        });

        HttpResponse<String> response = fx.get("/respond");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(response.body()).doesNotContain("boom");
    }

    @Test
    void answers500ForMalformedResponses() throws Exception {
        assertThat(respondWith("{\"statusCode\":\"soon\"}").statusCode()).isEqualTo(500);
        assertThat(respondWith("not json").statusCode()).isEqualTo(500);
        assertThat(respondWith("{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}")
                        .statusCode())
                .isEqualTo(500);
    }

    @Test
    void answers413ForBodiesOverTenMegabytes() throws Exception {
        byte[] tooBig = new byte[HttpApiGateway.MAX_REQUEST_BYTES + 1];

        HttpResponse<String> response = fx.send(fx.request("/upload")
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(tooBig)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(fx.invoker.calls()).isEmpty();

        byte[] justFits = new byte[HttpApiGateway.MAX_REQUEST_BYTES];
        assertThat(fx.send(fx.request("/upload")
                                .header("Content-Type", "application/octet-stream")
                                .POST(BodyPublishers.ofByteArray(justFits)))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void answers502WhenTheResultExceedsLambdasLimit() throws Exception {
        String big = "x".repeat(HttpApiGateway.MAX_RESPONSE_BYTES);

        HttpResponse<String> response = respondWith("{\"statusCode\":200,\"body\":\"" + big + "\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\":\"Bad Gateway\"}");
    }
}
