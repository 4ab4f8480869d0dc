package dev.verity.emulators.states;

import dev.verity.emulators.StatesEmulator;
import dev.verity.emulators.lambda.LambdaInvoker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * A states emulator running the ASL engine with test functions (name → Java lambda over the JSON payload), and an
 * SDK client on it. Waits are bounded (Awaitility).
 */
final class Harness implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::000000000000:role/test";
    static final Duration WAIT = Duration.ofSeconds(10);
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
        emulator = StatesEmulator.builder()
                .lambdaInvoker(invoker)
                .dataDirectory(dataDirectory)
                .start();
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
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
                .stateMachineArn();
    }

    String start(String machineArn, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).input(input))
                .executionArn();
    }

    /** Creates the machine, runs it on {@code input} and returns the closed execution. */
    DescribeExecutionResponse run(String definition, String input) {
        return awaitClosed(start(machine(definition), input));
    }

    DescribeExecutionResponse awaitClosed(String executionArn) {
        return eventually("execution to close")
                .until(
                        () -> describe(executionArn),
                        execution -> !execution.statusAsString().equals("RUNNING"));
    }

    DescribeExecutionResponse describe(String executionArn) {
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    /** The open task token the execution waits on, once its function has been called (top-level states). */
    String awaitOpenToken(String executionArn) {
        return eventually("a task token").until(() -> submittedToken(executionArn), Objects::nonNull);
    }

    private String submittedToken(String executionArn) {
        return emulator.service()
                .checkpoint(executionArn)
                .filter(c -> c.path("invoked").asBoolean(false))
                .map(c -> c.get("token").asText())
                .filter(emulator.service()::isTaskTokenOpen)
                .orElse(null);
    }

    /** A wait for {@code what}, checked now and every 20 ms, for at most {@link #WAIT}. */
    static ConditionFactory eventually(String what) {
        return Awaitility.await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20));
    }

    @Override
    public void close() {
        sfn.close();
        emulator.close();
    }
}
