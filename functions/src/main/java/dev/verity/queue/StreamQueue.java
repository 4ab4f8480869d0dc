package dev.verity.queue;

import java.util.List;

/**
 * A streaming job's intake queue (in AWS, an SQS queue subscribed to the job's input topic): the objects published to
 * the topic wait there until the job takes them in.
 */
public interface StreamQueue {

    /** A message as the queue holds it: the topic's envelope (or the raw message) and its receipt for deleting it. */
    record Message(String messageId, String body, String receipt) {}

    /**
     * Makes the job's queue (if it has none) and subscribes it to {@code topicArn}; a repeated call makes nothing new.
     *
     * @return the subscription's ARN
     */
    String open(String jobName, String topicArn);

    /** Up to {@code max} messages, waiting at most {@code waitSeconds} for the first; none if the queue is gone. */
    List<Message> receive(String jobName, int max, int waitSeconds);

    /** Deletes messages taken in (or refused) for good. */
    void delete(String jobName, List<Message> messages);

    /** Ends the subscription: the topic delivers no more; the queue stays, as Ground Truth's does. */
    void close(String subscriptionArn);
}
