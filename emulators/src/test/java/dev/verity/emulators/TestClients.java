package dev.verity.emulators;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real SDK v2 clients configured explicitly from an {@link Emulators}. */
final class TestClients {
    private TestClients() {}

    private static StaticCredentialsProvider credentials(Emulators emulators) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(emulators.accessKeyId(), emulators.secretAccessKey()));
    }

    static S3Client s3(Emulators emulators) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(emulators.region()))
                .credentialsProvider(credentials(emulators))
                .endpointOverride(emulators.s3Endpoint())
                .forcePathStyle(true)
                .build();
    }

    static SqsClient sqs(Emulators emulators) {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(emulators.region()))
                .credentialsProvider(credentials(emulators))
                .endpointOverride(emulators.sqsEndpoint())
                .build();
    }

    static DynamoDbClient dynamo(Emulators emulators) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(emulators.region()))
                .credentialsProvider(credentials(emulators))
                .endpointOverride(emulators.dynamoEndpoint())
                .build();
    }

    static SfnClient sfn(Emulators emulators) {
        return SfnClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(emulators.region()))
                .credentialsProvider(credentials(emulators))
                .endpointOverride(emulators.sfnEndpoint())
                .build();
    }
}
