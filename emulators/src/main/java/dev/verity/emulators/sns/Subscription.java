package dev.verity.emulators.sns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A confirmed subscription of a topic: {@code email}, {@code email-json} or {@code sqs} with its endpoint (an
 * address or a queue ARN) and the attributes given to Subscribe.
 */
public record Subscription(
        String arn, String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    public Subscription {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    boolean rawMessageDelivery() {
        return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }
}
