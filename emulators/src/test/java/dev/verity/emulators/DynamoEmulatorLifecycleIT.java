package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A standalone dynalite with a data directory: data survives a restart, and close() ends the child process. */
class DynamoEmulatorLifecycleIT {
    @Test
    void persistsUnderTheDataDirectoryAndStopsOnClose(@TempDir Path data) {
        ProcessHandle first;
        try (DynamoEmulator dynamo = DynamoEmulator.builder().dataDir(data).start();
                DynamoDbClient client = client(dynamo)) {
            first = dynamo.process();
            client.createTable(b -> b.tableName("kept")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .billingMode("PAY_PER_REQUEST"));
            client.putItem(b ->
                    b.tableName("kept").item(Map.of("id", AttributeValue.fromS("a"), "v", AttributeValue.fromS("1"))));
        }
        assertThat(first.isAlive()).isFalse();

        try (DynamoEmulator dynamo = DynamoEmulator.builder().dataDir(data).start();
                DynamoDbClient client = client(dynamo)) {
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("a"))))
                            .item())
                    .containsEntry("v", AttributeValue.fromS("1"));
        }
    }

    private static DynamoDbClient client(DynamoEmulator dynamo) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .endpointOverride(dynamo.endpoint())
                .build();
    }
}
