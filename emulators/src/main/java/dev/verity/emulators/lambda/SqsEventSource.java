package dev.verity.emulators.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Lambda's event source mapping for an SQS queue: one background thread long-polls the queue, hands each batch to a
 * function as Lambda's SQS event ({@code {"Records":[...]}}) and deletes what the function processed: the whole
 * batch when it returns, or with {@code reportBatchItemFailures} all but the {@code batchItemFailures} it names.
 * When it fails, nothing is deleted; the messages return after the queue's visibility timeout and the queue's
 * redrive policy, if any, moves them to its dead-letter queue after {@code maxReceiveCount} receives.
 *
 * <p>Errors while polling are logged and retried after a pause; they never stop the source. {@link #close()} stops
 * it, letting a running invocation finish.
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Short long-polls keep close() quick; Lambda's own pollers wait 20 s.
    private static final int WAIT_TIME_SECONDS = 1;
    private static final long BACKOFF_MILLIS = 1_000;
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    // The order of the attributes in Lambda's events; others (FIFO, tracing) follow.
    private static final List<String> STANDARD_ATTRIBUTES =
            List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");

    private final SqsClient sqs;
    private final LambdaInvoker invoker;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final String function;
    private final boolean reportBatchItemFailures;
    private final ReceiveMessageRequest receive;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private SqsEventSource(Builder builder, String queueArn) {
        this.sqs = builder.sqs;
        this.invoker = builder.invoker;
        this.queueUrl = builder.queueUrl;
        this.queueArn = queueArn;
        this.region = queueArn.split(":")[3];
        this.function = builder.function;
        this.reportBatchItemFailures = builder.reportBatchItemFailures;
        this.receive = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(builder.batchSize)
                .waitTimeSeconds(WAIT_TIME_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .build();
        String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        this.thread = new Thread(this::run, "verity-sqs-event-source-" + queueName + "-" + function);
        thread.setDaemon(true);
    }

    /** Starts configuring a mapping that reads through {@code sqs} and invokes functions through {@code invoker}. */
    public static Builder builder(SqsClient sqs, LambdaInvoker invoker) {
        return new Builder(sqs, invoker);
    }

    /** The queue's ARN, as the events' {@code eventSourceARN} gives it. */
    public String queueArn() {
        return queueArn;
    }

    /** Stops polling; waits for a running invocation to finish (up to 10 s, then interrupts it). */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("{} still busy after {} ms; interrupting it", thread.getName(), CLOSE_WAIT_MILLIS);
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean stopping() {
        return stop.getCount() == 0;
    }

    private void run() {
        while (!stopping()) {
            try {
                List<Message> batch = sqs.receiveMessage(receive).messages();
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (Exception e) {
                if (stopping()) {
                    return;
                }
                LOG.warn(
                        "polling {} for {} failed, retrying in {} ms: {}",
                        queueUrl,
                        function,
                        BACKOFF_MILLIS,
                        e.toString());
                try {
                    stop.await(BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void process(List<Message> batch) {
        List<Message> processed;
        try {
            String response = invoker.invoke(function, event(batch));
            processed = reportBatchItemFailures ? succeeded(batch, response) : batch;
        } catch (Exception e) {
            // nothing deleted: the whole batch comes back after the visibility timeout
            LOG.info("{} failed on {} message(s) from {}: {}", function, batch.size(), queueUrl, e.toString());
            return;
        }
        delete(processed);
    }

    private String event(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            Map<String, String> received = message.attributesAsStrings();
            STANDARD_ATTRIBUTES.stream()
                    .filter(received::containsKey)
                    .forEach(name -> attributes.put(name, received.get(name)));
            received.forEach((name, value) -> {
                if (!STANDARD_ATTRIBUTES.contains(name)) {
                    attributes.put(name, value);
                }
            });
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return event.toString();
    }

    private static ObjectNode messageAttribute(MessageAttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put(
                    "binaryValue", value.binaryValue().asByteArray()); // Jackson writes bytes as base64, as Lambda does
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues().stream().map(SdkBytes::asByteArray).forEach(binaries::add);
        node.put("dataType", value.dataType());
        return node;
    }

    /**
     * The messages a partial batch response reports as processed, by Lambda's rules: no report, or an empty one, means
     * all; a malformed report (invalid JSON, a missing, empty or unknown {@code itemIdentifier}) fails the whole batch.
     */
    private static List<Message> succeeded(List<Message> batch, String response) {
        if (response == null || response.isBlank()) {
            return batch;
        }
        JsonNode failures;
        try {
            failures = JSON.readTree(response).path("batchItemFailures");
        } catch (IOException e) {
            throw new IllegalArgumentException("the function's response is not JSON", e);
        }
        if (failures.isMissingNode() || failures.isNull()) {
            return batch;
        }
        if (!failures.isArray()) {
            throw new IllegalArgumentException("batchItemFailures is not a list: " + failures);
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(message -> ids.add(message.messageId()));
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("batchItemFailures names no message of the batch: " + failure);
            }
            failed.add(id);
        }
        return batch.stream()
                .filter(message -> !failed.contains(message.messageId()))
                .toList();
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        DeleteMessageBatchResponse response =
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (!response.failed().isEmpty()) {
            LOG.warn(
                    "{} of {} processed message(s) not deleted from {}: {}",
                    response.failed().size(),
                    messages.size(),
                    queueUrl,
                    response.failed());
        }
    }

    public static final class Builder {
        private final SqsClient sqs;
        private final LambdaInvoker invoker;
        private String queueUrl;
        private String function;
        private int batchSize = 10;
        private boolean reportBatchItemFailures;

        private Builder(SqsClient sqs, LambdaInvoker invoker) {
            this.sqs = Objects.requireNonNull(sqs);
            this.invoker = Objects.requireNonNull(invoker);
        }

        public Builder queueUrl(String queueUrl) {
            this.queueUrl = Objects.requireNonNull(queueUrl);
            return this;
        }

        /** The function's name or ARN, passed to {@link LambdaInvoker#invoke} as is. */
        public Builder function(String function) {
            this.function = Objects.requireNonNull(function);
            return this;
        }

        /** Messages per invocation at most, 1 to 10 (Lambda's limit without a batching window); default 10. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10) {
                throw new IllegalArgumentException("batch size must be 1 to 10: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** {@code FunctionResponseTypes: [ReportBatchItemFailures]}: honour the function's partial batch response. */
        public Builder reportBatchItemFailures(boolean reportBatchItemFailures) {
            this.reportBatchItemFailures = reportBatchItemFailures;
            return this;
        }

        /** Looks up the queue (which must exist, as for CreateEventSourceMapping) and starts polling it. */
        public SqsEventSource start() {
            Objects.requireNonNull(queueUrl, "queueUrl");
            Objects.requireNonNull(function, "function");
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            SqsEventSource source = new SqsEventSource(this, arn);
            source.thread.start();
            return source;
        }
    }
}
