package dev.verity.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One required answer for one data object: the body of a task queue message.
 *
 * @param taskInput what a custom job's pre-annotation Lambda returned for the object (Ground Truth's
 *                  {@code task.input}), or null for built-in task types
 */
public record TaskMessage(String jobName, String objectId, ObjectNode dataObject, JsonNode taskInput) {

    /** A built-in task type's message: workers see the data object itself. */
    public TaskMessage(String jobName, String objectId, ObjectNode dataObject) {
        this(jobName, objectId, dataObject, null);
    }
}
