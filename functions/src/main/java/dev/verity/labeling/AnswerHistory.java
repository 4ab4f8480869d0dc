package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** Who answered one data object and what, oldest first. */
public record AnswerHistory(String jobName, String datasetObjectId, List<Entry> answers) {

    /**
     * One worker's answer.
     *
     * @param answer the answer as submitted, each {@code s3://} string field with a presigned sibling {@code <field>Url}
     */
    public record Entry(String workerId, Instant submittedAt, JsonNode answer) {}
}
