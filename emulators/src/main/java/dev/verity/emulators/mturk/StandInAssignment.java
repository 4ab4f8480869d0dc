package dev.verity.emulators.mturk;

import java.time.Instant;

/**
 * A worker's assignment of a HIT in the stand-in: Accepted when the worker takes the HIT, Submitted with the answer
 * the task page posted, then Approved or Rejected by the requester.
 */
public record StandInAssignment(
        String assignmentId,
        String hitId,
        String workerId,
        String status,
        Instant acceptTime,
        Instant deadline,
        Instant submitTime,
        Instant decisionTime,
        String answer,
        String requesterFeedback) {

    StandInAssignment with(String newStatus, Instant at, String newAnswer, String feedback) {
        return new StandInAssignment(
                assignmentId,
                hitId,
                workerId,
                newStatus,
                acceptTime,
                deadline,
                newStatus.equals("Submitted") ? at : submitTime,
                newStatus.equals("Approved") || newStatus.equals("Rejected") ? at : decisionTime,
                newAnswer == null ? answer : newAnswer,
                feedback == null ? requesterFeedback : feedback);
    }
}
