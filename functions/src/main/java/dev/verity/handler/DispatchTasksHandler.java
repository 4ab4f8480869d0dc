package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;

/**
 * Workflow step DispatchTasks (invoked with .waitForTaskToken): {"jobName", "taskToken", "batch"} → {}, batch 0 for a
 * human-only job. The execution waits until the submit path or a stop sends the token back.
 */
public final class DispatchTasksHandler extends JsonHandler {

    public DispatchTasksHandler() {}

    public DispatchTasksHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        String token = event.path("taskToken").asText(null);
        if (token == null) {
            throw new IllegalArgumentException("DispatchTasks needs a taskToken (invoke it with .waitForTaskToken)");
        }
        services()
                .tasks
                .dispatch(
                        event.path("jobName").asText(),
                        token,
                        event.path("batch").asInt(0));
        return Json.object();
    }
}
