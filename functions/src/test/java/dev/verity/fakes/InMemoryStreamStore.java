package dev.verity.fakes;

import dev.verity.store.StreamState;
import dev.verity.store.StreamStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** {@link StreamStore} in memory, with DynamoStreamStore's conditions. */
public final class InMemoryStreamStore implements StreamStore {

    private final Map<String, StreamState> states = new HashMap<>();
    private final Map<String, Integer> claims = new HashMap<>();

    @Override
    public synchronized StreamState state(String jobName) {
        return states.getOrDefault(jobName, StreamState.NONE);
    }

    private void put(String jobName, StreamState state) {
        states.put(jobName, state);
    }

    @Override
    public synchronized void recordSubscription(String jobName, String subscriptionArn, Instant at) {
        StreamState s = state(jobName);
        put(
                jobName,
                new StreamState(
                        s.subscriptionArn() == null ? subscriptionArn : s.subscriptionArn(),
                        s.openedAt() == null ? at : s.openedAt(),
                        s.rounds(),
                        s.lastChunk(),
                        s.lastRoundObjects(),
                        s.datasetObjects(),
                        s.selectedObjects(),
                        s.rejected(),
                        s.lastMessageAt(),
                        s.outputRounds(),
                        s.labeled(),
                        s.failed()));
    }

    @Override
    public synchronized void touch(String jobName, Instant at) {
        StreamState s = state(jobName);
        put(
                jobName,
                new StreamState(
                        s.subscriptionArn(),
                        s.openedAt(),
                        s.rounds(),
                        s.lastChunk(),
                        s.lastRoundObjects(),
                        s.datasetObjects(),
                        s.selectedObjects(),
                        s.rejected(),
                        at,
                        s.outputRounds(),
                        s.labeled(),
                        s.failed()));
    }

    @Override
    public synchronized boolean claim(String jobName, String dedupId, int round) {
        Integer claimed = claims.putIfAbsent(jobName + "\n" + dedupId, round);
        return claimed == null || claimed == round;
    }

    @Override
    public synchronized OptionalInt claimedBy(String jobName, String dedupId) {
        Integer claimed = claims.get(jobName + "\n" + dedupId);
        return claimed == null ? OptionalInt.empty() : OptionalInt.of(claimed);
    }

    @Override
    public synchronized boolean commitRound(
            String jobName, int round, int chunk, long roundObjects, long datasetObjects, long selectedObjects) {
        StreamState s = state(jobName);
        if (s.rounds() != round - 1) {
            return false;
        }
        put(
                jobName,
                new StreamState(
                        s.subscriptionArn(),
                        s.openedAt(),
                        round,
                        chunk,
                        roundObjects,
                        datasetObjects,
                        selectedObjects,
                        s.rejected(),
                        s.lastMessageAt(),
                        s.outputRounds(),
                        s.labeled(),
                        s.failed()));
        return true;
    }

    @Override
    public synchronized void addRejected(String jobName, long messages) {
        StreamState s = state(jobName);
        put(
                jobName,
                new StreamState(
                        s.subscriptionArn(),
                        s.openedAt(),
                        s.rounds(),
                        s.lastChunk(),
                        s.lastRoundObjects(),
                        s.datasetObjects(),
                        s.selectedObjects(),
                        s.rejected() + messages,
                        s.lastMessageAt(),
                        s.outputRounds(),
                        s.labeled(),
                        s.failed()));
    }

    @Override
    public synchronized boolean addRoundOutput(String jobName, int round, long labeled, long failed) {
        StreamState s = state(jobName);
        if (s.outputRounds() >= round + 1) {
            return false;
        }
        put(
                jobName,
                new StreamState(
                        s.subscriptionArn(),
                        s.openedAt(),
                        s.rounds(),
                        s.lastChunk(),
                        s.lastRoundObjects(),
                        s.datasetObjects(),
                        s.selectedObjects(),
                        s.rejected(),
                        s.lastMessageAt(),
                        round + 1,
                        s.labeled() + labeled,
                        s.failed() + failed));
        return true;
    }
}
