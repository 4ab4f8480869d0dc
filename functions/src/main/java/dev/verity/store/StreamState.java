package dev.verity.store;

import java.time.Instant;

/**
 * What a streaming job has taken in from its input topic so far. A round is one intake: the objects that waited in
 * the job's intake queue, labeled together as one human batch.
 *
 * @param subscriptionArn the intake queue's subscription to the input topic, null before it is made
 * @param openedAt        when the subscription was made, null before
 * @param rounds          rounds taken in so far (the last one's number)
 * @param lastChunk       the chunk holding the last round's objects
 * @param lastRoundObjects objects of the last round
 * @param datasetObjects  objects of the job after the last round (the initial manifest's included): the next id
 * @param selectedObjects objects sent to workers after the last round (the initial manifest's selected included)
 * @param rejected        messages that were no object (unreadable lines, lines the task type cannot label)
 * @param lastMessageAt   when a message last arrived, null if none has
 * @param outputRounds    rounds whose labels were written out and published, counting the initial manifest's as round
 *                        0: the next round to write out
 * @param labeled         objects labeled in those rounds
 * @param failed          objects of those rounds that could not be labeled
 */
public record StreamState(
        String subscriptionArn,
        Instant openedAt,
        int rounds,
        int lastChunk,
        long lastRoundObjects,
        long datasetObjects,
        long selectedObjects,
        long rejected,
        Instant lastMessageAt,
        int outputRounds,
        long labeled,
        long failed) {

    public static final StreamState NONE = new StreamState(null, null, 0, 0, 0, 0, 0, 0, null, 0, 0, 0);

    /** The last sign of life: the newest message, else the subscription. */
    public Instant lastActivity() {
        return lastMessageAt != null ? lastMessageAt : openedAt;
    }
}
