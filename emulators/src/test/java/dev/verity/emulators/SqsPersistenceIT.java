package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SqsEmulator with a data directory: queues and messages survive a close and a {@code kill -9}. */
class SqsPersistenceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void queuesAndMessagesSurviveARestart(@TempDir Path dir) {
        String dlqArn;
        Set<String> inFlight = new HashSet<>();
        String deleted;
        try (SqsEmulator sqs = SqsEmulator.start(Emulators.DEFAULT_REGION, dir);
                SqsClient client = client(sqs)) {
            String dlqUrl = client.createQueue(b -> b.queueName("jobs-dlq")).queueUrl();
            dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}";
            String url = client.createQueue(b -> b.queueName("jobs")
                            .attributes(Map.of(
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    "45",
                                    QueueAttributeName.REDRIVE_POLICY,
                                    redrive)))
                    .queueUrl();
            String doomedUrl = client.createQueue(b -> b.queueName("doomed")).queueUrl();
            client.sendMessage(b -> b.queueUrl(doomedUrl).messageBody("never seen again"));
            client.deleteQueue(b -> b.queueUrl(doomedUrl));

            client.sendMessage(b -> b.queueUrl(url)
                    .messageBody("m1")
                    .messageAttributes(Map.of(
                            "kind",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("label")
                                    .build())));
            for (String body : List.of("m2", "m3", "m4", "m5")) {
                client.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            List<Message> received = receive(client, url, 3, 2);
            assertThat(received).hasSize(3);
            received.forEach(m -> inFlight.add(m.body()));
            Message toDelete = received.get(0);
            deleted = toDelete.body();
            inFlight.remove(deleted);
            client.deleteMessage(b -> b.queueUrl(url).receiptHandle(toDelete.receiptHandle()));
        }
        assertThat(dir.resolve(SqsPersistence.DATABASE_NAME + ".mv.db")).isRegularFile();

        try (SqsEmulator sqs = SqsEmulator.start(Emulators.DEFAULT_REGION, dir);
                SqsClient client = client(sqs)) {
            assertThat(client.listQueues().queueUrls())
                    .containsExactlyInAnyOrder(sqs.queueUrl("jobs"), sqs.queueUrl("jobs-dlq"));
            String url = client.getQueueUrl(b -> b.queueName("jobs")).queueUrl();
            Map<QueueAttributeName, String> attributes = client.getQueueAttributes(
                            b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributes();
            assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(dlqArn)
                    .contains("3");
            assertThat(storedCount(client, url)).isEqualTo(4);

            Map<String, Message> byBody = new HashMap<>();
            receive(client, url, 4, 60).forEach(m -> byBody.put(m.body(), m));
            Set<String> expected = new HashSet<>(Set.of("m1", "m2", "m3", "m4", "m5"));
            expected.remove(deleted);
            assertThat(byBody.keySet()).isEqualTo(expected);
            if (byBody.containsKey("m1")) {
                assertThat(byBody.get("m1").messageAttributes().get("kind").stringValue())
                        .isEqualTo("label");
            }
            // the receive before the restart was persisted too
            inFlight.forEach(body -> assertThat(byBody.get(body).attributes())
                    .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2"));
        }
    }

    @Test
    void aKilledProcessKeepsExactlyTheAcknowledgedWrites(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("sqs");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SqsKillTarget.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Set<String> expected = new HashSet<>();
        try {
            URI endpoint = awaitEndpoint(child, log);
            assertThatThrownBy(() -> SqsEmulator.start(Emulators.DEFAULT_REGION, dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot open the SQS database");
            try (SqsClient client = client(endpoint)) {
                String url = client.createQueue(b ->
                                b.queueName("work").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30")))
                        .queueUrl();
                for (int i = 0; i < 20; i++) {
                    String body = "task-" + i;
                    client.sendMessage(b -> b.queueUrl(url).messageBody(body));
                    expected.add(body);
                }
                List<Message> received = receive(client, url, 4, 2);
                assertThat(received).hasSize(4);
                for (Message message : received.subList(0, 3)) {
                    client.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                    expected.remove(message.body());
                }
                client.sendMessage(b -> b.queueUrl(url).messageBody("last"));
                expected.add("last");
                Message lastDelete = received.get(3);
                client.deleteMessage(b -> b.queueUrl(url).receiptHandle(lastDelete.receiptHandle()));
                expected.remove(lastDelete.body());
                child.destroyForcibly(); // SIGKILL, right after the acknowledgment
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
        }

        try (SqsEmulator sqs = SqsEmulator.start(Emulators.DEFAULT_REGION, dir);
                SqsClient client = client(sqs)) {
            String url = client.getQueueUrl(b -> b.queueName("work")).queueUrl();
            assertThat(client.getQueueAttributes(
                                    b -> b.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                            .attributes())
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
            assertThat(storedCount(client, url)).isEqualTo(expected.size());
            List<String> bodies = receive(client, url, expected.size(), 60).stream()
                    .map(Message::body)
                    .toList();
            assertThat(bodies).doesNotHaveDuplicates();
            assertThat(new HashSet<>(bodies)).isEqualTo(expected);
        }
    }

    @Test
    void oneDurableInstancePerJvmEachDirectoryWithItsOwnQueues(@TempDir Path a, @TempDir Path b) {
        try (SqsEmulator first = SqsEmulator.start(Emulators.DEFAULT_REGION, a);
                SqsClient client = client(first)) {
            client.createQueue(r -> r.queueName("only-in-a"));
            assertThatThrownBy(() -> SqsEmulator.start(Emulators.DEFAULT_REGION, b))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
            try (SqsEmulator inMemory = SqsEmulator.start();
                    SqsClient memoryClient = client(inMemory)) {
                assertThat(memoryClient.listQueues().queueUrls()).isEmpty();
            }
        }
        try (SqsEmulator second = SqsEmulator.start(Emulators.DEFAULT_REGION, b);
                SqsClient client = client(second)) {
            assertThat(client.listQueues().queueUrls()).isEmpty();
            client.createQueue(r -> r.queueName("only-in-b"));
        }
        try (SqsEmulator again = SqsEmulator.start(Emulators.DEFAULT_REGION, a);
                SqsClient client = client(again)) {
            assertThat(client.listQueues().queueUrls()).containsExactly(again.queueUrl("only-in-a"));
        }
    }

    @Test
    void withoutADirectoryEverythingStaysInMemory() {
        try (SqsEmulator sqs = SqsEmulator.start(Emulators.DEFAULT_REGION, null);
                SqsClient client = client(sqs)) {
            client.createQueue(r -> r.queueName("ephemeral"));
        }
        try (SqsEmulator sqs = SqsEmulator.start(Emulators.DEFAULT_REGION, null);
                SqsClient client = client(sqs)) {
            assertThat(client.listQueues().queueUrls()).isEmpty();
        }
    }

    private static SqsClient client(SqsEmulator sqs) {
        return client(sqs.endpoint());
    }

    private static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Emulators.DEFAULT_REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Emulators.DUMMY_ACCESS_KEY_ID, Emulators.DUMMY_SECRET_ACCESS_KEY)))
                .endpointOverride(endpoint)
                .build();
    }

    /** Visible plus in-flight messages. */
    private static int storedCount(SqsClient client, String url) {
        Map<QueueAttributeName, String> counts = client.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives {@code count} messages, polling until they all arrived (bounded). */
    private static List<Message> receive(SqsClient client, String url, int count, int visibilityTimeout) {
        List<Message> messages = new ArrayList<>();
        return await(count + " messages from " + url)
                .atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            int max = Math.min(10, count - messages.size());
                            messages.addAll(client.receiveMessage(b -> b.queueUrl(url)
                                            .maxNumberOfMessages(max)
                                            .visibilityTimeout(visibilityTimeout)
                                            .waitTimeSeconds(1)
                                            .messageAttributeNames("All")
                                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                                    .messages());
                            return messages;
                        },
                        received -> received.size() >= count);
    }

    /** The endpoint the child printed to its log, once it did (bounded); fails at once if the child exits first. */
    private static URI awaitEndpoint(Process child, Path log) throws IOException {
        try {
            return await("the child's endpoint")
                    .atMost(WAIT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                URI endpoint = printedEndpoint(log);
                                if (endpoint == null && !child.isAlive()) {
                                    throw new AssertionError(
                                            "the child exited and printed no endpoint:\n" + logText(log));
                                }
                                return endpoint;
                            },
                            Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the child printed no endpoint:\n" + logText(log), e);
        }
    }

    private static URI printedEndpoint(Path log) throws IOException {
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(SqsKillTarget.ENDPOINT_PREFIX)) {
                    return URI.create(line.substring(SqsKillTarget.ENDPOINT_PREFIX.length())
                            .trim());
                }
            }
        }
        return null;
    }

    private static String logText(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
