package dev.verity.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.catalog.RouteSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart's hook primes a handler before the snapshot without reaching AWS: every endpoint points at a socket that
 * only listens, and the test checks that no connection ever came.
 */
class SnapStartPrimingTest {

    private ServerSocket aws;
    private Services services;

    @BeforeEach
    void pointEveryClientAtASocketThatOnlyListens() throws IOException {
        aws = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        String endpoint = "http://127.0.0.1:" + aws.getLocalPort();
        services = new Services(new Environment(Map.of(
                "AWS_REGION",
                "us-east-1",
                "AWS_ENDPOINT_URL",
                endpoint,
                Catalog.ENV_MTURK_ENDPOINT,
                endpoint,
                Catalog.ENV_TABLE,
                "verity",
                Catalog.ENV_BUCKET,
                "verity-data",
                Catalog.ENV_STATE_MACHINE_ARN,
                "arn:aws:states:us-east-1:000000000000:stateMachine:verity-jobs")));
    }

    @AfterEach
    void close() throws IOException {
        aws.close();
    }

    @Test
    void everyHandlerOfTheCoreJarPrimesWithoutSendingARequest() throws Exception {
        List<String> primed = new ArrayList<>();
        for (FunctionSpec function : Catalog.FUNCTIONS) {
            if (function.bundle() != FunctionSpec.Bundle.CORE) {
                continue; // the models module's handlers share JsonHandler's priming
            }
            JsonHandler handler = (JsonHandler) Class.forName(function.handler())
                    .getConstructor(Services.class)
                    .newInstance(services);

            handler.priming().beforeCheckpoint(null);
            primed.add(function.name());
        }

        assertThat(primed).hasSize((int) Catalog.FUNCTIONS.stream()
                .filter(f -> f.bundle() == FunctionSpec.Bundle.CORE)
                .count());
        assertThat(connectionAttempted()).as("a connection to the AWS endpoint").isFalse();
    }

    @Test
    void anApiHandlerSendsItsPrimingEventThroughItsOwnRouting() throws Exception {
        List<String> routed = new ArrayList<>();
        HttpHandler handler = new HttpHandler(services) {
            @Override
            protected HttpResponse route(HttpRequest request, Context context) {
                routed.add(request.routeKey());
                return routeNotFound(request);
            }

            @Override
            Set<RouteSpec> routes() {
                return Set.of();
            }
        };

        handler.priming().beforeCheckpoint(null);

        assertThat(routed).containsExactly("GET /snapstart-priming");
        assertThat(connectionAttempted()).isFalse();
    }

    @Test
    void aWorkflowStepPrimesWithoutHandlingAnEvent() throws Exception {
        List<String> handled = new ArrayList<>();
        JsonHandler step = new JsonHandler(services) {
            @Override
            public JsonNode handle(JsonNode event, Context context) {
                handled.add(event.toString());
                return event;
            }
        };

        step.priming().beforeCheckpoint(null);

        assertThat(step.primingEvent()).isEqualTo(Optional.empty());
        assertThat(handled).isEmpty();
    }

    /** Whether anything connected: a connection attempt waits in the backlog until accepted. */
    private boolean connectionAttempted() throws IOException {
        aws.setSoTimeout(200);
        try (Socket ignored = aws.accept()) {
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }
}
