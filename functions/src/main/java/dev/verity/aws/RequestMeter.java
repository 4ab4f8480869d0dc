package dev.verity.aws;

import dev.verity.cost.PriceTable;
import dev.verity.cost.UsageScope;
import dev.verity.cost.UsageTally;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts each AWS request (every attempt, as each is billed) into the tally of the invocation that made it
 * ({@link UsageScope}); requests made outside an invocation are not counted. DynamoDB requests ask for their
 * consumed capacity, so read and write request units are DynamoDB's own count; S3 uploads count their bytes.
 */
public final class RequestMeter implements ExecutionInterceptor {

    private static final ExecutionAttribute<UsageTally> TALLY = new ExecutionAttribute<>("VerityUsageTally");
    private static final Set<String> DYNAMO_WRITES =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
    private static final Set<String> DYNAMO_READS =
            Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");
    private static final Set<String> S3_UPLOADS = Set.of("PutObject", "UploadPart");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        UsageScope.current().ifPresent(tally -> attributes.putAttribute(TALLY, tally));
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(TALLY) == null) {
            return context.request();
        }
        return withConsumedCapacity(context.request());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        UsageTally tally = attributes.getAttribute(TALLY);
        if (tally == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        tally.request(service, operation);
        if (service.equals(PriceTable.S3) && S3_UPLOADS.contains(operation)) {
            context.httpRequest()
                    .firstMatchingHeader("Content-Length")
                    .ifPresent(length -> tally.s3BytesPut(Long.parseLong(length.trim())));
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        UsageTally tally = attributes.getAttribute(TALLY);
        if (tally != null && isDynamo(attributes)) {
            double units = consumedUnits(context.response());
            dynamoUnits(tally, attributes, units < 0 ? 1 : units);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        UsageTally tally = attributes.getAttribute(TALLY);
        if (tally != null && isDynamo(attributes)) {
            // a failed condition still consumes a unit; the failure carries no count
            dynamoUnits(tally, attributes, 1);
        }
    }

    private static boolean isDynamo(ExecutionAttributes attributes) {
        return PriceTable.DYNAMODB.equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }

    private static void dynamoUnits(UsageTally tally, ExecutionAttributes attributes, double units) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (DYNAMO_WRITES.contains(operation)) {
            tally.dynamoUnits(0, units);
        } else if (DYNAMO_READS.contains(operation)) {
            tally.dynamoUnits(units, 0);
        }
    }

    /** The capacity units a DynamoDB response reports (a batch: summed over its tables); -1 if it reports none. */
    private static double consumedUnits(SdkResponse response) {
        var single = response.getValueForField("ConsumedCapacity", ConsumedCapacity.class);
        if (single.isPresent()) {
            return units(single.get());
        }
        var batch = response.getValueForField("ConsumedCapacity", List.class);
        if (batch.isPresent() && !batch.get().isEmpty()) {
            double sum = 0;
            for (Object capacity : batch.get()) {
                sum += capacity instanceof ConsumedCapacity c ? units(c) : 0;
            }
            return sum;
        }
        return -1;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity.capacityUnits() == null ? 1 : capacity.capacityUnits();
    }

    /** The request, asking DynamoDB for its consumed capacity unless it asks already. */
    private static SdkRequest withConsumedCapacity(SdkRequest request) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }
}
