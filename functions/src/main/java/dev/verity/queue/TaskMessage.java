package dev.verity.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One required answer for one data object: the body of a task queue message.
 *
 * @param taskInput what a custom job's pre-annotation Lambda returned for the object (Ground Truth's
 *                  {@code task.input}), or null for built-in task types
 * @param batch     the human batch the task was sent in (1 for a human-only job; automated labeling sends one per
 *                  round); a task of a batch that has ended is not handed out
 */
public record TaskMessage(String jobName, String objectId, ObjectNode dataObject, JsonNode taskInput, int batch) {}
