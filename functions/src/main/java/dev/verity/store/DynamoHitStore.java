package dev.verity.store;

import static dev.verity.store.DynamoJobStore.key;
import static dev.verity.store.DynamoJobStore.pk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link HitStore} in the job table, under the job's partition ({@code JOB#<name>}, as {@link DynamoJobStore} keeps
 * it): sort key {@code HIT#<object id>} for an object's HIT (ids zero-padded, so the job's HITs are one key range) and
 * {@code MTA#<assignment id>} for a recorded marketplace assignment.
 */
public final class DynamoHitStore implements HitStore {

    private static final String HIT = "HIT#";
    private static final String ASSIGNMENT = "MTA#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoHitStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static String hitSk(String objectId) {
        return HIT + DynamoJobStore.objectKey(Long.parseLong(objectId));
    }

    @Override
    public Optional<HitRecord> hit(String jobName, String objectId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(key(pk(jobName), hitSk(objectId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toHit(jobName, item));
    }

    @Override
    public boolean putHit(HitRecord hit) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(hit.jobName()), hitSk(hit.objectId())));
        item.put("objectId", AttributeValue.fromS(hit.objectId()));
        item.put("hitId", AttributeValue.fromS(hit.hitId()));
        item.put("batch", AttributeValue.fromN(Integer.toString(hit.batch())));
        item.put("dataObject", AttributeValue.fromS(Json.write(hit.dataObject())));
        if (hit.taskInput() != null) {
            item.put("taskInput", AttributeValue.fromS(Json.write(hit.taskInput())));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<HitRecord> hits(String jobName) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :hit)")
                .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS(pk(jobName)), ":hit", AttributeValue.fromS(HIT)))
                .build();
        return dynamo.queryPaginator(query).items().stream()
                .map(item -> toHit(jobName, item))
                .toList();
    }

    @Override
    public AssignmentRecord recordAssignment(AssignmentRecord assignment) {
        Map<String, AttributeValue> k = key(pk(assignment.jobName()), ASSIGNMENT + assignment.assignmentId());
        Map<String, AttributeValue> item = new HashMap<>(k);
        item.put("objectId", AttributeValue.fromS(assignment.objectId()));
        item.put("workerId", AttributeValue.fromS(assignment.workerId()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return assignment;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored = dynamo.getItem(
                            b -> b.tableName(table).key(k).consistentRead(true))
                    .item();
            return new AssignmentRecord(
                    assignment.jobName(),
                    assignment.assignmentId(),
                    stored.get("objectId").s(),
                    stored.get("workerId").s());
        }
    }

    private static HitRecord toHit(String jobName, Map<String, AttributeValue> item) {
        return new HitRecord(
                jobName,
                item.get("objectId").s(),
                item.get("hitId").s(),
                Integer.parseInt(item.get("batch").n()),
                (ObjectNode) Json.parse(item.get("dataObject").s()),
                item.containsKey("taskInput") ? Json.parse(item.get("taskInput").s()) : null);
    }
}
