package dev.verity.emulators.s3events;

import java.util.Objects;
import java.util.Set;

/**
 * One of a bucket's {@code QueueConfiguration}s: which events on which keys S3 reports to which queue.
 *
 * <p>{@code eventPrefixes} are S3 event types as in a notification configuration: exact ({@code s3:ObjectCreated:Put})
 * or wildcard ({@code s3:ObjectCreated:*}). {@code prefix} and {@code suffix} are the {@code FilterRules} (null or
 * empty: no filter); like S3 they are compared with the URL-encoded key, so a space in a filter value is written
 * {@code +}.
 *
 * @param id            the configuration id, reported as {@code s3.configurationId}
 * @param queueUrl      where the notification is sent
 */
public record NotificationRule(
        String id, String bucket, String prefix, String suffix, Set<String> eventPrefixes, String queueUrl) {

    public NotificationRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(queueUrl, "queueUrl");
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        eventPrefixes = Set.copyOf(eventPrefixes);
        if (eventPrefixes.isEmpty()) {
            throw new IllegalArgumentException("a notification rule needs at least one event type");
        }
    }

    /**
     * Whether S3 reports this event under this rule.
     *
     * @param eventName  as in the message, without {@code s3:} (e.g. {@code ObjectCreated:Put})
     * @param encodedKey the key as the message carries it ({@link S3Event#encodeKey(String)})
     */
    public boolean matches(String bucket, String encodedKey, String eventName) {
        return this.bucket.equals(bucket)
                && encodedKey.startsWith(prefix)
                && encodedKey.endsWith(suffix)
                && selects("s3:" + eventName);
    }

    private boolean selects(String eventType) {
        for (String selected : eventPrefixes) {
            boolean matches = selected.endsWith("*")
                    ? eventType.startsWith(selected.substring(0, selected.length() - 1))
                    : eventType.equals(selected);
            if (matches) {
                return true;
            }
        }
        return false;
    }
}
