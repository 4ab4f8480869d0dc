package dev.verity.queue;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Per-job SQS queues named prefix + lower-case job name, and their URLs, looked up once per function instance (a URL
 * never changes while its queue lives).
 */
final class SqsQueueUrls {

    private final Supplier<SqsClient> sqs;
    private final String prefix;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    SqsQueueUrls(Supplier<SqsClient> sqs, String prefix) {
        this.sqs = sqs;
        this.prefix = prefix;
    }

    String name(String jobName) {
        return prefix + jobName.toLowerCase(Locale.ROOT);
    }

    /** The job's queue URL; QueueDoesNotExistException if it has none. */
    String url(String jobName) {
        return urls.computeIfAbsent(
                jobName, j -> sqs.get().getQueueUrl(b -> b.queueName(name(j))).queueUrl());
    }

    /** The URL CreateQueue answered, so that no lookup follows. */
    void remember(String jobName, String url) {
        urls.put(jobName, url);
    }

    void forget(String jobName) {
        urls.remove(jobName);
    }
}
