package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import dev.verity.labeling.OutputService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Workflow step WriteOutput: {"jobName", "results": [Consolidate outputs]} → {"status", "labeled", "outputManifest"}. */
public final class WriteOutputHandler extends JsonHandler {

    public WriteOutputHandler() {}

    public WriteOutputHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        List<OutputService.ChunkResult> results = new ArrayList<>();
        for (JsonNode result : event.path("results")) {
            results.add(Json.MAPPER.treeToValue(result, OutputService.ChunkResult.class));
        }
        return services().outputs.writeOutput(event.path("jobName").asText(), results);
    }
}
