package dev.verity.store;

import dev.verity.cost.FunctionUsage;
import dev.verity.cost.JobUsage;
import dev.verity.cost.Operation;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link UsageStore} on the jobs' table: beside a job's other items (partition {@code JOB#<name>}), one item per
 * function (sort key {@code #USAGE#<function>}), one number attribute per count, each invocation's counts added by
 * one UpdateItem {@code ADD}, so concurrent invocations never overwrite one another. One item per function, not per
 * job: an UpdateItem is billed by the item's size, a write unit per KB, and one function's counts stay small.
 */
public final class DynamoUsageStore implements UsageStore {

    private static final String USAGE_SK = "#USAGE#";
    private static final String REQUEST = "r|";
    private static final String INVOCATIONS = "fi|";
    private static final String MB_MS = "fm|";
    private static final String READ_UNITS = "dr";
    private static final String WRITE_UNITS = "dw";
    private static final String S3_BYTES = "s3b";
    /** As DynamoJobStore: a longer name names no job. */
    private static final int MAX_JOB_NAME_LENGTH = 63;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUsageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(String jobName, JobUsage usage) {
        if (jobName.length() > MAX_JOB_NAME_LENGTH) {
            return;
        }
        Map<String, BigDecimal> counts = new LinkedHashMap<>();
        usage.requests()
                .forEach((op, n) -> counts.put(REQUEST + op.service() + "|" + op.name(), BigDecimal.valueOf(n)));
        usage.functions().forEach((function, u) -> {
            counts.put(INVOCATIONS + function, BigDecimal.valueOf(u.invocations()));
            counts.put(MB_MS + function, BigDecimal.valueOf(u.billedMbMs()));
        });
        counts.put(READ_UNITS, BigDecimal.valueOf(usage.dynamoReadUnits()));
        counts.put(WRITE_UNITS, BigDecimal.valueOf(usage.dynamoWriteUnits()));
        counts.put(S3_BYTES, BigDecimal.valueOf(usage.s3BytesPut()));
        StringBuilder expression = new StringBuilder("ADD ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, BigDecimal> count : counts.entrySet()) {
            if (i > 0) {
                expression.append(", ");
            }
            expression.append("#a").append(i).append(" :v").append(i);
            names.put("#a" + i, count.getKey());
            values.put(":v" + i, AttributeValue.fromN(count.getValue().toPlainString()));
            i++;
        }
        dynamo.updateItem(b -> b.tableName(table)
                .key(DynamoJobStore.key(DynamoJobStore.pk(jobName), USAGE_SK + itemOf(usage)))
                .updateExpression(expression.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    @Override
    public JobUsage get(String jobName) {
        if (jobName.length() > MAX_JOB_NAME_LENGTH) {
            return JobUsage.NONE;
        }
        JobUsage total = JobUsage.NONE;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :usage)")
                    .expressionAttributeValues(Map.of(
                            ":pk",
                            AttributeValue.fromS(DynamoJobStore.pk(jobName)),
                            ":usage",
                            AttributeValue.fromS(USAGE_SK)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                total = total.plus(usage(item));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    /** The item an invocation's counts go to: its function's (an invocation is one function's). */
    private static String itemOf(JobUsage usage) {
        return usage.functions().size() == 1
                ? usage.functions().keySet().iterator().next()
                : "-";
    }

    private static JobUsage usage(Map<String, AttributeValue> item) {
        Map<Operation, Long> requests = new TreeMap<>();
        Map<String, Long> invocations = new TreeMap<>();
        Map<String, Long> mbMs = new TreeMap<>();
        double read = 0;
        double write = 0;
        long s3Bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            String name = attribute.getKey();
            String n = attribute.getValue().n();
            if (n == null) {
                continue; // the keys
            }
            if (name.startsWith(REQUEST)) {
                String[] parts = name.substring(REQUEST.length()).split("\\|", 2);
                requests.put(new Operation(parts[0], parts[1]), new BigDecimal(n).longValue());
            } else if (name.startsWith(INVOCATIONS)) {
                invocations.put(name.substring(INVOCATIONS.length()), new BigDecimal(n).longValue());
            } else if (name.startsWith(MB_MS)) {
                mbMs.put(name.substring(MB_MS.length()), new BigDecimal(n).longValue());
            } else if (name.equals(READ_UNITS)) {
                read = Double.parseDouble(n);
            } else if (name.equals(WRITE_UNITS)) {
                write = Double.parseDouble(n);
            } else if (name.equals(S3_BYTES)) {
                s3Bytes = new BigDecimal(n).longValue();
            }
        }
        Map<String, FunctionUsage> functions = new TreeMap<>();
        invocations.forEach((f, count) -> functions.put(f, new FunctionUsage(count, mbMs.getOrDefault(f, 0L))));
        return new JobUsage(requests, functions, read, write, s3Bytes, 0);
    }
}
