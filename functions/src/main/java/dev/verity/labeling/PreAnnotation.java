package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.lambda.FunctionFailedException;
import dev.verity.lambda.LambdaFunctions;
import java.nio.charset.StandardCharsets;

/**
 * Ground Truth's pre-annotation call for one data object of a custom job (reference §4.1): the request
 * {@code {"version":"2018-10-16","labelingJobArn":...,"dataObject":<manifest line>}}, the response
 * {@code {"taskInput":{...},"isHumanAnnotationRequired":true}}.
 */
final class PreAnnotation {

    static final String VERSION = "2018-10-16";
    /** A task message carries the task input beside the data object (at most 100 KB) within SQS's 256 KB. */
    static final int MAX_TASK_INPUT_BYTES = 100_000;

    /** @param taskInput null when no human annotation is required */
    record Outcome(JsonNode taskInput, boolean humanAnnotationRequired) {}

    private final LambdaFunctions functions;

    PreAnnotation(LambdaFunctions functions) {
        this.functions = functions;
    }

    /** @throws FunctionFailedException if the function failed or answered outside the contract */
    Outcome run(JobContext job, ObjectNode dataObject) {
        String arn = job.request().humanTaskConfig().preHumanTaskLambdaArn();
        ObjectNode request = Json.object()
                .put("version", VERSION)
                .put("labelingJobArn", job.record().arn());
        request.set("dataObject", dataObject);
        JsonNode response = functions.invoke(arn, request);
        if (!response.isObject()) {
            throw invalid(arn, "the response must be a JSON object, got " + response.getNodeType());
        }
        if (!humanAnnotationRequired(arn, response)) {
            return new Outcome(null, false);
        }
        JsonNode taskInput = response.get("taskInput");
        if (taskInput == null || taskInput.isNull()) {
            throw invalid(arn, "the response has no \"taskInput\"");
        }
        int bytes = Json.write(taskInput).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TASK_INPUT_BYTES) {
            throw invalid(
                    arn,
                    "\"taskInput\" is " + bytes + " bytes of JSON; at most " + MAX_TASK_INPUT_BYTES + " are accepted");
        }
        return new Outcome(taskInput, true);
    }

    /**
     * {@code isHumanAnnotationRequired}, or {@code humanAnnotationRequired} as one documented sample spells it; a
     * boolean or the strings "true"/"false"; true when absent.
     */
    private static boolean humanAnnotationRequired(String arn, JsonNode response) {
        JsonNode flag = response.has("isHumanAnnotationRequired")
                ? response.get("isHumanAnnotationRequired")
                : response.get("humanAnnotationRequired");
        if (flag == null || flag.isNull()) {
            return true;
        }
        if (flag.isBoolean()) {
            return flag.booleanValue();
        }
        if (flag.isTextual()
                && (flag.textValue().equalsIgnoreCase("true")
                        || flag.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(flag.textValue());
        }
        throw invalid(arn, "isHumanAnnotationRequired must be true or false, got " + flag);
    }

    private static FunctionFailedException invalid(String arn, String message) {
        return new FunctionFailedException(arn, "InvalidResponse", message, null);
    }
}
