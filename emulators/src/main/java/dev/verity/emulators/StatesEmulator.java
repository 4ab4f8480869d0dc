package dev.verity.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.verity.emulators.states.Execution;
import dev.verity.emulators.states.ExecutionRunner;
import dev.verity.emulators.states.StateMachine;
import dev.verity.emulators.states.StatesApi;
import dev.verity.emulators.states.StatesService;
import dev.verity.emulators.states.TaskCallback;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step Functions on 127.0.0.1: the JSON API ({@code POST /}, {@code X-Amz-Target: AWSStepFunctions.<Action>}) over
 * the JDK's HTTP server, backed by an in-memory {@link StatesService}. Supported: Create/Describe/List/Delete
 * StateMachine, Start/Describe/List/StopExecution, SendTaskSuccess/Failure/Heartbeat. It does not interpret ASL by
 * itself: executions stay RUNNING unless an {@link ExecutionRunner} (the interpreter, later) closes them.
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
  private final URI endpoint;

  private StatesEmulator(HttpServer server, ExecutorService executor, StatesService service) {
    this.server = server;
    this.executor = executor;
    this.service = service;
    this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort());
  }

  public static StatesEmulator start() {
    return start(Emulators.DEFAULT_REGION, ExecutionRunner.NONE);
  }

  public static StatesEmulator start(String region, ExecutionRunner runner) {
    StatesService service = new StatesService(region);
    service.setRunner(runner);
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
    return new StatesEmulator(server, executor, service);
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
      exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
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

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
