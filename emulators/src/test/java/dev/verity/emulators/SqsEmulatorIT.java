package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

@ExtendWith(EmulatorsExtension.class)
class SqsEmulatorIT {
    private static SqsClient sqs;
    private final Emulators emulators;

    SqsEmulatorIT(Emulators emulators) {
        this.emulators = emulators;
    }

    @BeforeAll
    static void client(Emulators emulators) {
        sqs = TestClients.sqs(emulators);
    }

    @AfterAll
    static void close() {
        sqs.close();
    }

    @Test
    void queueUrlsPointAtTheRealPortOnLoopback() {
        String url = sqs.createQueue(b -> b.queueName("url-check")).queueUrl();
        URI uri = URI.create(url);
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isEqualTo(emulators.sqsEndpoint().getPort());
        assertThat(url).isEqualTo(emulators.sqs().queueUrl("url-check"));
        assertThat(sqs.getQueueUrl(b -> b.queueName("url-check")).queueUrl()).isEqualTo(url);
    }

    @Test
    void messageLifecycleWithVisibilityTimeoutAndDeadLetterQueue() {
        String dlqUrl = sqs.createQueue(b -> b.queueName("tasks-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        assertThat(dlqArn).isEqualTo("arn:aws:sqs:us-east-1:000000000000:tasks-dlq");
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}";
        String queueUrl = sqs.createQueue(b -> b.queueName("tasks")
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "60",
                                QueueAttributeName.REDRIVE_POLICY,
                                redrive)))
                .queueUrl();

        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                        b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(dlqArn)
                .contains("5");

        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"object\":1}"));
        List<Message> first = receive(queueUrl, 30);
        assertThat(first).singleElement().extracting(Message::body).isEqualTo("{\"object\":1}");

        // Invisible for 30 s: a second receive finds nothing.
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                        .messages())
                .isEmpty();

        // Release it at once, as the worker API does on decline.
        sqs.changeMessageVisibility(b ->
                b.queueUrl(queueUrl).receiptHandle(first.get(0).receiptHandle()).visibilityTimeout(0));
        List<Message> again = receive(queueUrl, 30);
        assertThat(again)
                .singleElement()
                .extracting(Message::messageId)
                .isEqualTo(first.get(0).messageId());

        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(again.get(0).receiptHandle()));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");

        sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("tasks")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    /** Receives with the given visibility timeout, polling until a message arrives (bounded). */
    private static List<Message> receive(String queueUrl, int visibilityTimeout) {
        return await("a message on " + queueUrl)
                .atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                        .maxNumberOfMessages(10)
                                        .visibilityTimeout(visibilityTimeout)
                                        .waitTimeSeconds(1))
                                .messages(),
                        messages -> !messages.isEmpty());
    }
}
