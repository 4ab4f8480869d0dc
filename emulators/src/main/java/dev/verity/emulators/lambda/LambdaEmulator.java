package dev.verity.emulators.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.verity.emulators.support.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's Invoke API on 127.0.0.1 ({@code POST /2015-03-31/functions/{FunctionName}/invocations}, REST-JSON),
 * backed by a {@link LambdaInvoker}, so the SDK's {@code LambdaClient} and {@code aws lambda invoke --endpoint-url}
 * reach in-process functions.
 *
 * <p>{@code FunctionName} may be a name, {@code name:qualifier}, a partial ARN ({@code <account>:function:<name>})
 * or a full ARN; the invoker gets the bare name. Every function has one version, so any qualifier runs it and
 * {@code X-Amz-Executed-Version} is {@code $LATEST}. {@code X-Amz-Invocation-Type}: {@code RequestResponse}
 * (default) answers the result; {@code Event} runs it in the background and answers 202 (failures are only logged);
 * {@code DryRun} answers 204 without checking the function exists.
 *
 * <p>A function error is a 200 with {@code X-Amz-Function-Error: Unhandled}; an unknown function (the invoker's
 * {@code ResourceNotFoundException}) a 404; any other invoker failure a 500 {@code ServiceException}; a payload over
 * 6 MB a 413 {@code RequestTooLargeException}; an unsigned request a 403 (any SigV4 credentials are accepted, but a
 * web page cannot make a browser sign, so no page can invoke the functions). Errors name their type in
 * {@code x-amzn-ErrorType}, where the SDK looks first.
 */
public final class LambdaEmulator implements AutoCloseable {
    /** Lambda's limit on a synchronous invocation's payload (6 MB). */
    public static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    public static final String ACCOUNT_ID = "000000000000";
    private static final String NOT_FOUND = "ResourceNotFoundException";
    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final Logger LOG = LoggerFactory.getLogger(LambdaEmulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaInvoker invoker;
    private final String region;
    private final LoopbackHttpServer server;
    private final ExecutorService events;

    private LambdaEmulator(LambdaInvoker invoker, String region) {
        this.invoker = Objects.requireNonNull(invoker);
        this.region = Objects.requireNonNull(region);
        server = LoopbackHttpServer.bind("lambda");
        events = Executors.newCachedThreadPool(daemons("verity-lambda-event-"));
        // exchanges, not LoopbackHttpServer's requests: Lambda answers its own errors (a 413 only for an Invoke) and
        // has no host check
        server.serveExchanges(this::handle);
    }

    /** Serves {@code invoker}'s functions; {@code region} only shows in ARNs of error messages. */
    public static LambdaEmulator start(LambdaInvoker invoker, String region) {
        return new LambdaEmulator(invoker, region);
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    /** Stops the server; running invocations, including {@code Event} ones, are interrupted after 5 s. */
    @Override
    public void close() {
        events.shutdown(); // first, so that no request still running can queue another Event
        server.close();
        try {
            if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Response(int status, byte[] body, Map<String, String> headers) {
        static Response error(int status, String errorType, String kind, String message) {
            byte[] body = JSON.createObjectNode()
                    .put("Type", kind)
                    .put("message", message)
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            return new Response(status, body, Map.of("x-amzn-ErrorType", errorType));
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Response response;
            try {
                response = respond(exchange);
            } catch (RuntimeException e) {
                LOG.warn(
                        "{} {} failed in the Lambda emulator",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        e);
                response = Response.error(500, "ServiceException", "Service", String.valueOf(e.getMessage()));
            }
            write(exchange, response);
        } catch (IOException e) {
            LOG.debug("the client went away", e);
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
            drain(exchange);
            return Response.error(
                    404,
                    "UnknownOperationException",
                    "User",
                    "only Invoke is supported: POST " + "/2015-03-31/functions/{FunctionName}/invocations");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            // A web page can POST text to any local port without asking first, but not with an Authorization header.
            drain(exchange);
            return Response.error(
                    403,
                    "AccessDeniedException",
                    "User",
                    "requests must be SigV4-signed, as the SDKs and the AWS CLI sign them (any credentials)");
        }
        byte[] payload = LoopbackHttpServer.readBody(exchange, MAX_REQUEST_BYTES);
        if (payload == null) {
            return Response.error(
                    413,
                    "RequestTooLargeException",
                    "User",
                    "Request must be smaller than " + MAX_REQUEST_BYTES + " bytes for the InvokeFunction operation");
        }
        String functionName = URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        String name = bareName(functionName);
        String qualifier = qualifier(exchange.getRequestURI().getRawQuery());
        String arn = "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + name
                + (qualifier == null ? "" : ":" + qualifier);
        String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        String event = new String(payload, StandardCharsets.UTF_8);
        if (type == null || type.equals("RequestResponse")) {
            return invoke(name, arn, event);
        }
        if (type.equals("Event")) {
            try {
                events.execute(() -> invokeInBackground(name, event));
            } catch (RejectedExecutionException e) {
                return Response.error(500, "ServiceException", "Service", "the Lambda emulator is closing");
            }
            return new Response(202, new byte[0], Map.of());
        }
        if (type.equals("DryRun")) {
            return new Response(204, new byte[0], Map.of());
        }
        return Response.error(
                400,
                "InvalidParameterValueException",
                "User",
                "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun: " + type);
    }

    private Response invoke(String name, String arn, String event) {
        try {
            String result = invoker.invoke(name, event);
            return new Response(
                    200,
                    (result == null ? "null" : result).getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Amz-Executed-Version", "$LATEST"));
        } catch (LambdaFunctionException e) {
            if (NOT_FOUND.equals(e.errorType())) {
                return Response.error(404, NOT_FOUND, "User", "Function not found: " + arn);
            }
            return new Response(
                    200,
                    e.toCauseJson().getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Amz-Executed-Version", "$LATEST", "X-Amz-Function-Error", "Unhandled"));
        } catch (RuntimeException e) {
            LOG.warn("{} could not be invoked", name, e);
            return Response.error(500, "ServiceException", "Service", name + " could not be invoked: " + e);
        }
    }

    private void invokeInBackground(String name, String event) {
        try {
            invoker.invoke(name, event);
        } catch (LambdaFunctionException e) {
            LOG.warn("asynchronous invocation of {} failed: {}: {}", name, e.errorType(), e.errorMessage());
        } catch (RuntimeException e) {
            LOG.warn("asynchronous invocation of {} could not run", name, e);
        }
    }

    /** The name inside {@code name[:qualifier]}, {@code account:function:name[:qualifier]} or a full ARN. */
    static String bareName(String functionName) {
        String[] parts = functionName.split(":");
        if (functionName.startsWith("arn:") && parts.length > 6) {
            return parts[6];
        }
        if (parts.length > 2 && parts[1].equals("function")) {
            return parts[2];
        }
        return parts[0];
    }

    private static String qualifier(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String parameter : rawQuery.split("&")) {
            if (parameter.startsWith("Qualifier=")) {
                return URLDecoder.decode(parameter.substring("Qualifier=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        response.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = response.body();
        if (body.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1); // -1 means no body; 0 would mean a chunked one
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
