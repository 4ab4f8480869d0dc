package dev.verity.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.verity.emulators.lambda.LambdaInvoker;
import dev.verity.emulators.states.Execution;
import dev.verity.emulators.states.ExecutionRunner;
import dev.verity.emulators.states.ExecutionStore;
import dev.verity.emulators.states.StateMachine;
import dev.verity.emulators.states.StatesApi;
import dev.verity.emulators.states.StatesService;
import dev.verity.emulators.states.TaskCallback;
import dev.verity.emulators.states.engine.AslEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Step Functions on 127.0.0.1: the JSON API ({@code POST /}, {@code X-Amz-Target: AWSStepFunctions.<Action>}) over
 * the JDK's HTTP server, backed by a {@link StatesService}. Supported: Create/Describe/List/Delete StateMachine,
 * Start/Describe/List/StopExecution, GetExecutionHistory, SendTaskSuccess/Failure/Heartbeat.
 *
 * <p>Executions run through an {@link ExecutionRunner}: given a {@link Builder#lambdaInvoker(LambdaInvoker)}, the
 * ASL interpreter {@link AslEngine} (owned and closed by this emulator); otherwise the one set with
 * {@link Builder#runner(ExecutionRunner)}, by default none (executions stay RUNNING until closed by hand). With
 * {@link Builder#dataDirectory(Path)} state machines and executions persist there ({@link ExecutionStore}) and
 * RUNNING executions are resumed by the runner at start.
 *
 * <p>Task tokens come from {@link #issueTaskToken} (or {@link #registerTaskToken}); an unknown token is
 * {@code InvalidToken}, a token already answered (or whose execution closed) is {@code TaskTimedOut}, as in AWS.
 */
public final class StatesEmulator implements AutoCloseable {
    static {
        // The JDK server writes response headers and body as separate small TCP segments; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK (~40 ms per call on Linux). The property is read once, when
        // the JDK's server configuration class loads, so set it before the first HttpServer (unless someone chose).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final StatesService service;
    private final AslEngine engine;
    private final ExecutionStore store;
    private final URI endpoint;

    private StatesEmulator(
            HttpServer server,
            ExecutorService executor,
            StatesService service,
            AslEngine engine,
            ExecutionStore store) {
        this.server = server;
        this.executor = executor;
        this.service = service;
        this.engine = engine;
        this.store = store;
        this.endpoint = URI.create(
                "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort());
    }

    public static StatesEmulator start() {
        return builder().start();
    }

    public static StatesEmulator start(String region, ExecutionRunner runner) {
        return builder().region(region).runner(runner).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String region = Emulators.DEFAULT_REGION;
        private ExecutionRunner runner = ExecutionRunner.NONE;
        private LambdaInvoker lambdaInvoker;
        private Path dataDirectory;

        private Builder() {}

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** What runs executions when no {@link #lambdaInvoker} is given (default: nothing). */
        public Builder runner(ExecutionRunner runner) {
            this.runner = Objects.requireNonNull(runner);
            return this;
        }

        /** Runs executions with the ASL interpreter, whose Task states call functions through {@code invoker}. */
        public Builder lambdaInvoker(LambdaInvoker invoker) {
            this.lambdaInvoker = invoker;
            return this;
        }

        /** Persist state machines and executions here, and resume RUNNING executions found here. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        public StatesEmulator start() {
            // Jayway JsonPath logs every evaluated path at DEBUG.
            QuietLogging.setLevelIfUnset(LoggerFactory.getLogger("com.jayway.jsonpath"), "WARN");
            ExecutionStore store = dataDirectory == null ? null : new ExecutionStore(dataDirectory);
            StatesService service = new StatesService(region, Clock.systemUTC(), store);
            AslEngine engine = lambdaInvoker == null ? null : new AslEngine(lambdaInvoker);
            service.setRunner(engine != null ? engine : runner);
            StatesEmulator emulator = serve(service, engine, store);
            service.resumeRunning();
            return emulator;
        }
    }

    private static StatesEmulator serve(StatesService service, AslEngine engine, ExecutionStore store) {
        StatesApi api = new StatesApi(service);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Step Functions emulator", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "verity-states-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(api, exchange));
        server.start();
        return new StatesEmulator(server, executor, service, engine, store);
    }

    private static void handle(StatesApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            StatesApi.Response response;
            if (!"POST".equals(exchange.getRequestMethod())) {
                byte[] body = ("{\"__type\":\"UnknownOperationException\",\"message\":\"POST / with X-Amz-Target\"}")
                        .getBytes(StandardCharsets.UTF_8);
                response = new StatesApi.Response(405, body, "UnknownOperationException");
            } else {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                response = api.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
            }
            exchange.getResponseHeaders().set("Content-Type", StatesApi.CONTENT_TYPE);
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            if (response.errorCode() != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", response.errorCode());
            }
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The model, for runners and tests that need more than the accessors below. */
    public StatesService service() {
        return service;
    }

    /** Installs the runner that executes started executions (default {@link ExecutionRunner#NONE}). */
    public void setRunner(ExecutionRunner runner) {
        service.setRunner(runner);
    }

    public List<StateMachine> stateMachines() {
        return service.stateMachines();
    }

    /** Every execution, in start order (snapshots). */
    public List<Execution> executions() {
        return service.executions();
    }

    /** Every accepted SendTaskSuccess/SendTaskFailure/SendTaskHeartbeat, in arrival order. */
    public List<TaskCallback> taskCallbacks() {
        return service.taskCallbacks();
    }

    /** The accepted SendTaskSuccess and SendTaskFailure calls (token, execution, output or error/cause). */
    public List<TaskCallback> taskResults() {
        return service.taskCallbacks().stream().filter(TaskCallback::isResult).toList();
    }

    /** A new task token for a RUNNING execution, as a {@code .waitForTaskToken} state would hand out. */
    public String issueTaskToken(String executionArn) {
        return service.issueTaskToken(executionArn);
    }

    /** Accepts a caller-chosen string as an open task token of a RUNNING execution. */
    public void registerTaskToken(String token, String executionArn) {
        service.registerTaskToken(token, executionArn);
    }

    /** Stops the server and the interpreter; persisted state stays as last written, ready to resume. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
