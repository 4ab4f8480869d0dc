package dev.verity.emulators.sns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic: its name, ARN, the attributes set on it (by CreateTopic or SetTopicAttributes; the computed ones are
 * added by GetTopicAttributes) and its tags.
 */
public record Topic(String name, String arn, Map<String, String> attributes, Map<String, String> tags) {
    public Topic {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    boolean isFifo() {
        return "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    }

    Topic withAttribute(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(attributes);
        changed.put(name, value);
        return new Topic(this.name, arn, changed, tags);
    }
}
