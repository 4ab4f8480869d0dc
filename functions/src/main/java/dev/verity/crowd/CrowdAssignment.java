package dev.verity.crowd;

/**
 * A submitted assignment as the marketplace describes it.
 *
 * @param status {@code Submitted}, {@code Approved} or {@code Rejected}
 * @param answer the worker's answer as the marketplace recorded it (a QuestionFormAnswers document), or null
 */
public record CrowdAssignment(String assignmentId, String hitId, String workerId, String status, String answer) {

    public boolean isApproved() {
        return "Approved".equals(status);
    }
}
