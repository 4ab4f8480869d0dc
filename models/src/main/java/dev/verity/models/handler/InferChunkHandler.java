package dev.verity.models.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.handler.JsonHandler;
import dev.verity.handler.Services;
import dev.verity.models.BuiltInModels;
import java.io.IOException;

/**
 * Workflow step Infer (automated labeling, one Map iteration): {"jobName", "iteration", "chunk"} → {"chunk",
 * "predicted"}; the predictions go to {@code inference/iteration-<n>/}.
 */
public final class InferChunkHandler extends JsonHandler {

    private static final BuiltInModels MODELS = new BuiltInModels();

    public InferChunkHandler() {}

    public InferChunkHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        return services()
                .models
                .infer(
                        event.path("jobName").asText(),
                        event.path("iteration").asInt(),
                        event.path("chunk").asInt(),
                        MODELS);
    }
}
