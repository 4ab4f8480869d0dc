package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One data object's label after consolidation.
 *
 * @param value    what the output manifest holds under the label attribute name
 * @param metadata the task type's own {@code <attr>-metadata} fields, e.g. class-name and confidence; job-name,
 *                 creation-date and the like are added when the label is written
 * @param png      a PNG the label points at (a semantic-segmentation mask), or null: the output step stores it in
 *                 the job's S3 output and makes its S3 URI the value, since a task type cannot reach S3
 * @param human    true for a label from workers' answers, false for one a model gave (automated labeling)
 */
public record ConsolidatedLabel(String objectId, JsonNode value, ObjectNode metadata, byte[] png, boolean human) {

    /** A human label that may point at a PNG. */
    public ConsolidatedLabel(String objectId, JsonNode value, ObjectNode metadata, byte[] png) {
        this(objectId, value, metadata, png, true);
    }

    /** A human label that is all JSON. */
    public ConsolidatedLabel(String objectId, JsonNode value, ObjectNode metadata) {
        this(objectId, value, metadata, null, true);
    }

    /** The same label with another value, e.g. the S3 URI of its stored PNG. */
    public ConsolidatedLabel withValue(JsonNode newValue) {
        return new ConsolidatedLabel(objectId, newValue, metadata, png, human);
    }
}
