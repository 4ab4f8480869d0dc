package dev.verity.emulators.states;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.emulators.lambda.LambdaFunctionException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Task resources, Retry/Catch, Map, Parallel, task tokens, StopExecution and history, through the SDK. */
class AslEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static JsonNode output(DescribeExecutionResponse execution) throws Exception {
        assertThat(execution.statusAsString())
                .as(execution.error() + " " + execution.cause())
                .isEqualTo("SUCCEEDED");
        return JSON.readTree(execution.output());
    }

    @Test
    void lambdaInvokeReturnsTheInvokeResponseWithThePayload() throws Exception {
        h.function("double", payload -> "{\"n\":" + 2 * parse(payload).path("n").asInt() + "}");
        JsonNode out = output(h.run("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:double",
                         "Payload": {"n.$": "$.x"}},
          "ResultSelector": {"n.$": "$.Payload.n", "status.$": "$.StatusCode"},
          "ResultPath": "$.result", "End": true}}}""", "{\"x\": 21}"));
        assertThat(out.toString()).isEqualTo("{\"x\":21,\"result\":{\"n\":42,\"status\":200}}");
    }

    @Test
    void aPlainFunctionArnGetsTheEffectiveInputAndReturnsItsOutput() throws Exception {
        h.function("echo", payload -> payload);
        JsonNode out = output(h.run("""
        {"StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:000000000000:function:echo", "InputPath": "$.in",
          "ResultPath": "$.out", "End": true}}}""", "{\"in\": {\"a\": 1}}"));
        assertThat(out.toString()).isEqualTo("{\"in\":{\"a\":1},\"out\":{\"a\":1}}");
    }

    @Test
    void functionErrorsAreNamedByTheirTypeAndOtherInvokerFailuresAreServiceExceptions() {
        h.function("boom", payload -> {
            throw new LambdaFunctionException("ValidationError", "bad job", null);
        });
        DescribeExecutionResponse failed = h.run(task("boom", ""), "{}");
        assertThat(failed.statusAsString()).isEqualTo("FAILED");
        assertThat(failed.error()).isEqualTo("ValidationError");
        assertThat(failed.cause())
                .contains("\"errorMessage\":\"bad job\"")
                .contains("\"errorType\":\"ValidationError\"");

        DescribeExecutionResponse missing = h.run(task("not-registered", ""), "{}");
        assertThat(missing.error()).isEqualTo("Lambda.ServiceException");
    }

    @Test
    void retryCountsAttemptsPerRetrierAndCatchRoutesToAFallback() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        h.function("flaky", payload -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("throttled");
            }
            return "{\"ok\":true}";
        });
        JsonNode out = output(h.run(task("flaky", """
        , "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 0.01, "MaxAttempts": 5,
                     "BackoffRate": 1}],
        "ResultSelector": {"ok.$": "$.Payload.ok", "retries.$": "$$.State.RetryCount"}"""), "{}"));
        assertThat(attempts).hasValue(3);
        assertThat(out.toString()).isEqualTo("{\"ok\":true,\"retries\":2}");

        h.function("always", payload -> {
            throw new LambdaFunctionException("Custom.Error", "nope", null);
        });
        String definition = """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "always", "Payload": {}},
                "Retry": [{"ErrorEquals": ["Other"], "MaxAttempts": 9, "IntervalSeconds": 0.01},
                          {"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2, "IntervalSeconds": 0.01}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Fallback"}],
                "Next": "Unreached"},
          "Unreached": {"Type": "Fail", "Error": "Unreached"},
          "Fallback": {"Type": "Pass", "End": true}}}""";
        JsonNode caught = output(h.run(definition, "{\"job\": \"j\"}"));
        assertThat(h.calls("always")).isEqualTo(3);
        assertThat(caught.path("job").asText()).isEqualTo("j");
        assertThat(caught.path("error").path("Error").asText()).isEqualTo("Custom.Error");
        assertThat(caught.path("error").path("Cause").asText()).contains("nope");
    }

    @Test
    void maxAttemptsZeroNeverRetriesAndStatesRuntimeIsNeverCaught() {
        h.function("once", payload -> {
            throw new LambdaFunctionException("E", "x", null);
        });
        DescribeExecutionResponse failed = h.run(task("once", """
        , "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}]"""), "{}");
        assertThat(failed.error()).isEqualTo("E");
        assertThat(h.calls("once")).isEqualTo(1);

        DescribeExecutionResponse runtime = h.run("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "End": true},
          "F": {"Type": "Succeed"}}}""", "{}");
        assertThat(runtime.error()).isEqualTo("States.Runtime");
        assertThat(runtime.cause()).contains("arn:aws:states:::sqs:sendMessage");

        DescribeExecutionResponse badPath = h.run("""
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.missing", "End": true}}}""", "{}");
        assertThat(badPath.error()).isEqualTo("States.Runtime");
    }

    @Test
    void taskTimeoutSecondsFailsASlowFunctionWithStatesTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        h.function("slow", payload -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{}";
        });
        DescribeExecutionResponse timedOut = h.run(task("slow", ", \"TimeoutSeconds\": 0.1"), "{}");
        release.countDown();
        assertThat(timedOut.error()).isEqualTo("States.Timeout");
    }

    @Test
    void waitForTaskTokenSucceedsWithTheCallbackOutput() throws Exception {
        String machine = h.machine(waitForToken(""));
        h.function("dispatch", payload -> "{}");
        String execution = h.start(machine, "{\"jobName\": \"cats\"}");
        String token = h.awaitOpenToken(execution);
        assertThat(h.describe(execution).statusAsString()).isEqualTo("RUNNING");
        h.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        h.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"labeled\": 3}"));
        JsonNode out = output(h.awaitClosed(execution));
        assertThat(out.toString()).isEqualTo("{\"jobName\":\"cats\",\"answer\":{\"labeled\":3}}");
    }

    @Test
    void theFunctionReceivesTheTokenAndMayAnswerBeforeReturning() throws Exception {
        h.function("answersAtOnce", payload -> {
            String token = parse(payload).path("taskToken").asText();
            h.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"at\":\"once\"}"));
            return "{}";
        });
        JsonNode out =
                output(h.run(waitForToken("").replace("\"dispatch\"", "\"answersAtOnce\""), "{\"jobName\":\"x\"}"));
        assertThat(out.path("answer").toString()).isEqualTo("{\"at\":\"once\"}");
    }

    @Test
    void waitForTaskTokenFailureTimeoutAndHeartbeat() {
        h.function("dispatch", payload -> "{}");
        String execution = h.start(h.machine(waitForToken("")), "{\"jobName\": \"j\"}");
        String token = h.awaitOpenToken(execution);
        h.sfn.sendTaskFailure(b -> b.taskToken(token).error("Verity.NoWorkers").cause("nobody"));
        DescribeExecutionResponse failed = h.awaitClosed(execution);
        assertThat(failed.error()).isEqualTo("Verity.NoWorkers");
        assertThat(failed.cause()).isEqualTo("nobody");

        DescribeExecutionResponse timedOut = h.run(
                waitForToken(", \"TimeoutSecondsPath\": \"$.lifetime\""), "{\"jobName\": \"j\", \"lifetime\": 0.2}");
        assertThat(timedOut.error()).isEqualTo("States.Timeout");

        DescribeExecutionResponse noHeartbeat =
                h.run(waitForToken(", \"HeartbeatSeconds\": 0.2"), "{\"jobName\": \"j\"}");
        assertThat(noHeartbeat.error()).isEqualTo("States.HeartbeatTimeout");
    }

    @Test
    void aTimedOutTokenCanBeCaughtLikeOurWorkflowDoes() throws Exception {
        h.function("dispatch", payload -> "{}");
        JsonNode out = output(h.run("""
        {"StartAt": "Dispatch", "States": {
          "Dispatch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "dispatch", "Payload": {"taskToken.$": "$$.Task.Token"}},
            "TimeoutSeconds": 0.1, "ResultPath": null,
            "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": null, "Next": "Consolidate"},
                      {"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
            "Next": "Consolidate"},
          "Consolidate": {"Type": "Pass", "Result": "consolidated", "ResultPath": "$.step", "End": true},
          "Failed": {"Type": "Fail"}}}""", "{\"jobName\": \"j\"}"));
        assertThat(out.toString()).isEqualTo("{\"jobName\":\"j\",\"step\":\"consolidated\"}");
    }

    @Test
    void mapRunsEveryItemWithAtMostMaxConcurrencyAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        h.function("square", payload -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            JsonNode in = parse(payload);
            return "{\"index\":" + in.path("index").asInt() + ",\"square\":"
                    + in.path("n").asInt() * in.path("n").asInt() + ",\"job\":\""
                    + in.path("job").asText() + "\"}";
        });
        JsonNode out = output(h.run("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.numbers", "MaxConcurrency": 2,
          "ItemSelector": {"job.$": "$.job", "n.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Sq", "States": {
            "Sq": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "square", "Payload.$": "$"}, "OutputPath": "$.Payload",
                   "End": true}}},
          "ResultPath": "$.squares", "End": true}}}""", "{\"job\": \"j\", \"numbers\": [1, 2, 3, 4, 5, 6]}"));
        assertThat(out.path("squares").toString())
                .isEqualTo("[{\"index\":0,\"square\":1,\"job\":\"j\"},"
                        + "{\"index\":1,\"square\":4,\"job\":\"j\"},{\"index\":2,\"square\":9,\"job\":\"j\"},"
                        + "{\"index\":3,\"square\":16,\"job\":\"j\"},{\"index\":4,\"square\":25,\"job\":\"j\"},"
                        + "{\"index\":5,\"square\":36,\"job\":\"j\"}]");
        assertThat(peak.get()).isBetween(1, 2);
    }

    @Test
    void aFailingIterationFailsTheMapWhoseCatchHandlesIt() throws Exception {
        JsonNode out = output(h.run("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "Iterator": {"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}],
                  "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "three"},
            "Good": {"Type": "Succeed"}}},
          "Catch": [{"ErrorEquals": ["Item.Bad"], "ResultPath": "$.error", "Next": "Done"}], "End": true},
          "Done": {"Type": "Pass", "InputPath": "$.error", "End": true}}}""", "{\"items\": [1, 2, 3, 4]}"));
        assertThat(out.toString()).isEqualTo("{\"Error\":\"Item.Bad\",\"Cause\":\"three\"}");
    }

    @Test
    void parallelBranchesGetTheSameInputAndResultsKeepBranchOrder() throws Exception {
        JsonNode out = output(h.run("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.a", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 0.05, "Next": "B2"},
                                        "B2": {"Type": "Pass", "InputPath": "$.b", "End": true}}}],
          "ResultSelector": {"first.$": "$[0]", "second.$": "$[1]"}, "End": true}}}""", "{\"a\": 1, \"b\": 2}"));
        assertThat(out.toString()).isEqualTo("{\"first\":1,\"second\":2}");
    }

    @Test
    void stopExecutionAbortsAWaitingExecution() {
        String execution = h.start(h.machine("""
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}"""), "{}");
        Harness.eventually("the Wait state")
                .until(() -> h.emulator.service().history(execution).stream()
                        .anyMatch(e -> e.type().equals("WaitStateEntered")));
        h.sfn.stopExecution(
                b -> b.executionArn(execution).error("Verity.Stopped").cause("by test"));
        DescribeExecutionResponse stopped = h.awaitClosed(execution);
        assertThat(stopped.statusAsString()).isEqualTo("ABORTED");
        assertThat(stopped.error()).isEqualTo("Verity.Stopped");
        assertThat(h.sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
                .extracting(HistoryEvent::type)
                .last()
                .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void getExecutionHistoryRecordsStatesAndTasks() {
        h.function("echo", payload -> payload);
        String execution = h.start(
                h.machine(task("echo", ", \"ResultPath\": \"$.r\"")
                        .replace("\"End\": true", "\"Next\": \"Done\"")
                        .replace("}}}", "}, \"Done\": {\"Type\": \"Succeed\"}}}")),
                "{\"a\": 1}");
        assertThat(h.awaitClosed(execution).statusAsString()).isEqualTo("SUCCEEDED");
        List<HistoryEvent> events =
                h.sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        assertThat(events)
                .extracting(HistoryEvent::type)
                .containsExactly(
                        HistoryEventType.EXECUTION_STARTED,
                        HistoryEventType.TASK_STATE_ENTERED,
                        HistoryEventType.TASK_SCHEDULED,
                        HistoryEventType.TASK_STARTED,
                        HistoryEventType.TASK_SUCCEEDED,
                        HistoryEventType.TASK_STATE_EXITED,
                        HistoryEventType.SUCCEED_STATE_ENTERED,
                        HistoryEventType.SUCCEED_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events.get(0).executionStartedEventDetails().input()).isEqualTo("{\"a\": 1}");
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("T");
        assertThat(events.get(2).taskScheduledEventDetails().resourceType()).isEqualTo("lambda");
        assertThat(events.get(5).previousEventId()).isEqualTo(events.get(4).id());
        assertThat(h.sfn.getExecutionHistory(b ->
                                b.executionArn(execution).reverseOrder(true).maxResults(1))
                        .events())
                .extracting(HistoryEvent::type)
                .containsExactly(HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void theContextObjectDescribesExecutionStateAndMachine() throws Exception {
        String machine = h.machine("""
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
          "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
          "machine.$": "$$.StateMachine.Name", "state.$": "$$.State.Name", "retries.$": "$$.State.RetryCount",
          "entered.$": "$$.State.EnteredTime"}, "End": true}}}""");
        String execution = h.sfn.startExecution(
                        b -> b.stateMachineArn(machine).name("ctx").input("{\"k\": 1}"))
                .executionArn();
        JsonNode out = output(h.awaitClosed(execution));
        assertThat(out.path("id").asText()).isEqualTo(execution);
        assertThat(out.path("name").asText()).isEqualTo("ctx");
        assertThat(out.path("input").toString()).isEqualTo("{\"k\":1}");
        assertThat(machine).endsWith(":" + out.path("machine").asText());
        assertThat(out.path("state").asText()).isEqualTo("P");
        assertThat(out.path("retries").asInt()).isZero();
        assertThat(out.path("entered").asText()).endsWith("Z");
    }

    private static String task(String function, String extra) {
        return """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "%s", "Payload.$": "$"}%s, "End": true}}}""".formatted(function, extra);
    }

    private static String waitForToken(String extra) {
        return """
        {"StartAt": "Dispatch", "States": {"Dispatch": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "dispatch", "Payload": {"jobName.$": "$.jobName", "taskToken.$": "$$.Task.Token"}},
          "ResultPath": "$.answer"%s, "End": true}}}""".formatted(extra);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
