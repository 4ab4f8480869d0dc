package dev.verity.fakes;

import dev.verity.queue.StreamQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StreamQueue} in memory: what a test publishes waits in the job's queue; a received message is in flight
 * until deleted (it never comes back by itself: a test that wants it again calls {@link #returnInFlight}).
 */
public final class InMemoryStreamQueue implements StreamQueue {

    private final Map<String, Deque<Message>> waiting = new HashMap<>();
    private final Map<String, List<Message>> inFlight = new HashMap<>();
    /** Subscription ARN → topic, while subscribed. */
    private final Map<String, String> subscriptions = new LinkedHashMap<>();

    private int receipts;

    @Override
    public synchronized String open(String jobName, String topicArn) {
        String arn = topicArn + ":" + jobName.toLowerCase();
        subscriptions.put(arn, topicArn);
        waiting.computeIfAbsent(jobName, j -> new ArrayDeque<>());
        return arn;
    }

    /** A message delivered to the job's queue: the topic's envelope, or with raw delivery the message itself. */
    public synchronized void deliver(String jobName, String body) {
        waiting.computeIfAbsent(jobName, j -> new ArrayDeque<>())
                .add(new Message("sqs-" + receipts, body, "receipt-" + receipts++));
    }

    @Override
    public synchronized List<Message> receive(String jobName, int max, int waitSeconds) {
        Deque<Message> queue = waiting.getOrDefault(jobName, new ArrayDeque<>());
        List<Message> received = new ArrayList<>();
        while (received.size() < Math.min(max, 10) && !queue.isEmpty()) {
            received.add(queue.poll());
        }
        inFlight.computeIfAbsent(jobName, j -> new ArrayList<>()).addAll(received);
        return received;
    }

    @Override
    public synchronized void delete(String jobName, List<Message> messages) {
        inFlight.getOrDefault(jobName, new ArrayList<>()).removeAll(messages);
    }

    @Override
    public synchronized void close(String subscriptionArn) {
        subscriptions.remove(subscriptionArn);
    }

    /** Messages received but not deleted go back to the queue (their visibility timeout ran out). */
    public synchronized void returnInFlight(String jobName) {
        List<Message> messages = inFlight.remove(jobName);
        if (messages != null) {
            waiting.computeIfAbsent(jobName, j -> new ArrayDeque<>()).addAll(messages);
        }
    }

    public synchronized int waiting(String jobName) {
        return waiting.getOrDefault(jobName, new ArrayDeque<>()).size();
    }

    public synchronized int inFlight(String jobName) {
        return inFlight.getOrDefault(jobName, List.of()).size();
    }

    public synchronized Map<String, String> subscriptions() {
        return Map.copyOf(subscriptions);
    }
}
