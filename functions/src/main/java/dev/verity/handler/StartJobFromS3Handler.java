package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts jobs from {@code jobs/<name>.json} uploads: an SQS batch of S3 event notifications in, an SQS
 * partial-batch response out (only messages that failed for a transient reason are retried).
 */
public final class StartJobFromS3Handler extends JsonHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StartJobFromS3Handler.class);

    public StartJobFromS3Handler() {}

    public StartJobFromS3Handler(Services services) {
        super(services);
    }

    /** S3's test event, as SQS delivers it: parsed like an upload's, it names no object to read. */
    @Override
    protected Optional<JsonNode> primingEvent() {
        ObjectNode event = Json.object();
        event.putArray("Records")
                .addObject()
                .put("messageId", "snapstart-priming")
                .put("body", Json.object().put("Event", "s3:TestEvent").toString());
        return Optional.of(event);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        ObjectNode response = Json.object();
        var failures = response.putArray("batchItemFailures");
        for (JsonNode message : event.path("Records")) {
            try {
                JsonNode notification = Json.parse(message.path("body").asText());
                for (JsonNode record : notification.path("Records")) { // s3:TestEvent has none
                    if (record.path("eventName").asText().startsWith("ObjectCreated")) {
                        String bucket =
                                record.path("s3").path("bucket").path("name").asText();
                        String key = URLDecoder.decode(
                                record.path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
                        services().intake.startFromUpload(new S3Uri(bucket, key), accountId(context));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "job request message {} failed, left for a retry",
                        message.path("messageId").asText(),
                        e);
                failures.addObject()
                        .put("itemIdentifier", message.path("messageId").asText());
            }
        }
        return response;
    }
}
