package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One data object's label after consolidation.
 *
 * @param value    what the output manifest holds under the label attribute name
 * @param metadata the task type's own {@code <attr>-metadata} fields, e.g. class-name and confidence; job-name,
 *                 creation-date and the like are added when the label is written
 */
public record ConsolidatedLabel(String objectId, JsonNode value, ObjectNode metadata) {
}
