package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.emulators.lambda.LambdaInvoker;
import dev.verity.emulators.states.TaskCallback;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * One attempt of a Task state's work. Resources: {@code arn:aws:states:::lambda:invoke} (Parameters.FunctionName
 * and Payload; the result is Lambda's Invoke response with the function's output as {@code Payload}),
 * {@code arn:aws:states:::lambda:invoke.waitForTaskToken} (the function is called with {@code $$.Task.Token}
 * available, then the state waits for SendTaskSuccess/SendTaskFailure), and a Lambda function ARN (the input is
 * the event, the function's output the result). A {@link LambdaFunctionException} becomes an error named by its
 * type; any other failure of the invoker is {@code Lambda.ServiceException}. TimeoutSeconds(Path) and, for tokens,
 * HeartbeatSeconds(Path) give States.Timeout and States.HeartbeatTimeout.
 */
final class TaskState {
    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    static final String LAMBDA_INVOKE_WAIT = "arn:aws:states:::lambda:invoke.waitForTaskToken";

    private final LambdaInvoker invoker;
    private final ExecutorService pool;

    TaskState(LambdaInvoker invoker, ExecutorService pool) {
        this.invoker = invoker;
        this.pool = pool;
    }

    JsonNode run(
            Scope scope,
            String name,
            JsonNode state,
            JsonNode rawInput,
            JsonNode effective,
            ObjectNode context,
            Checkpoint checkpoint) {
        String resource = state.path("Resource").asText();
        long start = System.currentTimeMillis();
        Long timeout = seconds(state, "TimeoutSeconds", rawInput, context);
        long deadline = timeout == null ? Long.MAX_VALUE : start + timeout;
        if (resource.equals(LAMBDA_INVOKE_WAIT)) {
            Long heartbeat = seconds(state, "HeartbeatSeconds", rawInput, context);
            return waitForToken(scope, state, effective, context, checkpoint, deadline, heartbeat);
        }
        if (resource.equals(LAMBDA_INVOKE)) {
            JsonNode parameters = Interpreter.parameters(state, effective, context);
            ObjectNode scheduled = taskDetails("invoke")
                    .put("region", scope.run().service.region())
                    .put("parameters", parameters.toString());
            scope.run().event(scope, "TaskScheduled", "taskScheduledEventDetails", scheduled);
            scope.run().event(scope, "TaskStarted", "taskStartedEventDetails", taskDetails("invoke"));
            try {
                String output = invoke(scope, parameters, deadline);
                JsonNode result = invokeResponse(output);
                scope.run()
                        .event(
                                scope,
                                "TaskSucceeded",
                                "taskSucceededEventDetails",
                                taskDetails("invoke").put("output", result.toString()));
                return result;
            } catch (StateError e) {
                taskFailed(scope, "invoke", e);
                throw e;
            }
        }
        if (resource.startsWith("arn:aws:lambda:") && resource.contains(":function:")) {
            JsonNode payload = Interpreter.parameters(state, effective, context);
            scope.run()
                    .event(
                            scope,
                            "LambdaFunctionScheduled",
                            "lambdaFunctionScheduledEventDetails",
                            PathEvaluator.JSON
                                    .createObjectNode()
                                    .put("resource", resource)
                                    .put("input", payload.toString()));
            scope.run().event(scope, "LambdaFunctionStarted", null, null);
            try {
                JsonNode result = Run.parse(call(scope, resource, payload.toString(), deadline));
                scope.run()
                        .event(
                                scope,
                                "LambdaFunctionSucceeded",
                                "lambdaFunctionSucceededEventDetails",
                                PathEvaluator.JSON.createObjectNode().put("output", result.toString()));
                return result;
            } catch (StateError e) {
                ObjectNode details = PathEvaluator.JSON
                        .createObjectNode()
                        .put("error", e.error())
                        .put("cause", e.cause());
                boolean timedOut = StateError.TIMEOUT.equals(e.error());
                scope.run()
                        .event(
                                scope,
                                timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                                timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                                details);
                throw e;
            }
        }
        throw StateError.runtime("State '" + name + "': unsupported Task resource '" + resource + "'");
    }

    /**
     * Issues a token (or, resuming, keeps the persisted one), calls the function unless that already happened
     * before a restart, then waits for the token's answer, the timeout or a missed heartbeat.
     */
    private JsonNode waitForToken(
            Scope scope,
            JsonNode state,
            JsonNode effective,
            ObjectNode context,
            Checkpoint checkpoint,
            long deadline,
            Long heartbeatMillis) {
        Run run = scope.run();
        String token = checkpoint.token();
        boolean invoked = token != null && checkpoint.invoked();
        long timeoutAt = token != null ? checkpoint.timeoutAt() : deadline;
        long heartbeatAt = token != null
                ? checkpoint.heartbeatAt()
                : heartbeatMillis == null ? Long.MAX_VALUE : System.currentTimeMillis() + heartbeatMillis;
        if (token == null) {
            token = run.service.issueTaskToken(run.arn());
        }
        context.putObject("Task").put("Token", token);
        JsonNode parameters = Interpreter.parameters(state, effective, context);
        String resource = "invoke.waitForTaskToken";
        try {
            if (!invoked) {
                checkpoint.awaitToken(token, false, timeoutAt, heartbeatAt);
                run.save(scope, checkpoint);
                run.event(
                        scope,
                        "TaskScheduled",
                        "taskScheduledEventDetails",
                        taskDetails(resource)
                                .put("region", run.service.region())
                                .put("parameters", parameters.toString()));
                run.event(scope, "TaskStarted", "taskStartedEventDetails", taskDetails(resource));
                JsonNode response = invokeResponse(invoke(scope, parameters, timeoutAt));
                run.event(
                        scope,
                        "TaskSubmitted",
                        "taskSubmittedEventDetails",
                        taskDetails(resource).put("output", response.toString()));
                checkpoint.awaitToken(token, true, timeoutAt, heartbeatAt);
                run.save(scope, checkpoint);
            }
            TaskCallback answer = awaitAnswer(scope, token, timeoutAt, heartbeatAt, heartbeatMillis);
            if (answer.kind() == TaskCallback.Kind.FAILURE) {
                throw new StateError(
                        answer.error() == null ? "" : answer.error(), answer.cause() == null ? "" : answer.cause());
            }
            JsonNode result = Run.parse(answer.output());
            run.event(
                    scope,
                    "TaskSucceeded",
                    "taskSucceededEventDetails",
                    taskDetails(resource).put("output", answer.output()));
            return result;
        } catch (StateError e) {
            run.service.retireTaskToken(token);
            taskFailed(scope, resource, e);
            throw e;
        } finally {
            run.forget(token);
        }
    }

    private static TaskCallback awaitAnswer(
            Scope scope, String token, long timeoutAt, long heartbeatAt, Long heartbeatMillis) {
        Run run = scope.run();
        TaskCallback[] answer = {run.service.taskResult(token).orElse(null)};
        long[] heartbeat = {heartbeatAt};
        while (answer[0] == null) {
            boolean ready = run.await(
                    () -> {
                        for (TaskCallback c = run.poll(token); c != null; c = run.poll(token)) {
                            if (c.isResult()) {
                                answer[0] = c;
                                return true;
                            }
                            if (heartbeatMillis != null) {
                                heartbeat[0] = System.currentTimeMillis() + heartbeatMillis;
                            }
                        }
                        return false;
                    },
                    Math.min(timeoutAt, heartbeat[0]),
                    scope);
            if (!ready) {
                long now = System.currentTimeMillis();
                if (now >= timeoutAt) {
                    throw new StateError(StateError.TIMEOUT, "The task did not answer within its TimeoutSeconds");
                }
                if (now >= heartbeat[0]) {
                    throw new StateError(StateError.HEARTBEAT_TIMEOUT, "No heartbeat within HeartbeatSeconds");
                }
            }
        }
        return answer[0];
    }

    private String invoke(Scope scope, JsonNode parameters, long deadline) {
        JsonNode function = parameters.get("FunctionName");
        if (function == null || !function.isTextual()) {
            throw StateError.runtime("lambda:invoke needs Parameters.FunctionName");
        }
        JsonNode payload = parameters.get("Payload");
        return call(scope, function.asText(), payload == null ? "{}" : payload.toString(), deadline);
    }

    /** Calls the function on the pool so StopExecution and timeouts need not wait for it. */
    private String call(Scope scope, String function, String payload, long deadline) {
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> invoker.invoke(function, payload), pool);
        if (!scope.run().await(call, deadline, scope)) {
            throw new StateError(StateError.TIMEOUT, "Function " + function + " did not finish within TimeoutSeconds");
        }
        try {
            return call.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof LambdaFunctionException failure) {
                throw new StateError(failure.errorType(), failure.toCauseJson());
            }
            throw new StateError(StateError.LAMBDA_SERVICE_EXCEPTION, String.valueOf(cause));
        }
    }

    /** Lambda's Invoke response, as the lambda:invoke integration returns it. */
    private static JsonNode invokeResponse(String output) {
        ObjectNode response = PathEvaluator.JSON.createObjectNode().put("ExecutedVersion", "$LATEST");
        response.set("Payload", output == null || output.isBlank() ? PathEvaluator.JSON.nullNode() : payload(output));
        String requestId = UUID.randomUUID().toString();
        ObjectNode http = response.putObject("SdkHttpMetadata");
        http.putObject("HttpHeaders")
                .put("Content-Type", "application/json")
                .put("X-Amz-Executed-Version", "$LATEST")
                .put("x-amzn-RequestId", requestId);
        http.put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        response.put("StatusCode", 200);
        return response;
    }

    /** A function's output is JSON; anything else is kept as a string. */
    private static JsonNode payload(String output) {
        try {
            return PathEvaluator.JSON.readTree(output);
        } catch (IOException e) {
            return PathEvaluator.JSON.getNodeFactory().textNode(output);
        }
    }

    private static void taskFailed(Scope scope, String resource, StateError e) {
        boolean timedOut = StateError.TIMEOUT.equals(e.error()) || StateError.HEARTBEAT_TIMEOUT.equals(e.error());
        ObjectNode details = taskDetails(resource).put("error", e.error()).put("cause", e.cause());
        scope.run()
                .event(
                        scope,
                        timedOut ? "TaskTimedOut" : "TaskFailed",
                        timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
                        details);
    }

    private static ObjectNode taskDetails(String resource) {
        return PathEvaluator.JSON
                .createObjectNode()
                .put("resourceType", "lambda")
                .put("resource", resource);
    }

    /** TimeoutSeconds / HeartbeatSeconds (or their ...Path on the raw state input) in milliseconds, or null. */
    private static Long seconds(JsonNode state, String field, JsonNode input, JsonNode context) {
        JsonNode value = state.has(field)
                ? state.get(field)
                : state.has(field + "Path")
                        ? PathEvaluator.read(state.get(field + "Path").asText(), input, context)
                        : null;
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() <= 0) {
            throw StateError.runtime(field + " must be a positive number, got " + value);
        }
        return Math.round(value.asDouble() * 1000);
    }
}
