package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import dev.verity.labeling.ActiveLearningService;
import java.io.IOException;

/**
 * Workflow steps StartActiveLearning and SelectBatch (automated labeling): {"jobName", "iteration"} →
 * {"iteration", "humanObjects", "done"}, the next human batch. Iteration 0 chooses the first batch (validation set
 * and first training batch); iteration n ends round n (machine labels, least sure objects to humans).
 */
public final class SelectBatchHandler extends JsonHandler {

    public SelectBatchHandler() {}

    public SelectBatchHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        String job = event.path("jobName").asText();
        int iteration = event.path("iteration").asInt();
        ActiveLearningService activeLearning = services().activeLearning;
        return Json.MAPPER.valueToTree(
                iteration == 0 ? activeLearning.start(job) : activeLearning.selectBatch(job, iteration));
    }
}
