package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;

/** Workflow step Consolidate (one Map iteration): {"jobName", "chunk"} → {"chunk", "labeled", "unlabeled", "machineLabeled", "failed"}. */
public final class ConsolidateChunkHandler extends JsonHandler {

    public ConsolidateChunkHandler() {}

    public ConsolidateChunkHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        return Json.MAPPER.valueToTree(services()
                .outputs
                .consolidate(event.path("jobName").asText(), event.path("chunk").asInt()));
    }
}
