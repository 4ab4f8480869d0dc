package dev.verity.emulators.s3events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One S3 event and its notification message, in the layout of AWS's event message structure (version 2.1).
 *
 * @param eventName  without the {@code s3:} prefix, e.g. {@code ObjectCreated:Put}
 * @param key        the object key as stored (encoded only in the message)
 * @param size       null for removals, which carry no size or eTag
 * @param eTag       without quotes
 * @param sequencer  hexadecimal; later events on a key have greater values
 * @param requestId  the {@code x-amz-request-id} of the request that caused it
 * @param hostId     its {@code x-amz-id-2}
 */
record S3Event(
        String region,
        String eventName,
        Instant time,
        String bucket,
        String key,
        Long size,
        String eTag,
        String sequencer,
        String requestId,
        String hostId) {

    // Fixed identities: the emulator has no IAM users or canonical account ids to report.
    static final String PRINCIPAL_ID = "AWS:AIDAVERITYLOCALUSER";
    static final String OWNER_ID = "VERITYLOCALOWNER";
    static final String SOURCE_IP = "127.0.0.1";

    private static final ObjectMapper JSON = new ObjectMapper();
    // Not ISO_INSTANT: AWS always writes the milliseconds, even .000.
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The message S3 sends to the destination of the configuration {@code configurationId}. */
    String toJson(String configurationId) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode record = message.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", TIME.format(time));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", PRINCIPAL_ID);
        record.putObject("requestParameters").put("sourceIPAddress", SOURCE_IP);
        record.putObject("responseElements").put("x-amz-request-id", requestId).put("x-amz-id-2", hostId);
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", OWNER_ID);
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(key));
        if (size != null) {
            object.put("size", size);
            object.put("eTag", eTag);
        }
        object.put("sequencer", sequencer);
        return message.toString();
    }

    /** The {@code s3:TestEvent} S3 sends to each destination when a notification configuration is set. */
    static String testEventJson(String bucket, Instant time, String requestId, String hostId) {
        return JSON.createObjectNode()
                .put("Service", "Amazon S3")
                .put("Event", "s3:TestEvent")
                .put("Time", TIME.format(time))
                .put("Bucket", bucket)
                .put("RequestId", requestId)
                .put("HostId", hostId)
                .toString();
    }

    /**
     * The key as S3 writes it in messages: form-URL-encoded (space as {@code +}, UTF-8 percent-escapes) except that
     * {@code /} stays as it is.
     */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
