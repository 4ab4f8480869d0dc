package dev.verity.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@link StreamQueue} on Amazon SQS and SNS: one standard queue per job, named prefix + lower-case job name, that only
 * the job's input topic may send to (its policy), subscribed with the SNS envelope kept, so that each message carries
 * the SNS message id that de-duplicates it by default.
 */
public final class SqsStreamQueue implements StreamQueue {

    /** Ground Truth's: an object not taken in within 14 days expires. */
    static final int RETENTION_SECONDS = 14 * 24 * 3600;
    /** Longer than an intake takes, so a message being taken in is not received twice meanwhile. */
    static final int VISIBILITY_SECONDS = 300;

    private final Supplier<SqsClient> sqs;
    private final Supplier<SnsClient> sns;
    private final SqsQueueUrls queues;

    public SqsStreamQueue(Supplier<SqsClient> sqs, Supplier<SnsClient> sns, String queuePrefix) {
        this.sqs = sqs;
        this.sns = sns;
        this.queues = new SqsQueueUrls(sqs, queuePrefix);
    }

    @Override
    public String open(String jobName, String topicArn) {
        String url = sqs.get()
                .createQueue(b -> b.queueName(queues.name(jobName))
                        .attributes(Map.of(
                                QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(RETENTION_SECONDS),
                                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(VISIBILITY_SECONDS),
                                QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true")))
                .queueUrl();
        queues.remember(jobName, url);
        String queueArn = sqs.get()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sqs.get()
                .setQueueAttributes(b -> b.queueUrl(url)
                        .attributes(Map.of(QueueAttributeName.POLICY, Json.write(policy(queueArn, topicArn)))));
        try {
            return sns.get()
                    .subscribe(b -> b.topicArn(topicArn)
                            .protocol("sqs")
                            .endpoint(queueArn)
                            .returnSubscriptionArn(true))
                    .subscriptionArn();
        } catch (SnsException e) {
            // the job fails with this as its reason: name the topic, which SNS's message does not
            throw new IllegalStateException(
                    "the input topic " + topicArn + " cannot be subscribed to: "
                            + (e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage()),
                    e);
        }
    }

    /** Only the input topic may send to the queue. */
    private static ObjectNode policy(String queueArn, String topicArn) {
        ObjectNode policy = Json.object().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Sid", "InputTopic").put("Effect", "Allow").put("Action", "sqs:SendMessage");
        statement.putObject("Principal").put("Service", "sns.amazonaws.com");
        statement.put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", topicArn);
        return policy;
    }

    @Override
    public List<Message> receive(String jobName, int max, int waitSeconds) {
        try {
            return sqs
                    .get()
                    .receiveMessage(b -> b.queueUrl(queues.url(jobName))
                            .maxNumberOfMessages(Math.max(1, Math.min(max, 10)))
                            .waitTimeSeconds(waitSeconds))
                    .messages()
                    .stream()
                    .map(m -> new Message(m.messageId(), m.body(), m.receiptHandle()))
                    .toList();
        } catch (QueueDoesNotExistException e) {
            return List.of();
        }
    }

    @Override
    public void delete(String jobName, List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, messages.size()); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receipt())
                        .build());
            }
            sqs.get().deleteMessageBatch(b -> b.queueUrl(queues.url(jobName)).entries(entries));
        }
    }

    @Override
    public void close(String subscriptionArn) {
        try {
            sns.get().unsubscribe(b -> b.subscriptionArn(subscriptionArn));
        } catch (NotFoundException e) {
            // unsubscribed already (a retried step)
        }
    }
}
