package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Workflow step Calibrate (automated labeling): {"jobName", "iteration"} → the round's threshold and its accuracy
 * on the validation set (also stored as {@code activelearning/iteration-<n>/calibration.json}).
 */
public final class CalibrateHandler extends JsonHandler {

    public CalibrateHandler() {}

    public CalibrateHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        return services()
                .activeLearning
                .calibrate(
                        event.path("jobName").asText(), event.path("iteration").asInt());
    }
}
