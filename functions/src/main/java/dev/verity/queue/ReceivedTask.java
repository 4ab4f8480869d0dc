package dev.verity.queue;

/** A task message taken from the queue, hidden from others until it is deleted, released or times out. */
public record ReceivedTask(TaskMessage task, String receiptHandle) {}
