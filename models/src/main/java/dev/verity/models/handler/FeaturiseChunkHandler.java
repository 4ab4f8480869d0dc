package dev.verity.models.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.handler.JsonHandler;
import dev.verity.handler.Services;
import dev.verity.models.BuiltInModels;
import java.io.IOException;

/**
 * Workflow step Featurise (automated labeling, one Map iteration): {"jobName", "chunk"} → {"chunk", "featuriser",
 * "featurised", "unreadableObjects", "unreadable": [the first few, with reasons]}.
 */
public final class FeaturiseChunkHandler extends JsonHandler {

    private static final BuiltInModels MODELS = new BuiltInModels();

    public FeaturiseChunkHandler() {}

    public FeaturiseChunkHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        return services()
                .models
                .featurise(event.path("jobName").asText(), event.path("chunk").asInt(), MODELS);
    }
}
