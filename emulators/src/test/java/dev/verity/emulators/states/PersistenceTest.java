package dev.verity.emulators.states;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Executions survive closing the emulator and resume in a new one on the same data directory. */
class PersistenceTest {
    private static final String WORKFLOW = """
      {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "prepare", "Payload.$": "$"},
          "ResultSelector": {"objects.$": "$.Payload.objects"}, "ResultPath": "$.prepared", "Next": "Dispatch"},
        "Dispatch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "dispatch", "Payload": {"jobName.$": "$.jobName", "taskToken.$": "$$.Task.Token"}},
          "TimeoutSecondsPath": "$.lifetime", "ResultPath": "$.answers", "Next": "Write"},
        "Write": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "write", "Payload.$": "$"}, "ResultSelector": {"status.$": "$.Payload"},
          "ResultPath": "$.output", "End": true}}}""";

    @Test
    void aTokenWaitResumesAfterRestartWithTheSameTokenAndNoSecondDispatch(@TempDir Path dir) {
        String execution;
        String token;
        try (Harness first = new Harness(dir)) {
            first.function("prepare", p -> "{\"objects\": 3}").function("dispatch", p -> "{}");
            execution = first.start(first.machine(WORKFLOW), "{\"jobName\": \"cats\", \"lifetime\": 3600}");
            token = first.awaitOpenToken(execution);
            assertThat(first.calls("dispatch")).isEqualTo(1);
        }
        try (Harness second = new Harness(dir)) {
            second.function("prepare", p -> "{\"objects\": 3}")
                    .function("dispatch", p -> "{}")
                    .function("write", p -> "\"Completed\"");
            DescribeExecutionResponse running = second.describe(execution);
            assertThat(running.statusAsString()).isEqualTo("RUNNING");
            assertThat(second.sfn
                            .listExecutions(b -> b.stateMachineArn(running.stateMachineArn()))
                            .executions())
                    .hasSize(1);
            second.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"labeled\": 3}"));
            DescribeExecutionResponse done = second.awaitClosed(execution);
            assertThat(done.statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(done.output())
                    .isEqualTo("{\"jobName\":\"cats\",\"lifetime\":3600,\"prepared\":{\"objects\":3},"
                            + "\"answers\":{\"labeled\":3},\"output\":{\"status\":\"Completed\"}}");
            assertThat(second.calls("dispatch")).isZero();
            assertThat(second.calls("prepare")).isZero();
            assertThat(second.sfn
                            .getExecutionHistory(b -> b.executionArn(execution))
                            .events())
                    .extracting(HistoryEvent::type)
                    .startsWith(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED)
                    .contains(HistoryEventType.TASK_SUBMITTED)
                    .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
        }
        try (Harness third = new Harness(dir)) {
            DescribeExecutionResponse described = third.describe(execution);
            assertThat(described.statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(described.output()).contains("\"labeled\":3");
        }
    }

    @Test
    void aTaskInFlightAtShutdownRunsAgainAfterRestart(@TempDir Path dir) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        String execution;
        try (Harness first = new Harness(dir)) {
            first.function("prepare", p -> {
                entered.countDown();
                try {
                    never.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "{\"objects\": 1}";
            });
            execution = first.start(first.machine(WORKFLOW), "{\"jobName\": \"dogs\", \"lifetime\": 3600}");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        }
        never.countDown();
        AtomicInteger prepared = new AtomicInteger();
        AtomicReference<String> dispatched = new AtomicReference<>();
        Map<String, UnaryOperator<String>> functions = Map.of(
                "prepare",
                        p -> {
                            prepared.incrementAndGet();
                            return "{\"objects\": 1}";
                        },
                "dispatch",
                        p -> {
                            dispatched.set(p.replaceAll(".*\"taskToken\":\"([^\"]+)\".*", "$1"));
                            return "{}";
                        },
                "write", p -> "\"Completed\"");
        try (Harness second = new Harness(dir, functions)) {
            Harness.eventually("the dispatch call").until(() -> dispatched.get() != null);
            second.sfn.sendTaskSuccess(b -> b.taskToken(dispatched.get()).output("{\"labeled\": 1}"));
            DescribeExecutionResponse done = second.awaitClosed(execution);
            assertThat(done.statusAsString())
                    .as(done.error() + " " + done.cause())
                    .isEqualTo("SUCCEEDED");
            assertThat(prepared).hasValue(1);
            assertThat(done.output()).contains("\"prepared\":{\"objects\":1}").contains("\"answers\":{\"labeled\":1}");
        }
    }

    @Test
    void stateMachinesAndFilesLiveUnderTheDirectory(@TempDir Path dir) throws Exception {
        String machine;
        try (Harness first = new Harness(dir)) {
            machine = first.machine("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
            first.awaitClosed(first.start(machine, "{}"));
        }
        assertThat(Files.list(dir.resolve("state-machines")).count()).isEqualTo(1);
        assertThat(Files.list(dir.resolve("executions")).count()).isEqualTo(1);
        try (Harness second = new Harness(dir)) {
            assertThat(second.sfn
                            .describeStateMachine(b -> b.stateMachineArn(machine))
                            .name())
                    .isNotEmpty();
            assertThat(second.sfn
                            .listExecutions(b -> b.stateMachineArn(machine))
                            .executions())
                    .singleElement()
                    .satisfies(e -> assertThat(e.statusAsString()).isEqualTo("SUCCEEDED"));
        }
    }
}
