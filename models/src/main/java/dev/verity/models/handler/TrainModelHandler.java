package dev.verity.models.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.handler.JsonHandler;
import dev.verity.handler.Services;
import dev.verity.models.BuiltInModels;
import java.io.IOException;

/**
 * Workflow step TrainModel (automated labeling): {"jobName", "iteration"} → what the round's model is (also stored as
 * {@code training/iteration-<n>/model.json}).
 */
public final class TrainModelHandler extends JsonHandler {

    private static final BuiltInModels MODELS = new BuiltInModels();

    public TrainModelHandler() {}

    public TrainModelHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        return services()
                .models
                .train(event.path("jobName").asText(), event.path("iteration").asInt(), MODELS);
    }
}
