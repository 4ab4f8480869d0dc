package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a worker is shown of one object's task: its job, what to label, the instructions and how the portal draws it.
 *
 * @param taskInput    Ground Truth's {@code task.input}: for a custom job exactly what its pre-annotation Lambda
 *                     returned, for a built-in one the object (a browser URL if in S3), the labels and any start value
 * @param instructions the label category configuration's instructions; null if it has none (and for custom jobs)
 */
public record TaskContent(
        String jobName,
        String taskType,
        String datasetObjectId,
        String title,
        String description,
        int taskTimeLimitInSeconds,
        JsonNode taskInput,
        JsonNode instructions,
        Ui ui) {

    /**
     * How the portal draws the task.
     *
     * @param tool           the task type's own UI configuration (its crowd element and settings)
     * @param humanTaskUiArn the UI a custom job names instead of a template; else null
     * @param template       the requester's worker template; null if the job has none
     */
    public record Ui(JsonNode tool, String humanTaskUiArn, Template template) {}

    /**
     * The requester's worker template.
     *
     * @param url        where the portal reads it (presigned for the task time limit)
     * @param readAccess a browser URL for each {@code s3://} URI in the task input, for the template's
     *                   {@code grant_read_access}, in the order they appear
     */
    public record Template(String s3Uri, String url, Map<String, String> readAccess) {}
}
