package dev.verity.crowd;

import java.util.Optional;

/**
 * A marketplace of paid crowd workers that Verity publishes tasks to and pays through: Amazon Mechanical Turk's
 * requester API ({@link MechanicalTurkRequester}). One HIT per data object, with as many assignments as the object
 * needs answers; a worker's assignment is theirs alone.
 */
public interface CrowdMarketplace {

    /**
     * Creates the HIT; if one was created already with the same {@link NewHit#uniqueRequestToken()}, answers that one
     * instead, so a retried call never creates a second.
     */
    Hit createHit(NewHit hit);

    /**
     * The assignment as the marketplace shows it, or empty if it shows none by that id. Mechanical Turk shows an
     * assignment only once its worker submitted it (Submitted, Approved or Rejected): while a worker is still working,
     * as when a forged id is asked about, the answer is empty.
     */
    Optional<CrowdAssignment> assignment(String assignmentId);

    /**
     * Approves a submitted assignment, so its worker is paid. True if it was approved now, false if it was approved
     * before (a retry).
     *
     * @throws CrowdMarketplaceException if the marketplace refuses (no such assignment, or a rejected one)
     */
    boolean approve(String assignmentId, String feedback);

    /** Ends the HIT's availability now: no more workers can accept it (those working may still submit). */
    void expire(String hitId);
}
