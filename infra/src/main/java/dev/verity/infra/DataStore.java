package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.TableSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The data bucket (job requests, manifests, worker responses, output), its access-log bucket and the one DynamoDB
 * table of {@link Catalog#TABLE}. Everything here is retained when the stack is deleted: it is the customer's data.
 */
public class DataStore extends Construct {

    private final Bucket bucket;
    private final Bucket accessLogs;
    private final Table table;

    public DataStore(Construct scope, String id, VerityConfig config) {
        super(scope, id);

        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(false)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(365))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(
                accessLogs,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-S1")
                        .reason(
                                "This is the server access log destination of the data bucket; logging it into itself or a "
                                        + "third bucket would only log the log delivery.")
                        .build()));

        bucket = Bucket.Builder.create(this, "Data")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(false)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("data/")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        TableSpec spec = Catalog.TABLE;
        table = Table.Builder.create(this, "Table")
                .tableName(config.physicalName(spec.name()))
                .partitionKey(string(spec.partitionKey()))
                .sortKey(string(spec.sortKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(string(index.partitionKey()))
                    .sortKey(string(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
    }

    /**
     * Lets the web UI's browsers use presigned URLs on the data bucket: GET/HEAD to show data objects (masks are read
     * into a canvas, which needs CORS) and PUT to upload. Added once the UI's origin is known (the distribution is
     * built after this bucket).
     */
    public void allowBrowserAccess(List<String> origins) {
        bucket.addCorsRule(CorsRule.builder()
                .id("web-ui")
                .allowedMethods(List.of(HttpMethods.GET, HttpMethods.PUT, HttpMethods.HEAD))
                .allowedOrigins(origins)
                // Presigned PUTs carry Content-Type (part of the signature); any header keeps them working.
                .allowedHeaders(List.of("*"))
                .exposedHeaders(List.of("ETag"))
                .maxAge(3000)
                .build());
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }

    public Table table() {
        return table;
    }
}
