package dev.verity.local.samples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A sample pre-annotation Lambda for custom task types, with Ground Truth's contract: the task input is the manifest
 * line itself; a line with {@code "skip": true} needs no human.
 */
public final class PassThroughPreAnnotation implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode dataObject = Json.MAPPER.readTree(input).path("dataObject");
        ObjectNode response = Json.object();
        response.set("taskInput", dataObject);
        response.put("isHumanAnnotationRequired", !dataObject.path("skip").asBoolean(false));
        Json.MAPPER.writeValue(output, response);
    }
}
