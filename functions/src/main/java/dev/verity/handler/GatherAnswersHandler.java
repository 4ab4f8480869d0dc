package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Workflow step GatherAnswers (one Map iteration, after the human work and before EstimateWorkers): {"jobName",
 * "chunk"} → {"chunk", "answers"}.
 */
public final class GatherAnswersHandler extends JsonHandler {

    public GatherAnswersHandler() {}

    public GatherAnswersHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        return services()
                .workerEstimation
                .gather(event.path("jobName").asText(), event.path("chunk").asInt());
    }
}
