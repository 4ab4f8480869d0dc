package dev.verity.emulators.states;

import static org.assertj.core.api.Assertions.fail;

import dev.verity.emulators.StatesEmulator;
import dev.verity.emulators.lambda.LambdaInvoker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * A states emulator running the ASL engine with test functions (name → Java lambda over the JSON payload), and an
 * SDK client on it. Waits are bounded by deadlines.
 */
final class Harness implements AutoCloseable {
  static final String ROLE = "arn:aws:iam::000000000000:role/test";
  static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  final Map<String, UnaryOperator<String>> functions = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final StatesEmulator emulator;
  final SfnClient sfn;

  Harness() {
    this(null, Map.of());
  }

  Harness(Path dataDirectory) {
    this(dataDirectory, Map.of());
  }

  /** {@code initial} functions are in place before the emulator starts (and resumes persisted executions). */
  Harness(Path dataDirectory, Map<String, UnaryOperator<String>> initial) {
    functions.putAll(initial);
    LambdaInvoker invoker = (function, payload) -> {
      String name = LambdaInvoker.functionName(function);
      calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      UnaryOperator<String> body = functions.get(name);
      if (body == null) {
        throw new IllegalStateException("no function " + name);
      }
      return body.apply(payload);
    };
    emulator = StatesEmulator.builder().lambdaInvoker(invoker).dataDirectory(dataDirectory).start();
    sfn = SfnClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .endpointOverride(emulator.endpoint())
        .build();
  }

  Harness function(String name, UnaryOperator<String> body) {
    functions.put(name, body);
    return this;
  }

  int calls(String name) {
    AtomicInteger count = calls.get(name);
    return count == null ? 0 : count.get();
  }

  String machine(String definition) {
    String name = "m" + NAMES.incrementAndGet();
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
  }

  String start(String machineArn, String input) {
    return sfn.startExecution(b -> b.stateMachineArn(machineArn).input(input)).executionArn();
  }

  /** Creates the machine, runs it on {@code input} and returns the closed execution. */
  DescribeExecutionResponse run(String definition, String input) {
    return awaitClosed(start(machine(definition), input));
  }

  DescribeExecutionResponse awaitClosed(String executionArn) {
    await(() -> !describe(executionArn).statusAsString().equals("RUNNING"), "execution to close");
    return describe(executionArn);
  }

  DescribeExecutionResponse describe(String executionArn) {
    return sfn.describeExecution(b -> b.executionArn(executionArn));
  }

  /** The open task token the execution waits on, once its function has been called (top-level states). */
  String awaitOpenToken(String executionArn) {
    String[] token = new String[1];
    await(() -> (token[0] = submittedToken(executionArn)) != null, "a task token");
    return token[0];
  }

  private String submittedToken(String executionArn) {
    return emulator.service().checkpoint(executionArn)
        .filter(c -> c.path("invoked").asBoolean(false))
        .map(c -> c.get("token").asText())
        .filter(emulator.service()::isTaskTokenOpen)
        .orElse(null);
  }

  static void await(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  @Override
  public void close() {
    sfn.close();
    emulator.close();
  }
}
