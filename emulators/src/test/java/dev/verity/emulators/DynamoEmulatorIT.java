package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

@ExtendWith(EmulatorsExtension.class)
class DynamoEmulatorIT {
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void table(Emulators emulators) {
        dynamo = TestClients.dynamo(emulators);
        dynamo.createTable(b -> b.tableName("verity-test")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"), attr("gsi1pk"), attr("gsi1sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("gsi1")
                        .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build()));
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    @Test
    void tableIsActiveAtOnce() {
        assertThat(dynamo.describeTable(b -> b.tableName("verity-test")).table().tableStatus())
                .isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void conditionalPutQueryOnIndexAndAtomicAdd() {
        put("JOB#cats", "META", "STATUS#InProgress", "2026-01-01", "cats");
        put("JOB#dogs", "META", "STATUS#InProgress", "2026-01-02", "dogs");
        put("JOB#owls", "META", "STATUS#Completed", "2026-01-03", "owls");

        // The same job twice: the conditional write refuses the duplicate.
        assertThatThrownBy(() -> put("JOB#cats", "META", "STATUS#InProgress", "2026-01-04", "again"))
                .isInstanceOf(ConditionalCheckFailedException.class);

        List<Map<String, AttributeValue>> inProgress = dynamo.query(b -> b.tableName("verity-test")
                        .indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :s")
                        .expressionAttributeValues(Map.of(":s", s("STATUS#InProgress")))
                        .scanIndexForward(false))
                .items();
        assertThat(inProgress).extracting(i -> i.get("name").s()).containsExactly("dogs", "cats");

        for (int i = 0; i < 3; i++) {
            dynamo.updateItem(b -> b.tableName("verity-test")
                    .key(Map.of("pk", s("JOB#cats"), "sk", s("META")))
                    .updateExpression("ADD labeled :one, workers :w")
                    .expressionAttributeValues(
                            Map.of(":one", AttributeValue.fromN("1"), ":w", AttributeValue.fromSs(List.of("w1")))));
        }
        Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName("verity-test")
                        .key(Map.of("pk", s("JOB#cats"), "sk", s("META")))
                        .updateExpression("ADD labeled :n, workers :w")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(
                                Map.of(":n", AttributeValue.fromN("2"), ":w", AttributeValue.fromSs(List.of("w2"))))
                        .returnValues(ReturnValue.ALL_NEW))
                .attributes();
        assertThat(updated.get("labeled").n()).isEqualTo("5");
        assertThat(updated.get("workers").ss()).containsExactlyInAnyOrder("w1", "w2");
    }

    private static void put(String pk, String sk, String gsi1pk, String gsi1sk, String name) {
        dynamo.putItem(b -> b.tableName("verity-test")
                .item(Map.of("pk", s(pk), "sk", s(sk), "gsi1pk", s(gsi1pk), "gsi1sk", s(gsi1sk), "name", s(name)))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
