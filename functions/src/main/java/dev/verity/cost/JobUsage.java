package dev.verity.cost;

import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS resources a job used, as counted by its invocations.
 *
 * @param requests          AWS requests by service and operation
 * @param functions         Lambda invocations and billed MB-ms by catalog function name
 * @param dynamoReadUnits   DynamoDB read request units (as DynamoDB reported them, else one per read request)
 * @param dynamoWriteUnits  DynamoDB write request units (likewise)
 * @param s3BytesPut        bytes written to S3 (what a month of storage is priced on)
 * @param stateTransitions  Step Functions state transitions of the job's execution (not stored: read when priced)
 */
public record JobUsage(
        Map<Operation, Long> requests,
        Map<String, FunctionUsage> functions,
        double dynamoReadUnits,
        double dynamoWriteUnits,
        long s3BytesPut,
        long stateTransitions) {

    public static final JobUsage NONE = new JobUsage(Map.of(), Map.of(), 0, 0, 0, 0);

    public JobUsage {
        requests = Map.copyOf(requests);
        functions = Map.copyOf(functions);
    }

    /** Both usages together. */
    public JobUsage plus(JobUsage other) {
        Map<Operation, Long> r = new TreeMap<>(requests);
        other.requests.forEach((op, n) -> r.merge(op, n, Long::sum));
        Map<String, FunctionUsage> f = new TreeMap<>(functions);
        other.functions.forEach((name, u) -> f.merge(name, u, FunctionUsage::plus));
        return new JobUsage(
                r,
                f,
                dynamoReadUnits + other.dynamoReadUnits,
                dynamoWriteUnits + other.dynamoWriteUnits,
                s3BytesPut + other.s3BytesPut,
                stateTransitions + other.stateTransitions);
    }

    public JobUsage withStateTransitions(long transitions) {
        return new JobUsage(requests, functions, dynamoReadUnits, dynamoWriteUnits, s3BytesPut, transitions);
    }

    /** Requests to one service, all operations. */
    public long requests(String service) {
        return requests.entrySet().stream()
                .filter(e -> e.getKey().service().equals(service))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public long requests(String service, String operation) {
        return requests.getOrDefault(new Operation(service, operation), 0L);
    }

    public long invocations() {
        return functions.values().stream().mapToLong(FunctionUsage::invocations).sum();
    }

    public double gbSeconds() {
        return functions.values().stream().mapToDouble(FunctionUsage::gbSeconds).sum();
    }
}
