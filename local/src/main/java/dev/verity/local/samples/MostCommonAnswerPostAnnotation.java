package dev.verity.local.samples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sample post-annotation (consolidation) Lambda for custom task types, with Ground Truth's contract: reads the
 * batch file named by {@code payload.s3Uri} and answers, per object, the answer most workers gave (first given wins
 * a tie) with the share of workers who gave it.
 */
public final class MostCommonAnswerPostAnnotation implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode request = Json.MAPPER.readTree(input);
        String attribute = request.path("labelAttributeName").asText();
        S3Uri batchFile = S3Uri.parse(request.at("/payload/s3Uri").asText());
        JsonNode batch;
        try (InputStream in = new AwsClients(Environment.current())
                .s3()
                .getObject(b -> b.bucket(batchFile.bucket()).key(batchFile.key()))) {
            batch = Json.MAPPER.readTree(in);
        }
        ArrayNode response = Json.array();
        for (JsonNode object : batch) {
            Map<JsonNode, Integer> votes = new LinkedHashMap<>();
            for (JsonNode annotation : object.path("annotations")) {
                votes.merge(Json.parse(annotation.at("/annotationData/content").asText()), 1, Integer::sum);
            }
            Map.Entry<JsonNode, Integer> winner = votes.entrySet().stream()
                    .reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                    .orElseThrow();
            int answers = object.path("annotations").size();
            ObjectNode label = Json.object();
            label.set("answer", winner.getKey());
            label.put(
                    "confidence",
                    answers < 2
                            ? BigDecimal.ZERO
                            : BigDecimal.valueOf(winner.getValue())
                                    .divide(BigDecimal.valueOf(answers), 2, RoundingMode.HALF_UP));
            ObjectNode entry = response.addObject()
                    .put("datasetObjectId", object.path("datasetObjectId").asText());
            entry.putObject("consolidatedAnnotation").putObject("content").set(attribute, label);
        }
        Json.MAPPER.writeValue(output, response);
    }
}
