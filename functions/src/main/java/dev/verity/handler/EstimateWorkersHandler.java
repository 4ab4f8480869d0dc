package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Workflow step EstimateWorkers, after the GatherAnswers Map and before the Consolidate Map: {"jobName"} →
 * {"workerModel": true|false}.
 */
public final class EstimateWorkersHandler extends JsonHandler {

    public EstimateWorkersHandler() {}

    public EstimateWorkersHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        return services().workerEstimation.estimate(event.path("jobName").asText());
    }
}
