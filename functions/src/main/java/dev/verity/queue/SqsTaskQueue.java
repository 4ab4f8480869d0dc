package dev.verity.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * {@link TaskQueue} on Amazon SQS: one standard queue per job, named prefix + lower-case job name. The queues have no
 * dead-letter queue: every receive counts towards a redrive's maxReceiveCount, and a task that workers poll but cannot
 * take (they hold or answered its object) is received and given back many times without anything being wrong with
 * it, so a redrive would lose the last tasks of a job. A task message is Verity's own and never poisoned: claiming
 * either takes it, deletes it (stale or done) or gives it back.
 */
public final class SqsTaskQueue implements TaskQueue {

    private final Supplier<SqsClient> sqs;
    private final SqsQueueUrls queues;

    public SqsTaskQueue(Supplier<SqsClient> sqs, String queuePrefix) {
        this.sqs = sqs;
        this.queues = new SqsQueueUrls(sqs, queuePrefix);
    }

    @Override
    public void create(String jobName) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(MAX_RETENTION_SECONDS));
        attributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true");
        String url = sqs.get()
                .createQueue(b -> b.queueName(queues.name(jobName)).attributes(attributes))
                .queueUrl();
        queues.remember(jobName, url);
    }

    @Override
    public void send(String jobName, List<TaskMessage> tasks) {
        String url = queues.url(jobName);
        for (int from = 0; from < tasks.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, tasks.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(Json.write(toJson(tasks.get(i))))
                        .build());
            }
            SendMessageBatchResponse response =
                    sqs.get().sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException(
                        "SQS refused " + response.failed().size() + " task messages: "
                                + response.failed().get(0).message());
            }
        }
    }

    @Override
    public List<ReceivedTask> receive(String jobName, int max, int visibilitySeconds) {
        List<Message> messages;
        try {
            messages = sqs.get()
                    .receiveMessage(b -> b.queueUrl(queues.url(jobName))
                            .maxNumberOfMessages(Math.min(max, 10))
                            .visibilityTimeout(visibilitySeconds)
                            .waitTimeSeconds(0))
                    .messages();
        } catch (QueueDoesNotExistException e) {
            return List.of();
        }
        return messages.stream()
                .map(m -> new ReceivedTask(fromJson(Json.parse(m.body())), m.receiptHandle()))
                .toList();
    }

    @Override
    public void delete(String jobName, String receiptHandle) {
        try {
            sqs.get().deleteMessage(b -> b.queueUrl(queues.url(jobName)).receiptHandle(receiptHandle));
        } catch (ReceiptHandleIsInvalidException | QueueDoesNotExistException e) {
            // the message was deleted before or its queue is gone: the goal is reached
        }
    }

    @Override
    public void release(String jobName, String receiptHandle) {
        try {
            sqs.get()
                    .changeMessageVisibility(b -> b.queueUrl(queues.url(jobName))
                            .receiptHandle(receiptHandle)
                            .visibilityTimeout(0));
        } catch (SqsException e) {
            // an expired receipt means the message is visible again already
        }
    }

    /** Ten receipts per ChangeMessageVisibilityBatch: a worker's "next" gives back what it looked at in one call. */
    @Override
    public void releaseAll(String jobName, List<String> receiptHandles) {
        if (receiptHandles.size() == 1) {
            release(jobName, receiptHandles.get(0));
            return;
        }
        for (int from = 0; from < receiptHandles.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, receiptHandles.size()); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(receiptHandles.get(i))
                        .visibilityTimeout(0)
                        .build());
            }
            try {
                // an entry that fails has an expired receipt: its message is visible again already
                sqs.get()
                        .changeMessageVisibilityBatch(
                                b -> b.queueUrl(queues.url(jobName)).entries(entries));
            } catch (QueueDoesNotExistException e) {
                return;
            }
        }
    }

    @Override
    public boolean drained(String jobName) {
        Map<QueueAttributeName, String> counts;
        try {
            counts = sqs.get()
                    .getQueueAttributes(b -> b.queueUrl(queues.url(jobName))
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .attributes();
        } catch (QueueDoesNotExistException e) {
            return false;
        }
        return counts.values().stream().mapToLong(Long::parseLong).sum() == 0;
    }

    @Override
    public void deleteQueue(String jobName) {
        try {
            sqs.get().deleteQueue(b -> b.queueUrl(queues.url(jobName)));
        } catch (QueueDoesNotExistException e) {
            // deleted before
        } finally {
            queues.forget(jobName);
        }
    }

    private static ObjectNode toJson(TaskMessage task) {
        ObjectNode body = Json.object()
                .put("jobName", task.jobName())
                .put("datasetObjectId", task.objectId())
                .put("batch", task.batch());
        body.set("dataObject", task.dataObject());
        if (task.taskInput() != null) {
            body.set("taskInput", task.taskInput());
        }
        return body;
    }

    private static TaskMessage fromJson(JsonNode body) {
        return new TaskMessage(
                body.path("jobName").asText(),
                body.path("datasetObjectId").asText(),
                (ObjectNode) body.get("dataObject"),
                body.get("taskInput"),
                body.path("batch").asInt(1));
    }
}
