package dev.verity.emulators.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Invoke API over real HTTP, against a test invoker. */
class LambdaEmulatorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A SigV4 Authorization header as the SDKs send it (the emulator accepts any credentials). */
    private static final String SIGNED =
            "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0";

    private static final TestInvoker INVOKER = new TestInvoker();
    private static LambdaEmulator emulator;

    /** {@code echo} wraps the payload, {@code fails} throws a function error, {@code broken} a plain exception. */
    private static final class TestInvoker implements LambdaInvoker {
        record Call(String function, String payload) {}

        final List<Call> calls = new CopyOnWriteArrayList<>();
        volatile CountDownLatch eventRan = new CountDownLatch(1);

        @Override
        public String invoke(String function, String payload) {
            calls.add(new Call(function, payload));
            return switch (function) {
                case "echo" -> "{\"got\":" + payload + "}";
                case "event-sink" -> {
                    eventRan.countDown();
                    yield "null";
                }
                case "fails" -> throw new LambdaFunctionException("java.lang.IllegalStateException", "boom", null);
                case "broken" -> throw new IllegalStateException("no handler class");
                default ->
                    throw new LambdaFunctionException(
                            "ResourceNotFoundException", "Function not found: " + function, null);
            };
        }
    }

    @BeforeAll
    static void start() {
        emulator = LambdaEmulator.start(INVOKER, "eu-west-1");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        INVOKER.calls.clear();
        INVOKER.eventRan = new CountDownLatch(1);
    }

    private static HttpResponse<String> invoke(String encodedName, String invocationType, String payload)
            throws Exception {
        return invoke(encodedName, "", invocationType, payload);
    }

    private static HttpResponse<String> invoke(String encodedName, String query, String invocationType, String payload)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        emulator.endpoint() + "/2015-03-31/functions/" + encodedName + "/invocations" + query))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", SIGNED)
                .POST(BodyPublishers.ofString(payload));
        if (invocationType != null) {
            request.header("X-Amz-Invocation-Type", invocationType);
        }
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void successAnswersTheResultWithTheExecutedVersion() throws Exception {
        HttpResponse<String> response = invoke("echo", null, "{\"n\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"got\":{\"n\":1}}");
        assertThat(header(response, "X-Amz-Executed-Version")).isEqualTo("$LATEST");
        assertThat(header(response, "X-Amz-Function-Error")).isNull();
        assertThat(header(response, "x-amzn-RequestId")).isNotBlank();
        assertThat(INVOKER.calls).containsExactly(new TestInvoker.Call("echo", "{\"n\":1}"));
    }

    @Test
    void requestResponseIsTheExplicitDefault() throws Exception {
        HttpResponse<String> response = invoke("echo", "RequestResponse", "2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"got\":2}");
    }

    @Test
    void functionErrorIsA200WithTheErrorHeaderAndCause() throws Exception {
        HttpResponse<String> response = invoke("fails", null, "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(header(response, "X-Amz-Executed-Version")).isEqualTo("$LATEST");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("errorMessage").asText()).isEqualTo("boom");
        assertThat(body.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(body.path("stackTrace").isArray()).isTrue();
        assertThat(body.path("stackTrace")).isEmpty();
    }

    @Test
    void unknownFunctionIs404ResourceNotFound() throws Exception {
        HttpResponse<String> response = invoke("missing", null, "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        assertThat(header(response, "X-Amz-Function-Error")).isNull();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("Type").asText()).isEqualTo("User");
        assertThat(body.path("message").asText())
                .isEqualTo("Function not found: arn:aws:lambda:eu-west-1:000000000000:function:missing");
    }

    @Test
    void otherInvokerFailuresAre500ServiceException() throws Exception {
        HttpResponse<String> response = invoke("broken", null, "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(header(response, "x-amzn-ErrorType")).isEqualTo("ServiceException");
        assertThat(JSON.readTree(response.body()).path("Type").asText()).isEqualTo("Service");
    }

    @Test
    void fullAndPartialArnsQualifiersAndUrlEncodedNamesResolveToTheName() throws Exception {
        List<String> names = List.of(
                "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aecho",
                "arn:aws:lambda:us-east-1:123456789012:function:echo:live",
                "123456789012%3Afunction%3Aecho",
                "echo%3A%24LATEST",
                "ech%6F");
        for (String name : names) {
            HttpResponse<String> response = invoke(name, "?Qualifier=live", null, "1");
            assertThat(response.statusCode()).as(name).isEqualTo(200);
            assertThat(response.body()).as(name).isEqualTo("{\"got\":1}");
        }
        assertThat(INVOKER.calls)
                .extracting(TestInvoker.Call::function)
                .containsOnly("echo")
                .hasSize(names.size());
    }

    @Test
    void notFoundNamesTheQualifiedArn() throws Exception {
        HttpResponse<String> response = invoke("missing", "?Qualifier=live", null, "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("message").asText())
                .isEqualTo("Function not found: arn:aws:lambda:eu-west-1:000000000000:function:missing:live");
    }

    @Test
    void eventInvocationAnswers202AndRunsTheFunction() throws Exception {
        HttpResponse<String> response = invoke("event-sink", "Event", "{\"async\":true}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(INVOKER.eventRan.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(INVOKER.calls).containsExactly(new TestInvoker.Call("event-sink", "{\"async\":true}"));
    }

    @Test
    void dryRunAnswers204WithoutInvoking() throws Exception {
        HttpResponse<String> response = invoke("echo", "DryRun", "{}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(INVOKER.calls).isEmpty();
    }

    @Test
    void unknownInvocationTypeIs400() throws Exception {
        HttpResponse<String> response = invoke("echo", "Sometimes", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(header(response, "x-amzn-ErrorType")).isEqualTo("InvalidParameterValueException");
        assertThat(INVOKER.calls).isEmpty();
    }

    @Test
    void payloadOver6MbIs413() throws Exception {
        String payload = "\"" + "x".repeat(LambdaEmulator.MAX_REQUEST_BYTES) + "\"";
        HttpResponse<String> response = invoke("echo", null, payload);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(header(response, "x-amzn-ErrorType")).isEqualTo("RequestTooLargeException");
        assertThat(INVOKER.calls).isEmpty();
    }

    @Test
    void anUnsignedInvocationAsAWebPageCouldSendIsRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/2015-03-31/functions/echo/invocations"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/plain")
                        .POST(BodyPublishers.ofString("{}"))
                        .build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("SigV4");
        assertThat(INVOKER.calls).isEmpty();
    }

    @Test
    void otherPathsAre404UnknownOperation() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/2015-03-31/functions/echo"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
    }
}
