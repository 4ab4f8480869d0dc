package dev.verity.cost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Public list prices of one Region, in dollars per unit, with the day they were read. No free tier is applied: a
 * job's cost is what it adds to a bill that has used its free tier.
 *
 * @param region             the Region the prices are for
 * @param checkedOn          when they were read from the services' pricing pages
 * @param lambdaGbSecond     Lambda duration, x86, per GB-second
 * @param lambdaRequest      Lambda, per invocation
 * @param apiRequest         API Gateway HTTP API, per request (up to 512 KB)
 * @param stateTransition    Step Functions standard workflows, per state transition
 * @param sqsRequest         SQS standard queue, per request (each 64 KB chunk of a payload is one)
 * @param dynamoWriteUnit    DynamoDB on-demand, per write request unit
 * @param dynamoReadUnit     DynamoDB on-demand, per read request unit
 * @param s3TierOneRequest   S3 Standard PUT, COPY, POST and LIST requests, each
 * @param s3TierTwoRequest   S3 Standard GET and all other requests, each (DELETE is free)
 * @param s3GbMonth          S3 Standard storage, per GB-month
 * @param logsIngestedGb     CloudWatch Logs ingestion, per GB
 */
public record PriceTable(
        String region,
        LocalDate checkedOn,
        double lambdaGbSecond,
        double lambdaRequest,
        double apiRequest,
        double stateTransition,
        double sqsRequest,
        double dynamoWriteUnit,
        double dynamoReadUnit,
        double s3TierOneRequest,
        double s3TierTwoRequest,
        double s3GbMonth,
        double logsIngestedGb) {

    private static final double MILLION = 1_000_000;

    /**
     * us-east-1 list prices, read on 2026-12-07 (aws.amazon.com/lambda/pricing, /api-gateway/pricing,
     * /step-functions/pricing, /sqs/pricing, /dynamodb/pricing/on-demand after the November 2024 cut, /s3/pricing,
     * /cloudwatch/pricing).
     */
    public static final PriceTable US_EAST_1 = new PriceTable(
            "us-east-1",
            LocalDate.of(2026, 12, 7),
            0.0000166667,
            0.20 / MILLION,
            1.00 / MILLION,
            0.025 / 1000,
            0.40 / MILLION,
            0.625 / MILLION,
            0.125 / MILLION,
            0.005 / 1000,
            0.0004 / 1000,
            0.023,
            0.50);

    /** The SDK's service names. */
    public static final String DYNAMODB = "DynamoDb";

    public static final String SQS = "Sqs";
    public static final String S3 = "S3";
    public static final String STEP_FUNCTIONS = "Sfn";
    public static final String API_GATEWAY = "ApiGateway";

    private static final Set<String> PRICED = Set.of(DYNAMODB, SQS, S3, STEP_FUNCTIONS, API_GATEWAY);
    private static final double GB = 1024.0 * 1024 * 1024;

    /** The cost of {@code usage} at these prices; {@code objects} labeled so far. */
    public JobCost price(String jobName, JobUsage usage, long objects) {
        List<FunctionCost> functions = new ArrayList<>();
        usage.functions().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> functions.add(new FunctionCost(
                        e.getKey(),
                        e.getValue().invocations(),
                        e.getValue().gbSeconds(),
                        lambda(e.getValue().invocations(), e.getValue().gbSeconds()))));
        List<ServiceCost> services = new ArrayList<>();
        services.add(new ServiceCost(
                "Lambda",
                usage.invocations(),
                usage.gbSeconds(),
                "GB-s",
                usage.invocations() + " invocations",
                lambda(usage.invocations(), usage.gbSeconds())));
        long api = usage.requests(API_GATEWAY);
        services.add(new ServiceCost("API Gateway", api, api, "requests", "HTTP API", api * apiRequest));
        long transitions = usage.stateTransitions();
        services.add(new ServiceCost(
                "Step Functions",
                usage.requests(STEP_FUNCTIONS),
                transitions,
                "state transitions",
                "API requests are free",
                transitions * stateTransition));
        long sqs = usage.requests(SQS);
        services.add(new ServiceCost("SQS", sqs, sqs, "requests", "standard queues", sqs * sqsRequest));
        double read = usage.dynamoReadUnits();
        double write = usage.dynamoWriteUnits();
        services.add(new ServiceCost(
                "DynamoDB",
                usage.requests(DYNAMODB),
                read + write,
                "request units",
                String.format(Locale.ROOT, "%.1f read, %.1f write units (on-demand)", read, write),
                read * dynamoReadUnit + write * dynamoWriteUnit));
        long tierOne = s3Requests(usage, S3Tier.ONE);
        long tierTwo = s3Requests(usage, S3Tier.TWO);
        double storedGb = usage.s3BytesPut() / GB;
        services.add(new ServiceCost(
                "S3",
                usage.requests(S3),
                tierOne + tierTwo,
                "requests",
                String.format(
                        Locale.ROOT,
                        "%d PUT/COPY/POST/LIST, %d GET and other; %.3f MB written, kept a month",
                        tierOne,
                        tierTwo,
                        usage.s3BytesPut() / 1024.0 / 1024),
                tierOne * s3TierOneRequest + tierTwo * s3TierTwoRequest + storedGb * s3GbMonth));
        long unpriced = usage.requests().entrySet().stream()
                .filter(e -> !PRICED.contains(e.getKey().service()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        if (unpriced > 0) {
            services.add(new ServiceCost(
                    "Other",
                    unpriced,
                    unpriced,
                    "requests",
                    "not priced: SNS notices, Cognito, the requester's own Lambdas (billed as theirs)",
                    0));
        }
        double total = services.stream().mapToDouble(ServiceCost::dollars).sum();
        return new JobCost(jobName, this, services, functions, usage, total, objects);
    }

    private double lambda(long invocations, double gbSeconds) {
        return invocations * lambdaRequest + gbSeconds * lambdaGbSecond;
    }

    private enum S3Tier {
        ONE,
        TWO,
        FREE
    }

    private static long s3Requests(JobUsage usage, S3Tier tier) {
        return usage.requests().entrySet().stream()
                .filter(e ->
                        e.getKey().service().equals(S3) && s3Tier(e.getKey().name()) == tier)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** S3's request classes: PUT, COPY, POST, LIST (and multipart's) are the dearer ones; DELETE is free. */
    private static S3Tier s3Tier(String operation) {
        if (operation.startsWith("Delete") || operation.equals("AbortMultipartUpload")) {
            return S3Tier.FREE;
        }
        for (String prefix : List.of("Put", "Copy", "Post", "List", "Create", "UploadPart", "Complete")) {
            if (operation.startsWith(prefix)) {
                return S3Tier.ONE;
            }
        }
        return S3Tier.TWO;
    }
}
