package dev.verity.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import dev.verity.fakes.InMemoryUsageStore;
import dev.verity.json.Json;
import dev.verity.store.UsageStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A function's log events are JSON with the request id and the job's name, and never carry the caller's token. */
class StructuredLoggingTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-payload.signature";

    private final StringWriter logs = new StringWriter();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private WriterAppender capture;

    @BeforeEach
    void captureTheFunctionsLogs() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        capture = WriterAppender.newBuilder()
                .setName("capture")
                .setTarget(logs)
                .setLayout(JsonTemplateLayout.newBuilder()
                        .setConfiguration(configuration)
                        .setEventTemplateUri("classpath:LambdaJsonLayout.json")
                        .build())
                .build();
        capture.start();
        configuration.getLoggerConfig("dev.verity").addAppender(capture, null, null);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig("dev.verity").removeAppender("capture");
        context.updateLoggers();
        capture.stop();
    }

    @Test
    void anInternalErrorIsOneJsonEventWithTheRequestIdTheJobAndTheErrorButNotTheToken() throws Exception {
        HttpHandler failing = new HttpHandler(null) {
            @Override
            protected HttpResponse route(HttpRequest request, Context context) {
                throw new IllegalStateException("the table is gone");
            }

            @Override
            Set<RouteSpec> routes() {
                return Set.of(Catalog.JOBS_DESCRIBE);
            }

            @Override
            protected UsageStore usageStore() {
                return usage; // no table here: the invocation's usage goes to memory
            }
        };
        JsonNode event = Json.parse("""
                {"version": "2.0", "routeKey": "GET /jobs/{name}", "rawPath": "/jobs/cats",
                 "headers": {"authorization": "Bearer %s"}, "pathParameters": {"name": "cats"},
                 "requestContext": {"http": {"method": "GET", "path": "/jobs/cats"}}}
                """.formatted(TOKEN));
        ByteArrayOutputStream reply = new ByteArrayOutputStream();

        failing.handleRequest(
                new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
                reply,
                new FixedContext("request-7"));

        assertThat(Json.parse(reply.toString(StandardCharsets.UTF_8))
                        .get("statusCode")
                        .asInt())
                .isEqualTo(500);
        List<JsonNode> events = logs.toString().lines().map(Json::parse).toList();
        assertThat(events).hasSize(1);
        JsonNode logged = events.get(0);
        assertThat(logged.get("level").asText()).isEqualTo("ERROR");
        assertThat(logged.get("message").asText()).isEqualTo("GET /jobs/{name} failed");
        assertThat(logged.get("function_request_id").asText()).isEqualTo("request-7");
        assertThat(logged.get("function_name").asText()).isEqualTo("verity-requester-api");
        assertThat(logged.get("job_name").asText()).isEqualTo("cats");
        assertThat(logged.at("/error/name").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(logged.at("/error/message").asText()).isEqualTo("the table is gone");
        assertThat(logs.toString()).doesNotContain("secret-payload");
        // a failed invocation is billed too: one API request, one invocation at the context's memory
        assertThat(usage.get("cats").requests("ApiGateway", "GET /jobs/{name}")).isEqualTo(1);
        assertThat(usage.get("cats").invocations()).isEqualTo(1);
    }

    /** The Lambda context of one invocation of verity-requester-api. */
    private record FixedContext(String requestId) implements Context {

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/verity-requester-api";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "verity-requester-api";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:verity-requester-api:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
