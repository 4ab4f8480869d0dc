package dev.verity.emulators.sns;

import dev.verity.emulators.mail.MailSender;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Delivers notifications to subscribers, after Publish has answered (as SNS does), one at a time in publish order:
 * {@code email} as a mail with the Subject and the message from {@value #FROM_ADDRESS} (the topic's DisplayName as
 * the sender's name, else "AWS Notifications"); {@code email-json} as a mail whose body is the JSON envelope;
 * {@code sqs} as SendMessage of the envelope (or, with RawMessageDelivery, of the message and its attributes) to the
 * queue the endpoint ARN names. A delivery that fails is logged and dropped (SNS would retry and then drop it).
 */
final class SnsDelivery implements AutoCloseable {
    static final String FROM_ADDRESS = "no-reply@sns.amazonaws.com";
    static final String DEFAULT_FROM_NAME = "AWS Notifications";
    static final String DEFAULT_SUBJECT = "AWS Notification Message";
    private static final Logger LOG = LoggerFactory.getLogger(SnsDelivery.class);

    private final MailSender mail;
    private final SqsClient sqs;
    private final URI endpoint;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "verity-sns-delivery");
        t.setDaemon(true);
        return t;
    });

    /** {@code mail} and {@code sqs} may be null: then those protocols cannot be subscribed. */
    SnsDelivery(MailSender mail, SqsClient sqs, URI endpoint) {
        this.mail = mail;
        this.sqs = sqs;
        this.endpoint = endpoint;
    }

    boolean canMail() {
        return mail != null;
    }

    boolean canQueue() {
        return sqs != null;
    }

    void deliver(Topic topic, Subscription subscription, Notification notification) {
        executor.execute(() -> {
            try {
                switch (subscription.protocol()) {
                    case "email" -> email(topic, subscription, notification);
                    case "email-json" -> emailJson(topic, subscription, notification);
                    case "sqs" -> queue(subscription, notification);
                    default -> throw new IllegalStateException("no delivery for " + subscription.protocol());
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "SNS message {} could not be delivered to {} ({} {}): {}",
                        notification.messageId(),
                        subscription.arn(),
                        subscription.protocol(),
                        subscription.endpoint(),
                        e.toString());
            }
        });
    }

    private void email(Topic topic, Subscription subscription, Notification notification) {
        mail().send(
                        FROM_ADDRESS,
                        fromName(topic),
                        List.of(subscription.endpoint()),
                        notification.subject() == null ? DEFAULT_SUBJECT : notification.subject(),
                        notification.messageFor("email"));
    }

    private void emailJson(Topic topic, Subscription subscription, Notification notification) {
        mail().send(
                        FROM_ADDRESS,
                        fromName(topic),
                        List.of(subscription.endpoint()),
                        notification.subject() == null ? DEFAULT_SUBJECT : notification.subject(),
                        envelope(subscription, notification));
    }

    private MailSender mail() {
        if (mail == null) {
            throw new IllegalStateException("no mail sink");
        }
        return mail;
    }

    private static String fromName(Topic topic) {
        String displayName = topic.attributes().get("DisplayName");
        return displayName == null || displayName.isBlank() ? DEFAULT_FROM_NAME : displayName;
    }

    private void queue(Subscription subscription, Notification notification) {
        if (sqs == null) {
            throw new IllegalStateException("no SQS endpoint");
        }
        String[] arn = subscription.endpoint().split(":", 6);
        String queueName = arn[5];
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queueName).queueOwnerAWSAccountId(arn[4]))
                .queueUrl();
        SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(queueUrl);
        if (subscription.rawMessageDelivery()) {
            send.messageBody(notification.messageFor("sqs")).messageAttributes(sqsAttributes(notification));
        } else {
            send.messageBody(envelope(subscription, notification));
        }
        if (queueName.endsWith(".fifo")) {
            send.messageGroupId(notification.messageGroupId())
                    .messageDeduplicationId(
                            notification.deduplicationId() != null
                                    ? notification.deduplicationId()
                                    : sha256(notification.messageFor("sqs")));
        }
        sqs.sendMessage(send.build());
    }

    private static Map<String, MessageAttributeValue> sqsAttributes(Notification notification) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        notification.attributes().forEach((name, value) -> {
            MessageAttributeValue.Builder attribute =
                    MessageAttributeValue.builder().dataType(value.dataType());
            if (value.binaryValue() != null) {
                attribute.binaryValue(
                        SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(value.binaryValue())));
            } else {
                attribute.stringValue(value.stringValue());
            }
            attributes.put(name, attribute.build());
        });
        return attributes;
    }

    private String envelope(Subscription subscription, Notification notification) {
        return notification.envelope(
                subscription.protocol(),
                unsubscribeUrl(subscription),
                endpoint + "/SimpleNotificationService-verity-local.pem");
    }

    /** Like SNS's, a GET of it unsubscribes; it needs no credentials. */
    String unsubscribeUrl(Subscription subscription) {
        return endpoint + "/?Action=Unsubscribe&SubscriptionArn="
                + URLEncoder.encode(subscription.arn(), StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets queued deliveries finish (for at most 10 s), then closes the SQS client. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
