package dev.verity.emulators.s3events;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * S3 event notifications to SQS, as S3 sends them for a bucket's queue configurations: after a PutObject,
 * CompleteMultipartUpload, CopyObject or DeleteObject(s) succeeds, one message per matching {@link NotificationRule}.
 *
 * <p>Queue URLs carry ElasticMQ's port, known only once the emulators run, so wiring takes two steps: pass
 * {@link #decorate(BlobStore)} as the S3 decorator before start, then {@link #configure(SqsClient, List)} after.
 * Until then writes notify nobody, like a bucket without a notification configuration.
 *
 * <p>Messages are sent synchronously, before S3 answers the write, so whoever wrote can already receive them. A
 * failed delivery is logged and does not fail the write: the object is stored by then, as on S3.
 */
public final class S3EventNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(S3EventNotifier.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String region;
    private final AtomicLong sequence = new AtomicLong();
    private volatile Destinations destinations = new Destinations(null, List.of());

    /** @param region the buckets' region, reported as {@code awsRegion} */
    public S3EventNotifier(String region) {
        this.region = Objects.requireNonNull(region);
    }

    /** The S3 decorator: {@code Emulators.builder().s3Decorator(notifier::decorate)}. */
    public BlobStore decorate(BlobStore store) {
        return new NotifyingBlobStore(store, this);
    }

    /** Replaces all rules (what PutBucketNotificationConfiguration does per bucket); messages go through {@code sqs}. */
    public void configure(SqsClient sqs, List<NotificationRule> rules) {
        destinations = new Destinations(Objects.requireNonNull(sqs), List.copyOf(rules));
    }

    /**
     * Sends {@code s3:TestEvent} once to each configured (bucket, queue) pair, as S3 does when a configuration is set.
     * Unlike event delivery, a failure is thrown: S3 rejects a configuration whose destination it cannot reach.
     */
    public void sendTestEvents() {
        Destinations current = destinations;
        Set<List<String>> sent = new HashSet<>();
        for (NotificationRule rule : current.rules()) {
            if (sent.add(List.of(rule.bucket(), rule.queueUrl()))) {
                String body = S3Event.testEventJson(rule.bucket(), Instant.now(), requestId(), hostId());
                current.sqs().sendMessage(b -> b.queueUrl(rule.queueUrl()).messageBody(body));
            }
        }
    }

    /** Whether any rule concerns this bucket (spares looking up object metadata for nothing). */
    boolean watches(String bucket) {
        return destinations.rules().stream().anyMatch(rule -> rule.bucket().equals(bucket));
    }

    /** Reports one event to every matching rule's queue; never throws. {@code size}/{@code eTag} null for removals. */
    void publish(String eventName, String bucket, String key, Long size, String eTag) {
        Destinations current = destinations;
        String encodedKey = S3Event.encodeKey(key);
        S3Event event = null;
        for (NotificationRule rule : current.rules()) {
            if (!rule.matches(bucket, encodedKey, eventName)) {
                continue;
            }
            if (event == null) {
                event = new S3Event(
                        region,
                        eventName,
                        Instant.now(),
                        bucket,
                        key,
                        size,
                        eTag,
                        nextSequencer(),
                        requestId(),
                        hostId());
            }
            String body = event.toJson(rule.id());
            try {
                current.sqs().sendMessage(b -> b.queueUrl(rule.queueUrl()).messageBody(body));
            } catch (RuntimeException e) {
                LOG.warn(
                        "S3 event {} for s3://{}/{} not delivered to {} (rule {}): {}",
                        eventName,
                        bucket,
                        key,
                        rule.queueUrl(),
                        rule.id(),
                        e.toString());
            }
        }
    }

    /** Hexadecimal, fixed width, increasing (also across restarts, being seeded from the clock) like S3's sequencers. */
    private String nextSequencer() {
        long next = sequence.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() << 16));
        return String.format("%018X", next);
    }

    private static String requestId() {
        return HexFormat.of().withUpperCase().formatHex(randomBytes(8));
    }

    private static String hostId() {
        return Base64.getEncoder().encodeToString(randomBytes(48));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private record Destinations(SqsClient sqs, List<NotificationRule> rules) {}
}
