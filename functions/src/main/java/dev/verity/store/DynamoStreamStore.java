package dev.verity.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link StreamStore} in the job's partition of the Verity table: sort key {@code #STREAM} for the state,
 * {@code DDP#<SHA-256 of the id>} for each de-duplication id taken in (ids may be 1,024 characters; a sort key holds
 * 1,024 bytes).
 */
public final class DynamoStreamStore implements StreamStore {

    private static final String STREAM_SK = "#STREAM";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoStreamStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public StreamState state(String jobName) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(DynamoJobStore.key(DynamoJobStore.pk(jobName), STREAM_SK))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return StreamState.NONE;
        }
        return new StreamState(
                text(item, "subscriptionArn"),
                instant(item, "openedAt"),
                (int) num(item, "rounds"),
                (int) num(item, "lastChunk"),
                num(item, "lastRoundObjects"),
                num(item, "datasetObjects"),
                num(item, "selectedObjects"),
                num(item, "rejected"),
                instant(item, "lastMessageAt"),
                (int) num(item, "outputRounds"),
                num(item, "labeled"),
                num(item, "failed"));
    }

    @Override
    public void recordSubscription(String jobName, String subscriptionArn, Instant at) {
        update(
                jobName,
                "SET subscriptionArn = if_not_exists(subscriptionArn, :arn), openedAt = if_not_exists(openedAt, :at)",
                null,
                Map.of(":arn", s(subscriptionArn), ":at", s(at.toString())));
    }

    @Override
    public void touch(String jobName, Instant at) {
        update(jobName, "SET lastMessageAt = :at", null, Map.of(":at", s(at.toString())));
    }

    @Override
    public boolean claim(String jobName, String dedupId, int round) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "pk", s(DynamoJobStore.pk(jobName)),
                            "sk", s(dedupSk(dedupId)),
                            "round", n(round)))
                    .conditionExpression("attribute_not_exists(pk) OR #round = :round")
                    .expressionAttributeNames(Map.of("#round", "round"))
                    .expressionAttributeValues(Map.of(":round", n(round))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean commitRound(
            String jobName, int round, int chunk, long roundObjects, long datasetObjects, long selectedObjects) {
        return update(
                jobName,
                "SET rounds = :round, lastChunk = :chunk, lastRoundObjects = :objects, datasetObjects = :total,"
                        + " selectedObjects = :selected",
                round == 1 ? "attribute_not_exists(rounds) OR rounds = :previous" : "rounds = :previous",
                Map.of(
                        ":round", n(round),
                        ":previous", n(round - 1),
                        ":chunk", n(chunk),
                        ":objects", n(roundObjects),
                        ":total", n(datasetObjects),
                        ":selected", n(selectedObjects)));
    }

    @Override
    public OptionalInt claimedBy(String jobName, String dedupId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(DynamoJobStore.key(DynamoJobStore.pk(jobName), dedupSk(dedupId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) num(item, "round"));
    }

    private static String dedupSk(String dedupId) {
        return "DDP#" + sha256(dedupId);
    }

    @Override
    public void addRejected(String jobName, long messages) {
        update(jobName, "ADD rejected :n", null, Map.of(":n", n(messages)));
    }

    @Override
    public boolean addRoundOutput(String jobName, int round, long labeled, long failed) {
        return update(
                jobName,
                "SET outputRounds = :rounds ADD labeled :labeled, failed :failed",
                "attribute_not_exists(outputRounds) OR outputRounds < :rounds",
                Map.of(":rounds", n(round + 1L), ":labeled", n(labeled), ":failed", n(failed)));
    }

    /** One update of the state item; false if {@code condition} (null: none) did not hold. */
    private boolean update(String jobName, String expression, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(DynamoJobStore.key(DynamoJobStore.pk(jobName), STREAM_SK))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = text(item, name);
        return text == null ? null : Instant.parse(text);
    }
}
