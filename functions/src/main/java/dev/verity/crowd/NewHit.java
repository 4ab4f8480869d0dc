package dev.verity.crowd;

/**
 * A HIT to create.
 *
 * @param reward                       dollars and cents, e.g. {@code "0.12"}, paid for each assignment
 * @param keywords                     comma-separated words workers search by, or null
 * @param question                     an ExternalQuestion document ({@link ExternalQuestion})
 * @param uniqueRequestToken           at most 64 characters; the same token never creates a second HIT
 * @param requesterAnnotation          visible to the requester only, or null
 */
public record NewHit(
        String title,
        String description,
        String keywords,
        String reward,
        int maxAssignments,
        long assignmentDurationInSeconds,
        long lifetimeInSeconds,
        String question,
        String uniqueRequestToken,
        String requesterAnnotation) {}
