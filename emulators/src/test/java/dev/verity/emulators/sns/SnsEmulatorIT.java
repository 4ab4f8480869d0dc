package dev.verity.emulators.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.emulators.SqsEmulator;
import dev.verity.emulators.mail.Mail;
import dev.verity.emulators.mail.MailSender;
import dev.verity.emulators.mail.MailSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SNS emulator driven by the SDK's SnsClient, delivering to a mail sink and to ElasticMQ. */
class SnsEmulatorIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MailSink mail;
    private static SqsEmulator sqsEmulator;
    private static SnsEmulator emulator;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        mail = MailSink.start();
        sqsEmulator = SqsEmulator.start();
        emulator = SnsEmulator.builder()
                .mailSender(MailSender.to(mail))
                .sqsEndpoint(sqsEmulator.endpoint())
                .start();
        sns = client(emulator);
        sqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .endpointOverride(sqsEmulator.endpoint())
                .build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        sqs.close();
        emulator.close();
        sqsEmulator.close();
        mail.close();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static SnsClient client(SnsEmulator emulator) {
        return SnsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .endpointOverride(emulator.endpoint())
                .build();
    }

    private static String createTopic(String name) {
        return sns.createTopic(b -> b.name(name)).topicArn();
    }

    private static String subscribeEmail(String topicArn, String address) {
        return sns.subscribe(b ->
                        b.topicArn(topicArn).protocol("email").endpoint(address).returnSubscriptionArn(true))
                .subscriptionArn();
    }

    private static Mail awaitOneMail(String address) {
        return await().atMost(WAIT).until(() -> mail.messagesTo(address), mails -> !mails.isEmpty()).stream()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one mail to " + address + ": " + List.of(a, b));
                })
                .orElseThrow();
    }

    @Test
    void creatingATopicTwiceGivesTheSameArnAndKeepsItsAttributesAndTags() {
        String arn = sns.createTopic(b -> b.name("team-annotators")
                        .attributes(Map.of("DisplayName", "Annotators"))
                        .tags(Tag.builder().key("team").value("annotators").build()))
                .topicArn();

        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:team-annotators");
        assertThat(createTopic("team-annotators")).isEqualTo(arn);
        assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes())
                .containsEntry("TopicArn", arn)
                .containsEntry("DisplayName", "Annotators")
                .containsEntry("Owner", "000000000000")
                .containsEntry("SubscriptionsConfirmed", "0")
                .containsKey("Policy");
        assertThat(sns.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("annotators").build());
        assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).contains(arn);
        assertThatThrownBy(() -> sns.createTopic(
                        b -> b.name("team-annotators").attributes(Map.of("DisplayName", "Someone else"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("different attributes");

        sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("DisplayName").attributeValue("Labelers"));
        assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes()).containsEntry("DisplayName", "Labelers");
        assertThatThrownBy(() -> sns.setTopicAttributes(
                        b -> b.topicArn(arn).attributeName("Colour").attributeValue("blue")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void anEmailSubscriberGetsEachPublishedMessageAsAMailWithItsSubject() {
        String topic = createTopic("new-work");
        sns.setTopicAttributes(
                b -> b.topicArn(topic).attributeName("DisplayName").attributeValue("Verity"));
        String subscription = subscribeEmail(topic, "ana@example.com");
        assertThat(subscription).startsWith(topic + ":");

        String messageId = sns.publish(b -> b.topicArn(topic)
                        .subject("New tasks in cats-vs-dogs")
                        .message("There are 40 new tasks for you.\nOpen the worker portal to start."))
                .messageId();

        assertThat(messageId).isNotBlank();
        Mail received = awaitOneMail("ana@example.com");
        assertThat(received.from()).isEqualTo("no-reply@sns.amazonaws.com");
        assertThat(received.to()).containsExactly("ana@example.com");
        assertThat(received.subject()).isEqualTo("New tasks in cats-vs-dogs");
        assertThat(received.text()).isEqualTo("There are 40 new tasks for you.\nOpen the worker portal to start.");
    }

    @Test
    void anEmailSubscriptionIsAnsweredPendingUnlessItsArnIsAskedForButIsConfirmedAtOnce() {
        String topic = createTopic("pending");
        String answer = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("bo@example.com"))
                .subscriptionArn();

        assertThat(answer).isEqualTo("pending confirmation");
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.subscriptionArn()).startsWith(topic + ":");
                    assertThat(s.protocol()).isEqualTo("email");
                    assertThat(s.endpoint()).isEqualTo("bo@example.com");
                    assertThat(s.owner()).isEqualTo("000000000000");
                });
        assertThat(subscribeEmail(topic, "bo@example.com"))
                .as("subscribing again is the same subscription")
                .isEqualTo(emulator.subscriptions().stream()
                        .filter(s -> s.topicArn().equals(topic))
                        .findFirst()
                        .orElseThrow()
                        .arn());
        sns.publish(b -> b.topicArn(topic).message("no subject"));
        assertThat(awaitOneMail("bo@example.com").subject()).isEqualTo("AWS Notification Message");
    }

    @Test
    void anEmailJsonSubscriberGetsTheNotificationEnvelopeWhoseUnsubscribeUrlWorks() throws Exception {
        String topic = createTopic("json-mail");
        String subscription = sns.subscribe(b -> b.topicArn(topic)
                        .protocol("email-json")
                        .endpoint("cy@example.com")
                        .returnSubscriptionArn(true))
                .subscriptionArn();

        String messageId = sns.publish(b -> b.topicArn(topic).subject("Hello").message("{\"job\":\"cats\"}"))
                .messageId();

        JsonNode envelope = JSON.readTree(awaitOneMail("cy@example.com").text());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(envelope.path("Subject").asText()).isEqualTo("Hello");
        assertThat(envelope.path("Message").asText()).isEqualTo("{\"job\":\"cats\"}");
        assertThat(envelope.path("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(envelope.path("SignatureVersion").asText()).isEqualTo("1");

        HttpResponse<String> unsubscribe = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        envelope.path("UnsubscribeURL").asText()))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(unsubscribe.statusCode()).isEqualTo(200);
        assertThat(emulator.subscriptions()).noneMatch(s -> s.arn().equals(subscription));
    }

    @Test
    void anSqsSubscriberReceivesTheNotificationEnvelopeOrWithRawDeliveryTheMessageItself() throws Exception {
        String topic = createTopic("to-queues");
        String enveloped = queue("sns-enveloped");
        String raw = queue("sns-raw");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(enveloped)));
        sns.subscribe(b ->
                b.topicArn(topic).protocol("sqs").endpoint(arn(raw)).attributes(Map.of("RawMessageDelivery", "true")));

        String messageId = sns.publish(b -> b.topicArn(topic)
                        .subject("Job done")
                        .message("cats-vs-dogs completed")
                        .messageAttributes(Map.of(
                                "job",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("cats-vs-dogs")
                                        .build())))
                .messageId();

        JsonNode envelope = JSON.readTree(receiveOne(enveloped).body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(envelope.path("Subject").asText()).isEqualTo("Job done");
        assertThat(envelope.path("Message").asText()).isEqualTo("cats-vs-dogs completed");
        assertThat(envelope.path("MessageAttributes").path("job").path("Value").asText())
                .isEqualTo("cats-vs-dogs");
        Message rawMessage = receiveOne(raw);
        assertThat(rawMessage.body()).isEqualTo("cats-vs-dogs completed");
        assertThat(rawMessage.messageAttributes().get("job").stringValue()).isEqualTo("cats-vs-dogs");
        String rawSubscription = sns.listSubscriptions().subscriptions().stream()
                .filter(s -> s.endpoint().equals(arn(raw)))
                .findFirst()
                .orElseThrow()
                .subscriptionArn();
        assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(rawSubscription))
                        .attributes())
                .containsEntry("RawMessageDelivery", "true")
                .containsEntry("Protocol", "sqs")
                .containsEntry("TopicArn", topic)
                .containsEntry("PendingConfirmation", "false");
    }

    @Test
    void aFifoTopicNeedsAMessageGroupAndDeliversToAFifoQueueInOrder() {
        String topic = sns.createTopic(b -> b.name("job-events.fifo")
                        .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true")))
                .topicArn();
        String queue = sqs.createQueue(b -> b.queueName("job-events.fifo")
                        .attributes(Map.of(
                                QueueAttributeName.FIFO_QUEUE, "true",
                                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")))
                .queueUrl();
        sns.subscribe(b -> b.topicArn(topic)
                .protocol("sqs")
                .endpoint(arn(queue))
                .attributes(Map.of("RawMessageDelivery", "true")));

        var first = sns.publish(b -> b.topicArn(topic).message("first").messageGroupId("job-1"));
        var second = sns.publish(b -> b.topicArn(topic).message("second").messageGroupId("job-1"));

        assertThat(second.sequenceNumber()).isGreaterThan(first.sequenceNumber());
        assertThat(receiveOne(queue).body()).isEqualTo("first");
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(topic).message("no group")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("MessageGroupId");
        assertThatThrownBy(() -> sns.createTopic(b -> b.name("not-fifo.fifo")))
                .isInstanceOf(InvalidParameterException.class);
        String standard = createTopic("standard-for-fifo-queue");
        assertThatThrownBy(() ->
                        sns.subscribe(b -> b.topicArn(standard).protocol("sqs").endpoint(arn(queue))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("FIFO");
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static Message receiveOne(String queueUrl) {
        return await().atMost(WAIT)
                .until(
                        () -> sqs.receiveMessage(b ->
                                        b.queueUrl(queueUrl).waitTimeSeconds(1).messageAttributeNames("All"))
                                .messages(),
                        messages -> !messages.isEmpty())
                .get(0);
    }

    @Test
    void afterUnsubscribingAnAddressGetsNoMoreMail() {
        String topic = createTopic("unsubscribing");
        String leaving = subscribeEmail(topic, "dee@example.com");
        subscribeEmail(topic, "eve@example.com");
        sns.publish(b -> b.topicArn(topic).subject("first").message("one"));
        awaitOneMail("dee@example.com");
        awaitOneMail("eve@example.com");

        sns.unsubscribe(b -> b.subscriptionArn(leaving));
        sns.publish(b -> b.topicArn(topic).subject("second").message("two"));

        // Deliveries run one at a time in subscription order: once eve has the second mail, dee's would be there.
        await().atMost(WAIT).until(() -> mail.messagesTo("eve@example.com").size() == 2);
        assertThat(mail.messagesTo("dee@example.com")).extracting(Mail::subject).containsExactly("first");
        assertThatThrownBy(() -> sns.unsubscribe(b -> b.subscriptionArn(leaving)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void publishingToATopicThatDoesNotExistIsNotFound() {
        String missing = emulator.topicArn("no-such-topic");

        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(missing).message("hello")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Topic does not exist");
        assertThatThrownBy(() -> sns.getTopicAttributes(b -> b.topicArn(missing)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn("not-an-arn").message("hello")))
                .isInstanceOf(InvalidParameterException.class);
        sns.deleteTopic(b -> b.topicArn(missing)); // idempotent, as in SNS
    }

    @Test
    void unsupportedSubscriptionsAndMalformedPublishesAreRefusedWithInvalidParameter() {
        String topic = createTopic("strict");

        assertThatThrownBy(() ->
                        sns.subscribe(b -> b.topicArn(topic).protocol("https").endpoint("https://x.test")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> sns.subscribe(b -> b.topicArn(topic)
                        .protocol("email")
                        .endpoint("fay@example.com")
                        .attributes(Map.of("FilterPolicy", "{\"job\":[\"cats\"]}"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("FilterPolicy");
        assertThatThrownBy(() ->
                        sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("not-an-address")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() ->
                        sns.publish(b -> b.topicArn(topic).subject("two\nlines").message("m")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Subject");
        assertThatThrownBy(() -> sns.publish(
                        b -> b.topicArn(topic).messageStructure("json").message("{\"email\":\"x\"}")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("No default entry");
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(topic).message("x".repeat(256 * 1024 + 1))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void aStructuredMessageGivesEachProtocolItsOwnText() {
        String topic = createTopic("structured");
        subscribeEmail(topic, "gus@example.com");

        sns.publish(b -> b.topicArn(topic)
                .messageStructure("json")
                .message("{\"default\": \"plain\", \"email\": \"for e-mail\"}"));

        assertThat(awaitOneMail("gus@example.com").text()).isEqualTo("for e-mail");
    }

    @Test
    void listingsComeInPagesOfAHundred() {
        for (int i = 0; i < 105; i++) {
            createTopic("paged-" + i);
        }

        var first = sns.listTopics();
        assertThat(first.topics()).hasSize(100);
        assertThat(first.nextToken()).isNotNull();
        assertThat(sns.listTopicsPaginator().topics().stream().map(Topic::topicArn))
                .doesNotHaveDuplicates()
                .hasSizeGreaterThanOrEqualTo(105);
    }

    @Test
    void unsignedRequestsAndOtherHostsAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(
                HttpRequest.newBuilder(emulator.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=CreateTopic&Name=from-a-web-page"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Code>MissingAuthenticationToken</Code>");
        assertThat(emulator.topics()).noneMatch(t -> t.name().equals("from-a-web-page"));

        try (var socket = new java.net.Socket("127.0.0.1", emulator.port())) {
            socket.getOutputStream()
                    .write(("GET /?Action=ListTopics HTTP/1.1\r\nHost: evil.example:" + emulator.port()
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void topicsAndSubscriptionsSurviveARestartWithADataDirectory(@TempDir Path dir) {
        String topic;
        String subscription;
        try (SnsEmulator first = SnsEmulator.builder()
                        .dataDirectory(dir)
                        .mailSender(MailSender.to(mail))
                        .start();
                SnsClient client = client(first)) {
            topic = client.createTopic(b -> b.name("durable")
                            .tags(Tag.builder().key("k").value("v").build()))
                    .topicArn();
            client.setTopicAttributes(
                    b -> b.topicArn(topic).attributeName("DisplayName").attributeValue("Kept"));
            subscription = client.subscribe(b -> b.topicArn(topic)
                            .protocol("email")
                            .endpoint("hal@example.com")
                            .returnSubscriptionArn(true))
                    .subscriptionArn();
            String doomed = client.createTopic(b -> b.name("doomed")).topicArn();
            client.deleteTopic(b -> b.topicArn(doomed));
        }

        try (SnsEmulator second = SnsEmulator.builder()
                        .dataDirectory(dir)
                        .mailSender(MailSender.to(mail))
                        .start();
                SnsClient client = client(second)) {
            assertThat(client.listTopics().topics()).extracting(Topic::topicArn).containsExactly(topic);
            assertThat(client.getTopicAttributes(b -> b.topicArn(topic)).attributes())
                    .containsEntry("DisplayName", "Kept");
            assertThat(client.listTagsForResource(b -> b.resourceArn(topic)).tags())
                    .containsExactly(Tag.builder().key("k").value("v").build());
            assertThat(client.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                    .singleElement()
                    .satisfies(s -> assertThat(s.subscriptionArn()).isEqualTo(subscription));

            client.publish(b -> b.topicArn(topic).subject("after restart").message("still here"));
            assertThat(awaitOneMail("hal@example.com").subject()).isEqualTo("after restart");
        }
    }
}
