package dev.verity.infra;

import dev.verity.catalog.Catalog;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Job requests uploaded to the bucket: an object created under {@link Catalog#JOB_REQUEST_PREFIX} ending in
 * {@link Catalog#JOB_REQUEST_SUFFIX} → S3 event on the {@link Catalog#JOB_REQUESTS} queue (dead-letter queue after
 * its receive count) → the {@link Catalog#START_JOB_FROM_S3} function, which reports partial batch failures.
 */
public class JobIntake extends Construct {

    public static final int BATCH_SIZE = 10;

    public JobIntake(Construct scope, String id, IBucket bucket, IQueue requests, IFunction startJob) {
        super(scope, id);
        bucket.addEventNotification(
                EventType.OBJECT_CREATED,
                new SqsDestination(requests),
                NotificationKeyFilter.builder()
                        .prefix(Catalog.JOB_REQUEST_PREFIX)
                        .suffix(Catalog.JOB_REQUEST_SUFFIX)
                        .build());
        startJob.addEventSource(SqsEventSource.Builder.create(requests)
                .batchSize(BATCH_SIZE)
                .reportBatchItemFailures(true)
                .build());
        suppressNotificationsHandlerFindings(Stack.of(this));
    }

    /**
     * Bucket notifications are configured by a custom resource whose Lambda CDK adds once per stack (id
     * {@code BucketNotificationsHandler<hash>} at the stack root); its role is CDK's, not ours.
     */
    private static void suppressNotificationsHandlerFindings(Stack stack) {
        IConstruct handler = stack.getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("BucketNotificationsHandler"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("CDK's BucketNotificationsHandler not found in "
                        + stack.getNode().getPath()));
        NagSuppressions.addResourceSuppressions(
                handler,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason(
                                "CDK's BucketNotificationsHandler custom resource applies the jobs/*.json notification (the "
                                        + "native NotificationConfiguration would form a dependency cycle with the queue policy that "
                                        + "lets this bucket send to the queue); its role, created and managed by aws-cdk-lib, uses "
                                        + "AWSLambdaBasicExecutionRole only to write the handler's own logs.")
                        .appliesTo(
                                List.of(
                                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                        .build()),
                true);
    }
}
