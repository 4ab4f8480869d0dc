package dev.verity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One worker's hold on one data object of a job: claimed when the worker takes the task, submitted with the answer.
 * There is at most one per (job, object, worker), which is what keeps a worker from answering an object twice. It
 * keeps the object's manifest line, which some task types need to check an answer (e.g. entity offsets in the text),
 * and the human batch its task came in ({@link dev.verity.queue.TaskMessage#batch()}); a custom task's input, so the
 * task can be shown again to the worker who holds it. {@code issuer}: who vouched for the worker (their token's issuer,
 * or Mechanical Turk), for the identity in Ground Truth's worker-response files; null in records from before it was kept.
 */
public record Assignment(
        String jobName,
        String objectId,
        String workerId,
        String issuer,
        Status status,
        String receiptHandle,
        Instant acceptedAt,
        Instant deadline,
        Instant submittedAt,
        JsonNode answer,
        ObjectNode dataObject,
        int batch,
        JsonNode taskInput) {

    /** DECLINED: the worker gave the task up for good; the record stays so they are never offered the object again. */
    public enum Status {
        CLAIMED,
        SUBMITTED,
        DECLINED
    }

    public Assignment submitted(Instant at, JsonNode answerContent) {
        return new Assignment(
                jobName,
                objectId,
                workerId,
                issuer,
                Status.SUBMITTED,
                receiptHandle,
                acceptedAt,
                deadline,
                at,
                answerContent,
                dataObject,
                batch,
                taskInput);
    }
}
