package dev.verity.it;

import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.QueueSpec;
import dev.verity.catalog.TableSpec;
import dev.verity.emulators.EmulatorSetup;
import dev.verity.emulators.Emulators;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates the catalog's resources (bucket, table, queues, state machine) on the embedded services once per test
 * run, and gives the handlers the environment the stack would give them, as system properties.
 */
public final class CatalogResources implements EmulatorSetup {

    public static final String BUCKET = "verity-data";

    @Override
    public void setUp(Emulators emulators) {
        AwsClients clients = new AwsClients(Environment.current());
        clients.s3().createBucket(b -> b.bucket(BUCKET));
        createTable(clients.dynamoDb(), Catalog.TABLE);
        SqsClient sqs = clients.sqs();
        String taskDlqArn = null;
        for (QueueSpec queue : Catalog.QUEUES) {
            String url = sqs.createQueue(b -> b.queueName(queue.name())).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            if (queue.equals(Catalog.TASK_DLQ)) {
                taskDlqArn = arn;
            }
        }
        String definition = Catalog.stateMachineDefinition(
                function -> "arn:aws:lambda:us-east-1:000000000000:function:verity-" + function + ":live");
        String stateMachineArn = clients.sfn().createStateMachine(b -> b.name(Catalog.STATE_MACHINE.name())
                .definition(definition).roleArn("arn:aws:iam::000000000000:role/verity-states")).stateMachineArn();

        System.setProperty(Catalog.ENV_BUCKET, BUCKET);
        System.setProperty(Catalog.ENV_TABLE, Catalog.TABLE.name());
        System.setProperty(Catalog.ENV_STATE_MACHINE_ARN, stateMachineArn);
        System.setProperty(Catalog.ENV_TASK_DLQ_ARN, taskDlqArn);
        System.setProperty(Catalog.ENV_TASK_QUEUE_PREFIX, Catalog.TASK_QUEUE_PREFIX);
    }

    private static void createTable(DynamoDbClient dynamo, TableSpec table) {
        Set<String> keys = new LinkedHashSet<>(List.of(table.partitionKey(), table.sortKey()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : table.indexes()) {
            keys.add(index.partitionKey());
            keys.add(index.sortKey());
            indexes.add(GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.ALL)).build());
        }
        dynamo.createTable(b -> b.tableName(table.name()).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(table.partitionKey(), KeyType.HASH), key(table.sortKey(), KeyType.RANGE))
                .attributeDefinitions(keys.stream().map(k -> AttributeDefinition.builder().attributeName(k)
                        .attributeType(ScalarAttributeType.S).build()).toList())
                .globalSecondaryIndexes(indexes));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
