package dev.verity.fakes;

import dev.verity.notify.NotificationTopics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link NotificationTopics} in memory: topics with their subscribed addresses, and every notice published. */
public final class InMemoryNotificationTopics implements NotificationTopics {

    /** One published notice. */
    public record Notice(String topicArn, String subject, String message) {}

    private static final String ARN_PREFIX = "arn:aws:sns:us-east-1:000000000000:";

    private final Map<String, Set<String>> subscribers = new LinkedHashMap<>();
    private final List<Notice> published = new ArrayList<>();

    @Override
    public synchronized String create(String name) {
        subscribers.putIfAbsent(ARN_PREFIX + name, new LinkedHashSet<>());
        return ARN_PREFIX + name;
    }

    @Override
    public synchronized void delete(String topicArn) {
        subscribers.remove(topicArn);
    }

    @Override
    public synchronized void subscribe(String topicArn, String email) {
        topic(topicArn).add(email);
    }

    @Override
    public synchronized void unsubscribe(String topicArn, String email) {
        topic(topicArn).remove(email);
    }

    @Override
    public synchronized void publish(String topicArn, String subject, String message) {
        topic(topicArn);
        published.add(new Notice(topicArn, subject, message));
    }

    public synchronized Set<String> topics() {
        return Set.copyOf(subscribers.keySet());
    }

    public synchronized List<String> subscribers(String topicArn) {
        return List.copyOf(topic(topicArn));
    }

    public synchronized List<Notice> published() {
        return List.copyOf(published);
    }

    private Set<String> topic(String topicArn) {
        Set<String> topic = subscribers.get(topicArn);
        if (topic == null) {
            throw new IllegalArgumentException("no topic " + topicArn); // SNS's NotFound
        }
        return topic;
    }
}
