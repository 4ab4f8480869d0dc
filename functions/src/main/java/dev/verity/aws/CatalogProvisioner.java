package dev.verity.aws;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.QueueSpec;
import dev.verity.catalog.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the catalog's bucket, table, queues and state machine on AWS-compatible endpoints, as the CDK stack does
 * in AWS: used by the local runtime and the integration tests. Every step is idempotent, so a restart finds what
 * the last run made.
 */
public final class CatalogProvisioner {

    /** Local function names: this prefix + the catalog name (the stack names them the same way). */
    public static final String FUNCTION_PREFIX = Catalog.FUNCTION_NAME_PREFIX;

    private final AwsClients clients;

    public CatalogProvisioner(AwsClients clients) {
        this.clients = clients;
    }

    /** What was made, and the environment the stack would give every function. */
    public record Provisioned(
            String bucket,
            String stateMachineArn,
            Map<String, String> queueUrls,
            Map<String, String> queueArns,
            Map<String, String> functionEnvironment) {}

    public Provisioned provision(String bucket, String accountId) {
        createBucket(bucket);
        createTable(clients.dynamoDb(), Catalog.TABLE);
        Map<String, String> urls = new HashMap<>();
        Map<String, String> arns = new HashMap<>();
        SqsClient sqs = clients.sqs();
        for (QueueSpec queue : Catalog.QUEUES) {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()));
            if (queue.deadLetterQueue() != null) {
                attributes.put(
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + arns.get(queue.deadLetterQueue()) + "\",\"maxReceiveCount\":"
                                + queue.maxReceiveCount() + "}");
            }
            String url = sqs.createQueue(b -> b.queueName(queue.name()).attributes(attributes))
                    .queueUrl();
            urls.put(queue.name(), url);
            arns.put(
                    queue.name(),
                    sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes()
                            .get(QueueAttributeName.QUEUE_ARN));
        }
        String region = clients.region().id();
        String stateMachineArn = createStateMachine(
                clients.sfn(), Catalog.stateMachineDefinition(function -> functionArn(region, accountId, function)));

        Map<String, String> env = new HashMap<>();
        env.put(Catalog.ENV_BUCKET, bucket);
        env.put(Catalog.ENV_TABLE, Catalog.TABLE.name());
        env.put(Catalog.ENV_STATE_MACHINE_ARN, stateMachineArn);
        env.put(Catalog.ENV_TASK_QUEUE_PREFIX, Catalog.TASK_QUEUE_PREFIX);
        env.put(Catalog.ENV_INTAKE_QUEUE_PREFIX, Catalog.INTAKE_QUEUE_PREFIX);
        env.put(Catalog.ENV_CUSTOM_LAMBDA_PREFIX, Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX);
        return new Provisioned(bucket, stateMachineArn, Map.copyOf(urls), Map.copyOf(arns), Map.copyOf(env));
    }

    /**
     * The workforce's part, where the endpoints run SNS and a Cognito user pool: the requesters' job-events topic, as
     * the stack makes it, and the environment that names it, the user pool, the team topics' prefix and the portal.
     */
    public Map<String, String> provisionWorkforce(String userPoolId, String portalUrl) {
        String jobEvents =
                clients.sns().createTopic(b -> b.name(Catalog.JOB_EVENTS_TOPIC)).topicArn();
        return Map.of(
                Catalog.ENV_JOB_EVENTS_TOPIC_ARN,
                jobEvents,
                Catalog.ENV_TEAM_TOPIC_PREFIX,
                Catalog.TEAM_TOPIC_PREFIX,
                Catalog.ENV_USER_POOL_ID,
                userPoolId,
                Catalog.ENV_WEB_URL,
                portalUrl.endsWith("/") ? portalUrl : portalUrl + "/");
    }

    /** The ARN the state machine's definition substitutions use for a catalog function (its {@code live} alias). */
    public static String functionArn(String region, String accountId, String function) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + FUNCTION_PREFIX + function + ":live";
    }

    private void createBucket(String bucket) {
        try {
            clients.s3().createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // made by an earlier run
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    private static String createStateMachine(SfnClient sfn, String definition) {
        String name = Catalog.STATE_MACHINE.name();
        for (StateMachineListItem existing :
                sfn.listStateMachinesPaginator(b -> {}).stateMachines()) {
            if (existing.name().equals(name)) {
                return existing.stateMachineArn();
            }
        }
        return sfn.createStateMachine(b ->
                        b.name(name).definition(definition).roleArn("arn:aws:iam::000000000000:role/verity-states"))
                .stateMachineArn();
    }

    private static void createTable(DynamoDbClient dynamo, TableSpec table) {
        Set<String> keys = new LinkedHashSet<>(List.of(table.partitionKey(), table.sortKey()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : table.indexes()) {
            keys.add(index.partitionKey());
            keys.add(index.sortKey());
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.ALL))
                    .build());
        }
        try {
            dynamo.createTable(b -> b.tableName(table.name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key(table.partitionKey(), KeyType.HASH), key(table.sortKey(), KeyType.RANGE))
                    .attributeDefinitions(keys.stream()
                            .map(k -> AttributeDefinition.builder()
                                    .attributeName(k)
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                            .toList())
                    .globalSecondaryIndexes(indexes));
        } catch (ResourceInUseException e) {
            return; // made by an earlier run
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
