package dev.verity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@link JobStore} on one DynamoDB table. Items of a job share the partition {@code JOB#<lower-case name>}:
 * sort key {@code #JOB} for the job, {@code OBJ#<id>} for an object's progress, {@code ASG#<id>#<worker>} for an
 * assignment (ids zero-padded so a chunk's objects are one key range). GSI1 ({@code JOBS}, creation time) lists jobs.
 */
public final class DynamoJobStore implements JobStore {

    private static final String JOB_SK = "#JOB";
    private static final String JOBS_GSI_PK = "JOBS";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoJobStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * CreateLabelingJob allows names of at most 63 characters, so a longer one (from a URL path or a forged assignment
     * id) names no job; its key could also pass DynamoDB's 2048-byte limit, which DynamoDB refuses with an error.
     */
    private static final int MAX_JOB_NAME_LENGTH = 63;

    private static boolean namesNoJob(String jobName) {
        return jobName.length() > MAX_JOB_NAME_LENGTH;
    }

    /** The job's partition, which DynamoHitStore shares. */
    static String pk(String jobName) {
        return "JOB#" + jobName.toLowerCase(Locale.ROOT);
    }

    /** An object id zero-padded, so that a range of ids is a range of sort keys. */
    static String objectKey(long objectId) {
        return String.format("%012d", objectId);
    }

    private static String objSk(String objectId) {
        return "OBJ#" + objectKey(Long.parseLong(objectId));
    }

    /** The object a worker holds in a job (one at a time); after the objects, assignments and the job in sort order. */
    private static String holdSk(String workerId) {
        return "WKR#" + workerId;
    }

    private static String asgSk(String objectId, String workerId) {
        return "ASG#" + objectKey(Long.parseLong(objectId)) + "#" + workerId;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    @Override
    public boolean create(JobRecord job) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(job.name()), JOB_SK));
        item.put("name", s(job.name()));
        item.put("arn", s(job.arn()));
        item.put("request", s(Json.write(job.request())));
        if (job.categories() != null) {
            item.put("categories", s(Json.write(job.categories())));
        }
        item.put("status", s(job.status().name()));
        item.put("createdAt", s(job.createdAt().toString()));
        item.put("modifiedAt", s(job.modifiedAt().toString()));
        item.put("gsi1pk", s(JOBS_GSI_PK));
        item.put("gsi1sk", s(job.createdAt() + "#" + job.name()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<JobRecord> get(String jobName) {
        if (namesNoJob(jobName)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(key(pk(jobName), JOB_SK)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toJob(item));
    }

    @Override
    public Page list(int limit, String pageToken, LabelingJobStatus status) {
        // A filter applies after DynamoDB's Limit, so a filtered page is filled by reading on until it is full; the
        // next token then names the last job returned, not the last one read.
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = pageToken == null ? null : startKey(pageToken);
        boolean more = true;
        while (items.size() < limit && more) {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName("gsi1")
                    .scanIndexForward(false)
                    .limit(limit - items.size())
                    .keyConditionExpression("gsi1pk = :p");
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(JOBS_GSI_PK)));
            if (status != null) {
                query.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"));
                values.put(":status", s(status.name()));
            }
            query.expressionAttributeValues(values);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            items.addAll(response.items());
            more = response.hasLastEvaluatedKey()
                    && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
        }
        String next = null;
        if (more && !items.isEmpty()) {
            Map<String, AttributeValue> last = items.get(items.size() - 1);
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            (last.get("gsi1sk").s() + "\n" + last.get("pk").s().substring(4))
                                    .getBytes(StandardCharsets.UTF_8));
        }
        return new Page(items.stream().map(DynamoJobStore::toJob).toList(), next);
    }

    /** The index key a page token names; IllegalArgumentException if it is not a token {@link #list} gave out. */
    private static Map<String, AttributeValue> startKey(String pageToken) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split("\n", 2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a page token this API gave out (it is not base64url)");
        }
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("not a page token this API gave out");
        }
        return Map.of("pk", s(pk(parts[1])), "sk", s(JOB_SK), "gsi1pk", s(JOBS_GSI_PK), "gsi1sk", s(parts[0]));
    }

    @Override
    public boolean transition(String jobName, Set<LabelingJobStatus> from, LabelingJobStatus to, String failureReason) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to.name()));
        values.put(":now", s(Instant.now().toString()));
        List<String> allowed = new ArrayList<>();
        int i = 0;
        for (LabelingJobStatus status : from) {
            values.put(":f" + i, s(status.name()));
            allowed.add(":f" + i++);
        }
        if (failureReason != null) {
            values.put(":reason", s(failureReason));
        }
        // A job leaving Failed (resumed) no longer has a failure to report.
        String update = "SET #status = :to, modifiedAt = :now"
                + (failureReason == null ? " REMOVE failureReason" : ", failureReason = :reason");
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), JOB_SK))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(pk) AND #status IN (" + String.join(", ", allowed) + ")")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void recordPrepared(String jobName, long datasetObjects, long rejectedLines) {
        set(jobName, Map.of("datasetObjects", n(datasetObjects), "rejectedLines", n(rejectedLines)));
    }

    @Override
    public void recordSelected(String jobName, long selectedObjects, int chunkCount) {
        set(jobName, Map.of("selectedObjects", n(selectedObjects), "chunkCount", n(chunkCount)));
    }

    @Override
    public void recordTaskToken(String jobName, String taskToken) {
        set(jobName, Map.of("taskToken", s(taskToken)));
    }

    @Override
    public boolean startBatch(String jobName, int batch, long objects) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), JOB_SK))
                    .updateExpression("SET #batch = :batch, batchTarget = if_not_exists(completedObjects, :zero) "
                            + "+ :objects, batchObjects = :objects, batchSent = :zero, modifiedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#batch) OR #batch < :batch)")
                    .expressionAttributeNames(Map.of("#batch", "batch"))
                    .expressionAttributeValues(Map.of(
                            ":batch",
                            n(batch),
                            ":zero",
                            n(0),
                            ":objects",
                            n(objects),
                            ":now",
                            s(Instant.now().toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean advanceSent(String jobName, int batch, long from, long to) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), JOB_SK))
                    .updateExpression("SET batchSent = :to")
                    .conditionExpression("#batch = :batch AND batchSent = :from")
                    .expressionAttributeNames(Map.of("#batch", "batch"))
                    .expressionAttributeValues(Map.of(":batch", n(batch), ":from", n(from), ":to", n(to))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void closeBatch(String jobName, int batch) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), JOB_SK))
                    .updateExpression("SET closedBatch = :batch, modifiedAt = :now")
                    .conditionExpression(
                            "attribute_exists(pk) AND (attribute_not_exists(closedBatch) " + "OR closedBatch < :batch)")
                    .expressionAttributeValues(
                            Map.of(":batch", n(batch), ":now", s(Instant.now().toString()))));
        } catch (ConditionalCheckFailedException e) {
            // closed already (a retried step)
        }
    }

    @Override
    public long countCompletedObjects(String jobName, int batch) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :obj)")
                .filterExpression("countedBatch = :batch")
                .expressionAttributeValues(Map.of(":pk", s(pk(jobName)), ":obj", s("OBJ#"), ":batch", n(batch)))
                .select(Select.COUNT)
                .build();
        return dynamo.queryPaginator(query).stream()
                .mapToLong(QueryResponse::count)
                .sum();
    }

    @Override
    public boolean claimRecount(String jobName, Instant now, Duration interval) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), JOB_SK))
                    .updateExpression("SET recountedAt = :now")
                    .conditionExpression(
                            "attribute_exists(pk) AND (attribute_not_exists(recountedAt) " + "OR recountedAt <= :due)")
                    .expressionAttributeValues(Map.of(
                            ":now",
                            n(now.toEpochMilli()),
                            ":due",
                            n(now.minus(interval).toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean claimNotice(String jobName, String notice) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), JOB_SK))
                    .updateExpression("SET #notice = :now")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#notice)")
                    .expressionAttributeNames(Map.of("#notice", "notice_" + notice))
                    .expressionAttributeValues(Map.of(":now", s(Instant.now().toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Instant> noticeClaimed(String jobName, String notice) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(key(pk(jobName), JOB_SK))
                        .consistentRead(true)
                        .projectionExpression("#notice")
                        .expressionAttributeNames(Map.of("#notice", "notice_" + notice)))
                .item();
        return item == null || !item.containsKey("notice_" + notice)
                ? Optional.empty()
                : Optional.of(Instant.parse(item.get("notice_" + notice).s()));
    }

    @Override
    public void recordMachineLabeled(String jobName, long machineLabeledObjects) {
        set(jobName, Map.of("machineLabeledObjects", n(machineLabeledObjects)));
    }

    @Override
    public void recordModel(String jobName, int iteration) {
        set(jobName, Map.of("modelIteration", n(iteration)));
    }

    @Override
    public void recordOutput(
            String jobName,
            long labeledObjects,
            long machineLabeledObjects,
            long failedObjects,
            String outputManifestUri) {
        set(
                jobName,
                Map.of(
                        "labeledObjects",
                        n(labeledObjects),
                        "machineLabeledObjects",
                        n(machineLabeledObjects),
                        "failedObjects",
                        n(failedObjects),
                        "outputManifestUri",
                        s(outputManifestUri)));
    }

    private void set(String jobName, Map<String, AttributeValue> attributes) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        attributes.forEach((name, value) -> {
            names.put("#" + name, name);
            values.put(":" + name, value);
            assignments.add("#" + name + " = :" + name);
        });
        values.put(":now", s(Instant.now().toString()));
        dynamo.updateItem(b -> b.tableName(table)
                .key(key(pk(jobName), JOB_SK))
                .updateExpression("SET " + String.join(", ", assignments) + ", modifiedAt = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    @Override
    public boolean claim(Assignment a) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(a.jobName()), asgSk(a.objectId(), a.workerId())));
        item.put("objectId", s(a.objectId()));
        item.put("workerId", s(a.workerId()));
        if (a.issuer() != null) {
            item.put("issuer", s(a.issuer()));
        }
        item.put("status", s(a.status().name()));
        item.put("receipt", s(a.receiptHandle()));
        item.put("acceptedAt", s(a.acceptedAt().toString()));
        item.put("deadline", s(a.deadline().toString()));
        item.put("dataObject", s(Json.write(a.dataObject())));
        item.put("batch", n(a.batch()));
        if (a.taskInput() != null) {
            item.put("taskInput", s(Json.write(a.taskInput())));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<String> heldObject(String jobName, String workerId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(key(pk(jobName), holdSk(workerId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty() || num(item, "until") <= now.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.of(item.get("objectId").s());
    }

    @Override
    public boolean hold(String jobName, String workerId, String objectId, Instant until, Instant now, String ended) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", n(now.toEpochMilli()));
        values.put(":object", s(objectId));
        String condition = "attribute_not_exists(pk) OR #until <= :now OR objectId = :object";
        if (ended != null) {
            values.put(":ended", s(ended));
            condition += " OR objectId = :ended";
        }
        String allowed = condition;
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "pk",
                            s(pk(jobName)),
                            "sk",
                            s(holdSk(workerId)),
                            "objectId",
                            s(objectId),
                            "until",
                            n(until.toEpochMilli())))
                    .conditionExpression(allowed)
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void letGo(String jobName, String workerId, String objectId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(key(pk(jobName), holdSk(workerId)))
                    .conditionExpression("objectId = :object")
                    .expressionAttributeValues(Map.of(":object", s(objectId))));
        } catch (ConditionalCheckFailedException e) {
            // the worker holds another object now, or nothing
        }
    }

    @Override
    public Optional<Assignment> assignment(String jobName, String objectId, String workerId) {
        if (namesNoJob(jobName)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(key(pk(jobName), asgSk(objectId, workerId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toAssignment(jobName, item));
    }

    @Override
    public boolean submit(Assignment a) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(a.jobName()), asgSk(a.objectId(), a.workerId())))
                    .updateExpression("SET #status = :submitted, submittedAt = :at, answer = :answer")
                    .conditionExpression("#status = :claimed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":submitted",
                            s(Assignment.Status.SUBMITTED.name()),
                            ":claimed",
                            s(Assignment.Status.CLAIMED.name()),
                            ":at",
                            s(a.submittedAt().toString()),
                            ":answer",
                            s(Json.write(a.answer())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void release(String jobName, String objectId, String workerId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(key(pk(jobName), asgSk(objectId, workerId)))
                    .conditionExpression("#status = :claimed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":claimed", s(Assignment.Status.CLAIMED.name()))));
        } catch (ConditionalCheckFailedException e) {
            // already submitted or gone: nothing to release
        }
    }

    @Override
    public boolean decline(String jobName, String objectId, String workerId) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), asgSk(objectId, workerId)))
                    .updateExpression("SET #status = :declined")
                    .conditionExpression("#status = :claimed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":declined",
                            s(Assignment.Status.DECLINED.name()),
                            ":claimed",
                            s(Assignment.Status.CLAIMED.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public int addDecliner(String jobName, String objectId, String workerId) {
        return addToObjectSet(jobName, objectId, "decliners", workerId);
    }

    @Override
    public void addFailedObject(String jobName) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(key(pk(jobName), JOB_SK))
                .updateExpression("ADD failedObjects :one")
                .expressionAttributeValues(Map.of(":one", n(1))));
    }

    @Override
    public ObjectState objectState(String jobName, String objectId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(key(pk(jobName), objSk(objectId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return ObjectState.NEW;
        }
        return new ObjectState(item.containsKey("counted"), setSize(item, "answerers"), setSize(item, "decliners"));
    }

    private static int setSize(Map<String, AttributeValue> item, String attribute) {
        AttributeValue set = item.get(attribute);
        return set == null ? 0 : set.ss().size();
    }

    @Override
    public int addAnswerer(String jobName, String objectId, String workerId) {
        return addToObjectSet(jobName, objectId, "answerers", workerId);
    }

    /** Adds the worker to a string set of the object's item (a set, so a retry adds nothing); answers its size. */
    private int addToObjectSet(String jobName, String objectId, String attribute, String workerId) {
        UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table)
                .key(key(pk(jobName), objSk(objectId)))
                .updateExpression("ADD " + attribute + " :w")
                .expressionAttributeValues(Map.of(":w", AttributeValue.fromSs(List.of(workerId))))
                .returnValues(ReturnValue.ALL_NEW));
        return response.attributes().get(attribute).ss().size();
    }

    @Override
    public long completeObject(String jobName, String objectId, int batch) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(pk(jobName), objSk(objectId)))
                    .updateExpression("SET counted = :yes, countedBatch = :batch")
                    .conditionExpression("attribute_not_exists(counted)")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true), ":batch", n(batch))));
        } catch (ConditionalCheckFailedException e) {
            return -1;
        }
        UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table)
                .key(key(pk(jobName), JOB_SK))
                .updateExpression("ADD completedObjects :one")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("completedObjects").n());
    }

    @Override
    public List<Assignment> submittedAnswers(String jobName, long fromObject, long toObject) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .filterExpression("#status = :submitted")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":pk",
                        s(pk(jobName)),
                        ":from",
                        s("ASG#" + objectKey(fromObject) + "#"),
                        ":to",
                        s("ASG#" + objectKey(toObject) + "#\uffff"),
                        ":submitted",
                        s(Assignment.Status.SUBMITTED.name())))
                .build();
        return dynamo.queryPaginator(query).items().stream()
                .map(item -> toAssignment(jobName, item))
                .collect(Collectors.toList());
    }

    private static Assignment toAssignment(String jobName, Map<String, AttributeValue> item) {
        return new Assignment(
                jobName,
                item.get("objectId").s(),
                item.get("workerId").s(),
                str(item, "issuer"),
                Assignment.Status.valueOf(item.get("status").s()),
                str(item, "receipt"),
                instant(item, "acceptedAt"),
                instant(item, "deadline"),
                instant(item, "submittedAt"),
                item.containsKey("answer") ? Json.parse(item.get("answer").s()) : null,
                item.containsKey("dataObject")
                        ? (ObjectNode) Json.parse(item.get("dataObject").s())
                        : null,
                item.containsKey("batch") ? (int) num(item, "batch") : 1,
                item.containsKey("taskInput") ? Json.parse(item.get("taskInput").s()) : null);
    }

    private static JobRecord toJob(Map<String, AttributeValue> item) {
        JsonNode categories = item.containsKey("categories")
                ? Json.parse(item.get("categories").s())
                : null;
        return new JobRecord(
                item.get("name").s(),
                item.get("arn").s(),
                Json.parse(item.get("request").s()),
                categories,
                LabelingJobStatus.valueOf(item.get("status").s()),
                str(item, "failureReason"),
                instant(item, "createdAt"),
                instant(item, "modifiedAt"),
                str(item, "taskToken"),
                num(item, "datasetObjects"),
                num(item, "rejectedLines"),
                num(item, "selectedObjects"),
                num(item, "completedObjects"),
                num(item, "labeledObjects"),
                (int) num(item, "chunkCount"),
                str(item, "outputManifestUri"),
                (int) num(item, "batch"),
                num(item, "batchTarget"),
                num(item, "machineLabeledObjects"),
                (int) num(item, "modelIteration"),
                (int) num(item, "closedBatch"),
                num(item, "batchObjects"),
                // a batch started before sends were counted sent every object at once
                item.containsKey("batchSent") ? num(item, "batchSent") : num(item, "batchObjects"),
                num(item, "failedObjects"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
