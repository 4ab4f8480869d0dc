package dev.verity.emulators.sns;

import dev.verity.emulators.mail.MailSender;
import dev.verity.emulators.support.LoopbackHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Amazon SNS on 127.0.0.1: the query protocol (form-encoded POST, XML answers) over the JDK's HTTP server, so the
 * SDK's {@code SnsClient} and {@code aws sns --endpoint-url} work. Topic ARNs are
 * {@code arn:aws:sns:<region>:000000000000:<name>}.
 *
 * <p>Supported: CreateTopic (idempotent by name; Attributes and Tags kept; FIFO topics with {@code .fifo} names),
 * DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes, ListTagsForResource, Subscribe, Unsubscribe,
 * ListSubscriptions, ListSubscriptionsByTopic, GetSubscriptionAttributes and Publish (Subject, Message,
 * {@code MessageStructure=json}, MessageAttributes). Errors are SNS's ({@code NotFound}, {@code InvalidParameter},
 * ...), so the SDK throws its {@code NotFoundException}, {@code InvalidParameterException}, ...
 *
 * <p>Subscriptions: {@code email} and {@code email-json} (mailed through SMTP to the mail sink given as
 * {@link Builder#mailSender(MailSender)}) and {@code sqs} (sent to the queue the endpoint ARN names, at
 * {@link Builder#sqsEndpoint(URI)}, with RawMessageDelivery honoured). Unlike SNS, which first mails a confirmation
 * link, e-mail subscriptions are <b>confirmed at once</b> locally; Subscribe still answers
 * {@code pending confirmation} for them unless {@code ReturnSubscriptionArn} is set, as SNS does, so code that works
 * here works there. Filter policies and other protocols (http, lambda, sms, ...) are refused with
 * {@code InvalidParameter} rather than ignored. Notifications are delivered after Publish answers, in publish order
 * ({@link SnsDelivery}); the envelope's Signature is a placeholder (nothing here holds an AWS signing key).
 *
 * <p>With {@link Builder#dataDirectory(Path)}, topics and subscriptions survive a restart ({@link SnsStore});
 * messages in flight do not. Requests must be SigV4-signed (any credentials; see
 * {@link LoopbackHttpServer.Request#isSigned()}).
 */
public final class SnsEmulator implements AutoCloseable {
    /** The account in topic ARNs, the same as the SQS emulator's. */
    public static final String ACCOUNT_ID = "000000000000";

    private final LoopbackHttpServer server;
    private final SnsDelivery delivery;
    private final SnsService service;

    private SnsEmulator(Builder b) {
        server = LoopbackHttpServer.bind("sns");
        SqsClient sqs = b.sqsEndpoint == null ? null : sqsClient(b.sqsEndpoint, b.region);
        delivery = new SnsDelivery(b.mailSender, sqs, server.endpoint());
        try {
            SnsStore store = b.dataDirectory == null ? null : new SnsStore(b.dataDirectory);
            service = new SnsService(b.region, ACCOUNT_ID, store, delivery, Clock.systemUTC());
        } catch (RuntimeException e) {
            delivery.close();
            server.close();
            throw e;
        }
        server.serve(new SnsApi(service)::handle);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static SqsClient sqsClient(URI endpoint, String region) {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sns", "sns")))
                .build();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    /** The ARN a topic of this name has here. */
    public String topicArn(String name) {
        return service.topicArn(name);
    }

    /** Every topic, in creation order. */
    public List<Topic> topics() {
        return service.topics();
    }

    /** Every subscription, in creation order. */
    public List<Subscription> subscriptions() {
        return service.subscriptions();
    }

    /** Stops answering, lets queued deliveries finish (at most 10 s) and stops. */
    @Override
    public void close() {
        server.close();
        delivery.close();
    }

    public static final class Builder {
        private String region = "us-east-1";
        private Path dataDirectory;
        private MailSender mailSender;
        private URI sqsEndpoint;

        private Builder() {}

        /** The region in topic ARNs (default us-east-1). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** Keep topics and subscriptions here ({@code state.json}) and restore them at start. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Where {@code email} and {@code email-json} subscribers' mail goes; without one they cannot subscribe. */
        public Builder mailSender(MailSender sender) {
            this.mailSender = sender;
            return this;
        }

        /** The SQS endpoint {@code sqs} subscribers' queues live at; without one they cannot subscribe. */
        public Builder sqsEndpoint(URI endpoint) {
            this.sqsEndpoint = endpoint;
            return this;
        }

        public SnsEmulator start() {
            return new SnsEmulator(this);
        }
    }
}
