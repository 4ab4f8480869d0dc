package dev.verity.fakes;

import dev.verity.store.StreamState;
import dev.verity.store.StreamStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** {@link StreamStore} in memory, with DynamoStreamStore's conditions. */
public final class InMemoryStreamStore implements StreamStore {

    /** One job's stream, as DynamoStreamStore's item holds it. */
    private static final class Item {
        String subscriptionArn;
        Instant openedAt;
        int rounds;
        int lastChunk;
        long lastRoundObjects;
        long datasetObjects;
        long selectedObjects;
        long rejected;
        Instant lastMessageAt;
        int outputRounds;
        long labeled;
        long failed;

        StreamState state() {
            return new StreamState(
                    subscriptionArn,
                    openedAt,
                    rounds,
                    lastChunk,
                    lastRoundObjects,
                    datasetObjects,
                    selectedObjects,
                    rejected,
                    lastMessageAt,
                    outputRounds,
                    labeled,
                    failed);
        }
    }

    private final Map<String, Item> items = new HashMap<>();
    private final Map<String, Integer> claims = new HashMap<>();

    private Item item(String jobName) {
        return items.computeIfAbsent(jobName, j -> new Item());
    }

    @Override
    public synchronized StreamState state(String jobName) {
        Item item = items.get(jobName);
        return item == null ? StreamState.NONE : item.state();
    }

    @Override
    public synchronized void recordSubscription(String jobName, String subscriptionArn, Instant at) {
        Item item = item(jobName);
        if (item.subscriptionArn == null) {
            item.subscriptionArn = subscriptionArn;
            item.openedAt = at;
        }
    }

    @Override
    public synchronized void touch(String jobName, Instant at) {
        item(jobName).lastMessageAt = at;
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
        Item item = item(jobName);
        if (item.rounds != round - 1) {
            return false;
        }
        item.rounds = round;
        item.lastChunk = chunk;
        item.lastRoundObjects = roundObjects;
        item.datasetObjects = datasetObjects;
        item.selectedObjects = selectedObjects;
        return true;
    }

    @Override
    public synchronized void addRejected(String jobName, long messages) {
        item(jobName).rejected += messages;
    }

    @Override
    public synchronized boolean addRoundOutput(String jobName, int round, long labeled, long failed) {
        Item item = item(jobName);
        if (item.outputRounds >= round + 1) {
            return false;
        }
        item.outputRounds = round + 1;
        item.labeled += labeled;
        item.failed += failed;
        return true;
    }
}
