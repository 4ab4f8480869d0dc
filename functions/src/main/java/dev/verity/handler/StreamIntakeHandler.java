package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.StreamingService;
import java.io.IOException;

/**
 * A streaming job's workflow steps OpenStream ({"jobName", "open": true}) and StreamIntake ({"jobName", "round",
 * "intakes", "generation"}), both answering the stream's state for the next steps: {"round", "nextRound", "batch",
 * "chunks": [chunk], "objects", "open", "continued", "intakes", "generation", "waitSeconds"}; and CloseStream
 * ({"jobName", "close": true}, after a failure), which answers {"closed": true}.
 */
public final class StreamIntakeHandler extends JsonHandler {

    public StreamIntakeHandler() {}

    public StreamIntakeHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) throws IOException {
        StreamingService streaming = services().streaming;
        String jobName = event.path("jobName").asText();
        StreamingService.Intake intake;
        if (event.path("close").asBoolean(false)) {
            streaming.close(jobName);
            return Json.object().put("closed", true);
        }
        if (event.path("open").asBoolean(false)) {
            streaming.open(jobName);
            // the initial manifest's batch is round 0; the first intake takes round 1
            intake = new StreamingService.Intake(0, 1, 1, 0, 0, true, false, 0, 0);
        } else {
            intake = streaming.intake(
                    jobName,
                    event.path("round").asInt(1),
                    event.path("intakes").asInt(0),
                    event.path("generation").asInt(0));
        }
        ObjectNode out = Json.object()
                .put("round", intake.round())
                .put("nextRound", intake.nextRound())
                .put("batch", intake.batch())
                .put("objects", intake.objects())
                .put("open", intake.open())
                .put("continued", intake.continued())
                .put("intakes", intake.intakes())
                .put("generation", intake.generation())
                .put("waitSeconds", streaming.pollSeconds());
        out.putArray("chunks").add(intake.chunk());
        return out;
    }
}
