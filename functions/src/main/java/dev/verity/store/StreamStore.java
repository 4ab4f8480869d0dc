package dev.verity.store;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * The intake of streaming jobs: each job's {@link StreamState} and the de-duplication ids it has taken in. Every write
 * is a single-item conditional write, so a retried intake changes nothing twice.
 */
public interface StreamStore {

    /** The job's stream, {@link StreamState#NONE} before it was opened. */
    StreamState state(String jobName);

    /** Records the input topic's subscription (the first one recorded stays). */
    void recordSubscription(String jobName, String subscriptionArn, Instant at);

    /** Records that messages arrived at {@code at}. */
    void touch(String jobName, Instant at);

    /**
     * Claims a de-duplication id for round {@code round}: true if no round had it, or this round had it already (a
     * retried intake), false if an earlier round took the object in.
     */
    boolean claim(String jobName, String dedupId, int round);

    /**
     * Records round {@code round} as taken in, if the last one taken in is {@code round - 1}: its objects are chunk
     * {@code chunk}, and the job then has {@code datasetObjects} objects, {@code selectedObjects} of them sent to
     * workers. False if the round was recorded before.
     */
    boolean commitRound(
            String jobName, int round, int chunk, long roundObjects, long datasetObjects, long selectedObjects);

    /** The round that took the de-duplication id in, if one did. */
    OptionalInt claimedBy(String jobName, String dedupId);

    /** Adds messages that were no object. */
    void addRejected(String jobName, long messages);

    /**
     * Adds round {@code round}'s labels to the totals (the initial manifest's batch is round 0), unless they were
     * added before: then false.
     */
    boolean addRoundOutput(String jobName, int round, long labeled, long failed);
}
