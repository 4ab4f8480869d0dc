package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.QueueSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One SQS queue per {@link Catalog#QUEUES} entry: SQS-managed encryption, TLS only, dead-letter queues wired by name.
 * Dead-letter queues keep messages for the 14-day maximum so an operator has time to look at them.
 */
public class Queues extends Construct {

    private final Map<String, Queue> byName = new LinkedHashMap<>();

    public Queues(Construct scope, String id, VerityConfig config) {
        super(scope, id);
        // Dead-letter queues first, so the queues that use them can refer to them whatever the catalog order.
        for (QueueSpec spec : Catalog.QUEUES) {
            if (spec.deadLetterQueue() == null) {
                byName.put(spec.name(), create(spec, config, null));
            }
        }
        for (QueueSpec spec : Catalog.QUEUES) {
            if (spec.deadLetterQueue() != null) {
                Queue dlq = byName.get(spec.deadLetterQueue());
                if (dlq == null) {
                    throw new IllegalStateException(
                            "queue " + spec.name() + " names an unknown dead-letter queue " + spec.deadLetterQueue());
                }
                byName.put(
                        spec.name(),
                        create(
                                spec,
                                config,
                                DeadLetterQueue.builder()
                                        .queue(dlq)
                                        .maxReceiveCount(spec.maxReceiveCount())
                                        .build()));
            }
        }
    }

    private Queue create(QueueSpec spec, VerityConfig config, DeadLetterQueue dlq) {
        Queue.Builder builder = Queue.Builder.create(this, Names.pascal(spec.name()))
                .queueName(config.physicalName(spec.name()))
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true);
        if (dlq == null) {
            builder.retentionPeriod(Duration.days(14));
        } else {
            builder.deadLetterQueue(dlq);
        }
        return builder.build();
    }

    public Queue get(QueueSpec spec) {
        Queue queue = byName.get(spec.name());
        if (queue == null) {
            throw new IllegalArgumentException("no queue named " + spec.name());
        }
        return queue;
    }

    /** The catalog's dead-letter queues (those without a dead-letter queue of their own). */
    public Map<QueueSpec, Queue> deadLetterQueues() {
        Map<QueueSpec, Queue> dlqs = new LinkedHashMap<>();
        for (QueueSpec spec : Catalog.QUEUES) {
            if (spec.deadLetterQueue() == null) {
                dlqs.put(spec, get(spec));
            }
        }
        return dlqs;
    }
}
