package dev.verity.emulators.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One published message on its way to a topic's subscribers.
 *
 * @param message       the Message, or with {@code MessageStructure=json} its {@code default} entry
 * @param perProtocol   with {@code MessageStructure=json}, the other entries (protocol → message); else empty
 * @param subject       the Subject, or null
 * @param attributes    the MessageAttributes by name
 */
record Notification(
        String messageId,
        String topicArn,
        String subject,
        String message,
        Map<String, String> perProtocol,
        Instant timestamp,
        Map<String, MessageAttribute> attributes,
        String messageGroupId,
        String deduplicationId) {
    /** Base64 of "not signed by AWS": the local emulator has no AWS key to sign notifications with. */
    static final String SIGNATURE =
            Base64.getEncoder().encodeToString("not signed by AWS".getBytes(StandardCharsets.UTF_8));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A message attribute as published: String, String.Array, Number or Binary (base64 text), maybe with a label. */
    record MessageAttribute(String dataType, String stringValue, String binaryValue) {}

    Notification {
        perProtocol = Collections.unmodifiableMap(new LinkedHashMap<>(perProtocol));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** What a subscriber of {@code protocol} gets as the message. */
    String messageFor(String protocol) {
        return perProtocol.getOrDefault(protocol, message);
    }

    /**
     * The JSON document SNS delivers to {@code email-json} and (without raw delivery) {@code sqs} subscribers, its
     * members in SNS's order; {@code Subject} and {@code MessageAttributes} only when there are some.
     */
    String envelope(String protocol, String unsubscribeUrl, String signingCertUrl) {
        ObjectNode node = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", messageId)
                .put("TopicArn", topicArn);
        if (subject != null) {
            node.put("Subject", subject);
        }
        node.put("Message", messageFor(protocol))
                .put("Timestamp", TIMESTAMP.format(timestamp))
                .put("SignatureVersion", "1")
                .put("Signature", SIGNATURE)
                .put("SigningCertURL", signingCertUrl)
                .put("UnsubscribeURL", unsubscribeUrl);
        if (!attributes.isEmpty()) {
            ObjectNode out = node.putObject("MessageAttributes");
            attributes.forEach((name, value) -> out.putObject(name)
                    .put("Type", value.dataType())
                    .put("Value", value.binaryValue() != null ? value.binaryValue() : value.stringValue()));
        }
        return node.toString();
    }
}
