package dev.verity.notify;

/**
 * Topics that e-mail their subscribers (in AWS, Amazon SNS topics with e-mail subscriptions; locally the runtime's SNS
 * stand-in, which delivers to its mail sink).
 */
public interface NotificationTopics {

    /** The ARN of the topic of that name, created if there is none. */
    String create(String name);

    /** Deletes the topic and its subscriptions; nothing if it is gone already. */
    void delete(String topicArn);

    /** Subscribes the address to the topic; subscribing it twice leaves one subscription. */
    void subscribe(String topicArn, String email);

    /** Ends the address's subscriptions to the topic, if any. */
    void unsubscribe(String topicArn, String email);

    void publish(String topicArn, String subject, String message);
}
