package dev.verity.catalog;

/**
 * One SQS queue the stack creates. {@code deadLetterQueue} is the name of its dead-letter queue, or null for a
 * queue that is itself a dead-letter queue.
 */
public record QueueSpec(String name, int visibilityTimeoutSeconds, String deadLetterQueue, int maxReceiveCount) {}
