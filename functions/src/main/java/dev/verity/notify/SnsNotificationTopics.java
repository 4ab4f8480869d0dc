package dev.verity.notify;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

/** {@link NotificationTopics} on Amazon SNS: topics encrypted with the account's SNS key, e-mail subscriptions. */
public final class SnsNotificationTopics implements NotificationTopics {

    /** SNS's limit on a subject, which must also be printable ASCII on one line. */
    static final int MAX_SUBJECT = 100;

    private final Supplier<SnsClient> sns;

    public SnsNotificationTopics(Supplier<SnsClient> sns) {
        this.sns = sns;
    }

    @Override
    public String create(String name) {
        // CreateTopic is idempotent for the same name and attributes.
        return sns.get()
                .createTopic(b -> b.name(name).attributes(Map.of("KmsMasterKeyId", "alias/aws/sns")))
                .topicArn();
    }

    @Override
    public void delete(String topicArn) {
        try {
            sns.get().deleteTopic(b -> b.topicArn(topicArn));
        } catch (NotFoundException e) {
            // gone already
        }
    }

    @Override
    public void subscribe(String topicArn, String email) {
        // SNS answers a repeated subscription of the same endpoint with the one it has.
        sns.get().subscribe(b -> b.topicArn(topicArn).protocol("email").endpoint(email));
    }

    @Override
    public void unsubscribe(String topicArn, String email) {
        try {
            sns.get().listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn)).subscriptions().stream()
                    .filter(s -> "email".equals(s.protocol()) && email.equals(s.endpoint()))
                    .map(Subscription::subscriptionArn)
                    // a subscription not yet confirmed has no ARN to end; it lapses by itself after three days
                    .filter(arn -> arn.startsWith("arn:"))
                    .forEach(arn -> sns.get().unsubscribe(b -> b.subscriptionArn(arn)));
        } catch (NotFoundException e) {
            // no topic, no subscription
        }
    }

    @Override
    public void publish(String topicArn, String subject, String message) {
        sns.get().publish(b -> b.topicArn(topicArn).subject(subject(subject)).message(message));
    }

    /** The subject as SNS accepts it: printable ASCII on one line, at most {@value #MAX_SUBJECT} characters. */
    static String subject(String subject) {
        String ascii = subject.replaceAll("\\s+", " ")
                .replaceAll("[^\\x20-\\x7E]", "?")
                .strip();
        return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
