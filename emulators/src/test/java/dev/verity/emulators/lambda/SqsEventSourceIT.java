package dev.verity.emulators.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.emulators.SqsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** The event source against ElasticMQ, with a recording function. */
class SqsEventSourceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The example of Lambda's "Using Lambda with Amazon SQS" page, for its shape. */
    private static final String AWS_EXAMPLE_RECORD = """
      {
        "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
        "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
        "body": "Test message.",
        "attributes": {
          "ApproximateReceiveCount": "1",
          "SentTimestamp": "1545082649183",
          "SenderId": "AIDAIENQZJOLO23YVJ4VO",
          "ApproximateFirstReceiveTimestamp": "1545082649185"
        },
        "messageAttributes": {
          "myAttribute": {
            "stringValue": "myValue",
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": "String"
          }
        },
        "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
        "awsRegion": "us-east-2"
      }
      """;

    private static SqsEmulator emulator;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        emulator = SqsEmulator.start(REGION);
        sqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(emulator.endpoint())
                .build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        emulator.close();
    }

    @Test
    void deliversBatchesInLambdasShapeAndDeletesThemOnSuccess() throws Exception {
        String queue = queue("shape", Map.of());
        sqs.sendMessage(b -> b.queueUrl(queue)
                .messageBody("with attribute")
                .messageAttributes(Map.of(
                        "myAttribute",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("myValue")
                                        .build(),
                        "blob",
                                MessageAttributeValue.builder()
                                        .dataType("Binary")
                                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2}))
                                        .build())));
        for (int i = 0; i < 4; i++) {
            String body = "plain " + i;
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
        }
        RecordingFunction recorder = new RecordingFunction(payload -> "null");

        try (SqsEventSource source = SqsEventSource.builder(sqs, recorder)
                .queueUrl(queue)
                .function("shape-fn")
                .batchSize(2)
                .start()) {
            eventually("5 records and an empty queue")
                    .until(() -> recorder.records().size() >= 5 && queueIsEmpty(queue));
            assertThat(source.queueArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:shape");
        }

        assertThat(recorder.functions).containsOnly("shape-fn");
        assertThat(recorder.events).allSatisfy(event -> {
            assertThat(event.fieldNames()).toIterable().containsExactly("Records");
            assertThat(event.path("Records").size()).isBetween(1, 2);
        });
        List<JsonNode> records = recorder.records();
        assertThat(records)
                .extracting(r -> r.path("body").asText())
                .containsExactlyInAnyOrder("with attribute", "plain 0", "plain 1", "plain 2", "plain 3");
        JsonNode record = records.stream()
                .filter(r -> r.path("body").asText().equals("with attribute"))
                .findFirst()
                .orElseThrow();
        JsonNode example = JSON.readTree(AWS_EXAMPLE_RECORD);
        List<String> expectedFields = new ArrayList<>();
        example.fieldNames().forEachRemaining(expectedFields::add);
        expectedFields.add(expectedFields.indexOf("eventSource"), "md5OfMessageAttributes");
        assertThat(record.fieldNames()).toIterable().containsExactlyElementsOf(expectedFields);
        assertThat(record.path("attributes").fieldNames())
                .toIterable()
                .startsWith("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText())
                .isEqualTo("1");
        assertThat(record.path("messageAttributes").path("myAttribute"))
                .isEqualTo(example.path("messageAttributes").path("myAttribute"));
        assertThat(record.path("messageAttributes").path("blob"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"binaryValue\":\"AAEC\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Binary\"}"));
        assertThat(record.path("md5OfBody").asText()).isEqualTo(md5Hex("with attribute"));
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:shape");
        assertThat(record.path("awsRegion").asText()).isEqualTo(REGION);
        assertThat(record.path("messageId").asText()).isNotEmpty();
        assertThat(record.path("receiptHandle").asText()).isNotEmpty();
        JsonNode plain = records.stream()
                .filter(r -> r.path("body").asText().equals("plain 0"))
                .findFirst()
                .orElseThrow();
        assertThat(plain.has("md5OfMessageAttributes")).isFalse();
        assertThat(plain.path("messageAttributes").isEmpty()).isTrue();
    }

    @Test
    void partialBatchFailuresRedeliverOnlyTheFailedMessages() {
        String queue = queue("partial", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        for (String body : List.of("good 1", "bad", "good 2")) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
        }
        AtomicBoolean failedOnce = new AtomicBoolean();
        RecordingFunction function = new RecordingFunction(event -> {
            List<String> failures = new ArrayList<>();
            for (JsonNode record : event.path("Records")) {
                if (record.path("body").asText().equals("bad") && failedOnce.compareAndSet(false, true)) {
                    failures.add(record.path("messageId").asText());
                }
            }
            return JSON.createObjectNode()
                    .set(
                            "batchItemFailures",
                            JSON.valueToTree(failures.stream()
                                    .map(id -> Map.of("itemIdentifier", id))
                                    .toList()))
                    .toString();
        });

        try (SqsEventSource source = SqsEventSource.builder(sqs, function)
                .queueUrl(queue)
                .function("partial-fn")
                .reportBatchItemFailures(true)
                .start()) {
            eventually("4 records and an empty queue")
                    .until(() -> function.records().size() >= 4 && queueIsEmpty(queue));
        }

        assertThat(function.records())
                .extracting(r -> r.path("body").asText())
                .containsExactlyInAnyOrder("good 1", "bad", "good 2", "bad");
        assertThat(function.records())
                .filteredOn(r -> r.path("body").asText().equals("bad"))
                .extracting(r ->
                        r.path("attributes").path("ApproximateReceiveCount").asText())
                .containsExactly("1", "2");
    }

    @Test
    void malformedPartialBatchResponseFailsTheWholeBatch() {
        String queue = queue("malformed", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("again"));
        AtomicBoolean answeredWrongly = new AtomicBoolean();
        RecordingFunction function = new RecordingFunction(event -> answeredWrongly.compareAndSet(false, true)
                ? "{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-this-batch\"}]}"
                : "{\"batchItemFailures\":[]}");

        try (SqsEventSource source = SqsEventSource.builder(sqs, function)
                .queueUrl(queue)
                .function("malformed-fn")
                .reportBatchItemFailures(true)
                .start()) {
            eventually("2 records and an empty queue")
                    .until(() -> function.records().size() >= 2 && queueIsEmpty(queue));
        }

        assertThat(function.records())
                .extracting(r ->
                        r.path("attributes").path("ApproximateReceiveCount").asText())
                .containsExactly("1", "2");
    }

    @Test
    void withoutReportBatchItemFailuresAReturnedListIsIgnored() {
        String queue = queue("ignored-report", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("once"));
        RecordingFunction function = new RecordingFunction(event -> "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                + event.path("Records").path(0).path("messageId").asText() + "\"}]}");

        try (SqsEventSource source = SqsEventSource.builder(sqs, function)
                .queueUrl(queue)
                .function("plain-fn")
                .start()) {
            eventually("a record and an empty queue")
                    .until(() -> function.records().size() >= 1 && queueIsEmpty(queue));
        }

        assertThat(function.records()).hasSize(1);
    }

    @Test
    void failingFunctionGetsTheMessageAgainUntilTheRedrivePolicyMovesItToTheDeadLetterQueue() {
        String dlq = queue("failing-dlq", Map.of());
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String queue = queue(
                "failing",
                Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        "1",
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));
        RecordingFunction function = new RecordingFunction(event -> {
            throw new LambdaFunctionException("IllegalStateException", "cannot handle poison", null);
        });

        List<Message> deadLetters;
        try (SqsEventSource source = SqsEventSource.builder(sqs, function)
                .queueUrl(queue)
                .function("failing-fn")
                .start()) {
            deadLetters = eventually("a message on the dead-letter queue")
                    .until(
                            () -> sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1))
                                    .messages(),
                            messages -> !messages.isEmpty());
        }

        assertThat(deadLetters).singleElement().extracting(Message::body).isEqualTo("poison");
        assertThat(function.records())
                .extracting(r ->
                        r.path("attributes").path("ApproximateReceiveCount").asText())
                .containsExactly("1", "2");
    }

    @Test
    void errorsDoNotStopPolling() {
        String queue = queue("flaky", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("first"));
        AtomicBoolean thrown = new AtomicBoolean();
        RecordingFunction function = new RecordingFunction(event -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("not a function error: the runner itself broke");
            }
            return "{}";
        });
        FlakySqs flaky = new FlakySqs(sqs, 2);

        try (SqsEventSource source = SqsEventSource.builder(flaky, function)
                .queueUrl(queue)
                .function("flaky-fn")
                .start()) {
            eventually("2 records and an empty queue")
                    .until(() -> function.records().size() >= 2 && queueIsEmpty(queue));
        }

        assertThat(flaky.failures).hasValue(2);
        assertThat(function.records()).extracting(r -> r.path("body").asText()).containsExactly("first", "first");
    }

    @Test
    void closeStopsPolling() {
        String queue = queue("closing", Map.of());
        RecordingFunction function = new RecordingFunction(event -> "null");

        SqsEventSource source = SqsEventSource.builder(sqs, function)
                .queueUrl(queue)
                .function("closing-fn")
                .start();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("before"));
        eventually("exactly one record and an empty queue")
                .until(() -> function.records().size() == 1 && queueIsEmpty(queue));
        source.close();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("after"));

        // close() returned after the poller ended, so this is the message's first receive
        List<Message> received = eventually("the message sent after close()")
                .until(
                        () -> sqs.receiveMessage(b -> b.queueUrl(queue)
                                        .waitTimeSeconds(1)
                                        .messageSystemAttributeNames(
                                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                                .messages(),
                        messages -> !messages.isEmpty());
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("after");
            assertThat(message.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1");
        });
        assertThat(function.records()).extracting(r -> r.path("body").asText()).containsExactly("before");
    }

    /** A function that records its events and answers with {@code handler}. */
    private static final class RecordingFunction implements LambdaInvoker {
        final List<String> functions = new CopyOnWriteArrayList<>();
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final Function<JsonNode, String> handler;

        RecordingFunction(Function<JsonNode, String> handler) {
            this.handler = handler;
        }

        @Override
        public String invoke(String function, String payload) {
            JsonNode event;
            try {
                event = JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            functions.add(function);
            events.add(event);
            return handler.apply(event);
        }

        List<JsonNode> records() {
            List<JsonNode> records = new ArrayList<>();
            events.forEach(event -> event.path("Records").forEach(records::add));
            return records;
        }
    }

    /** Fails the first {@code failures} receives, as when SQS is briefly unreachable. */
    private static final class FlakySqs implements SqsClient {
        final AtomicInteger failures = new AtomicInteger();
        private final SqsClient delegate;
        private final int failing;

        FlakySqs(SqsClient delegate, int failing) {
            this.delegate = delegate;
            this.failing = failing;
        }

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            if (failures.get() < failing) {
                failures.incrementAndGet();
                throw SdkClientException.create("simulated: SQS unreachable");
            }
            return delegate.receiveMessage(request);
        }

        @Override
        public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
            return delegate.getQueueAttributes(request);
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            return delegate.deleteMessageBatch(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            // the shared client stays open
        }
    }

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static boolean queueIsEmpty(String queueUrl) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** A wait for {@code what}, checked now and every 50 ms; a generous limit (a hang, not a slow machine). */
    private static ConditionFactory eventually(String what) {
        return await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50));
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
