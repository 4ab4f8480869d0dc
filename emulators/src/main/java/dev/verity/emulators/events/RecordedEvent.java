package dev.verity.emulators.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One event a PutEvents call put on the bus, as EventBridge would deliver it to a rule's target.
 *
 * @param detail the entry's {@code Detail}, parsed
 */
public record RecordedEvent(
        String id,
        Instant time,
        String eventBusName,
        String source,
        String detailType,
        JsonNode detail,
        List<String> resources,
        String account,
        String region) {}
