package dev.verity.aws;

import dev.verity.catalog.Catalog;
import dev.verity.crowd.MechanicalTurkRequester;
import dev.verity.monitor.CloudWatchJobMetricsReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one factory of AWS SDK clients. Endpoints come from the standard {@code AWS_ENDPOINT_URL_<SERVICE>} /
 * {@code AWS_ENDPOINT_URL} variables: unset in AWS, pointing at the embedded services locally and in tests.
 */
public final class AwsClients {

    private final Environment env;
    private final Region region;

    public AwsClients(Environment env) {
        this.env = env;
        this.region = Region.of(
                env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION")).orElse("us-east-1"));
    }

    public Region region() {
        return region;
    }

    public S3Client s3() {
        return configure(S3Client.builder(), "S3")
                .serviceConfiguration(s3Configuration())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .serviceConfiguration(s3Configuration());
        endpoint("S3").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder(), "EVENTBRIDGE")
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), "SQS")
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB")
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public SfnClient sfn() {
        return configure(SfnClient.builder(), "SFN")
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The workforce's notification topics (team topics, the job-events topic). */
    public SnsClient sns() {
        return configure(SnsClient.builder(), "SNS")
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The private workforce's user pool (invitations, members, disabling). */
    public CognitoIdentityProviderClient cognito() {
        return configure(CognitoIdentityProviderClient.builder(), "COGNITO_IDENTITY_PROVIDER")
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Invokes the requester's own functions (custom task types' pre- and post-annotation Lambdas). */
    public LambdaClient lambda() {
        // A synchronous invocation lasts as long as the function, up to Lambda's 15-minute limit.
        return configure(LambdaClient.builder(), "LAMBDA")
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofMinutes(15))
                        .build())
                .overrideConfiguration(
                        metered().apiCallAttemptTimeout(Duration.ofMinutes(16)).build())
                .build();
    }

    /**
     * Amazon Mechanical Turk's requester API: {@value Catalog#ENV_MTURK_ENDPOINT} if set (the local stand-in), else
     * the sandbox's if {@value Catalog#ENV_MTURK_SANDBOX} is "true", else production's. Not the generic
     * {@code AWS_ENDPOINT_URL}: an emulator of the other services (LocalStack) does not serve it.
     */
    public MechanicalTurkRequester mechanicalTurk(Clock clock) {
        URI endpoint = env.get(Catalog.ENV_MTURK_ENDPOINT)
                .map(URI::create)
                .orElse(mechanicalTurkSandbox() ? MechanicalTurkRequester.SANDBOX : MechanicalTurkRequester.PRODUCTION);
        return new MechanicalTurkRequester(
                UrlConnectionHttpClient.create(),
                endpoint,
                DefaultCredentialsProvider.builder().build(),
                clock);
    }

    /**
     * CloudWatch's GetMetricData, to read the job metrics back in AWS: {@code AWS_ENDPOINT_URL_CLOUDWATCH} or
     * {@code AWS_ENDPOINT_URL} if set, else the Region's endpoint.
     */
    public CloudWatchJobMetricsReader cloudWatchMetrics() {
        return new CloudWatchJobMetricsReader(
                UrlConnectionHttpClient.create(),
                endpoint("CLOUDWATCH").orElse(CloudWatchJobMetricsReader.endpointIn(region.id())),
                region.id(),
                DefaultCredentialsProvider.builder().build());
    }

    /** Where Mechanical Turk's workers work and task pages post answers ({@value Catalog#ENV_MTURK_WORKER_URL}). */
    public URI mechanicalTurkWorkerSite() {
        return env.get(Catalog.ENV_MTURK_WORKER_URL)
                .map(URI::create)
                .orElse(
                        mechanicalTurkSandbox()
                                ? MechanicalTurkRequester.SANDBOX_WORKER_SITE
                                : MechanicalTurkRequester.PRODUCTION_WORKER_SITE);
    }

    private boolean mechanicalTurkSandbox() {
        return env.get(Catalog.ENV_MTURK_SANDBOX).map(Boolean::parseBoolean).orElse(false);
    }

    private S3Configuration s3Configuration() {
        boolean pathStyle =
                env.get(Catalog.ENV_S3_PATH_STYLE).map(Boolean::parseBoolean).orElse(false);
        return S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build();
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String service) {
        builder.region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(metered().build());
        endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Every client counts its requests into the usage of the job the invocation works on. */
    private static ClientOverrideConfiguration.Builder metered() {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(METER);
    }

    private static final RequestMeter METER = new RequestMeter();

    private Optional<URI> endpoint(String service) {
        return env.get("AWS_ENDPOINT_URL_" + service)
                .or(() -> env.get("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }
}
