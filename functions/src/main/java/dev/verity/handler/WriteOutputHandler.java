package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import dev.verity.labeling.OutputService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow step WriteOutput: {"jobName", "results": [Consolidate outputs]} → {"status", "labeled", "outputManifest"}.
 * A streaming job's steps WriteStreamRound ({"jobName", "results", "streamRound"} → {"round", "labeled",
 * "outputManifest"}) and EndStream ({"jobName", "streamEnd": true}, answered as WriteOutput).
 */
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
        String jobName = event.path("jobName").asText();
        if (event.path("streamEnd").asBoolean(false)) {
            return services().streamOutput.end(jobName);
        }
        if (event.has("streamRound")) {
            return services()
                    .streamOutput
                    .writeRound(jobName, event.path("streamRound").asInt(), results);
        }
        return services().outputs.writeOutput(jobName, results);
    }
}
