package dev.verity.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One required answer for one data object: the body of a task queue message. */
public record TaskMessage(String jobName, String objectId, ObjectNode dataObject) {
}
