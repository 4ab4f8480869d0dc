package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import dev.verity.labeling.DatasetService;
import java.io.IOException;

/** Workflow step PrepareDataset: {"jobName"} → {"datasetObjects", "rejectedLines", "chunkCount"}. */
public final class PrepareDatasetHandler extends JsonHandler {

    public PrepareDatasetHandler() {}

    public PrepareDatasetHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        DatasetService.Prepared prepared =
                services().datasets.prepare(event.path("jobName").asText());
        return Json.MAPPER.valueToTree(prepared);
    }
}
