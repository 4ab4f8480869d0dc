package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.DatasetService;
import java.io.IOException;

/**
 * Workflow step SelectObjects: {"jobName"} → {"selectedObjects", "chunkCount", "autoLabel", "chunks": [0, 1, …]}
 * (the chunk indexes the Map states iterate over; autoLabel chooses the workflow's path).
 */
public final class SelectObjectsHandler extends JsonHandler {

    public SelectObjectsHandler() {}

    public SelectObjectsHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        DatasetService.Selected selected =
                services().datasets.select(event.path("jobName").asText());
        ObjectNode out = Json.MAPPER.valueToTree(selected);
        var chunks = out.putArray("chunks");
        for (int i = 0; i < selected.chunkCount(); i++) {
            chunks.add(i);
        }
        return out;
    }
}
