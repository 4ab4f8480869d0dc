package dev.verity.emulators;

import dev.verity.emulators.cognito.CognitoEmulator;
import dev.verity.emulators.cognito.UserPoolConfig;
import dev.verity.emulators.events.EventBridgeEmulator;
import dev.verity.emulators.lambda.LambdaEmulator;
import dev.verity.emulators.lambda.LambdaInvoker;
import dev.verity.emulators.mail.MailSender;
import dev.verity.emulators.mail.MailSink;
import dev.verity.emulators.sns.SnsEmulator;
import dev.verity.emulators.states.ExecutionRunner;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * The four AWS services Verity uses, on 127.0.0.1 ports chosen at start: S3 ({@link S3Emulator}, S3Proxy), SQS
 * ({@link SqsEmulator}, ElasticMQ), DynamoDB ({@link DynamoEmulator}, dynalite as a Node child process) and Step
 * Functions ({@link StatesEmulator}). {@link #start()} starts them in parallel; {@link #close()} stops them all.
 * Given a {@link Builder#lambdaInvoker(LambdaInvoker)}, Lambda's Invoke API ({@link LambdaEmulator}) runs too.
 * With {@link Builder#notifications(boolean)}, so do the workforce's services: an SMTP mail sink ({@link MailSink}),
 * SNS ({@link SnsEmulator}, e-mail subscribers mailed to the sink, SQS subscribers served by the SQS emulator) and a
 * Cognito user pool ({@link CognitoEmulator}, invitations mailed to the sink).
 *
 * <p>Clients find them through {@link #endpointSettings()}: the standard variables {@code AWS_ENDPOINT_URL_S3},
 * {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SFN} (and
 * {@code AWS_ENDPOINT_URL_EVENTBRIDGE} (a recording EventBridge, {@link EventBridgeEmulator}),
 * {@code AWS_ENDPOINT_URL_LAMBDA} when Lambda runs, {@code AWS_ENDPOINT_URL_SNS} and
 * {@code AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER} with notifications), plus
 * {@code AWS_REGION} ({@value #DEFAULT_REGION}), dummy {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 * (any credentials are accepted) and {@code VERITY_S3_PATH_STYLE=true} (S3 must be addressed path-style). Give them
 * to a child process as environment, or as system properties (what {@link EmulatorsExtension} does in tests).
 *
 * <p>State: in memory by default. With {@link Builder#dataDirectory(Path)}, S3 objects live under
 * {@code <dir>/s3}, DynamoDB tables under {@code <dir>/dynamodb}, SQS queues and messages under {@code <dir>/sqs},
 * and Step Functions state machines and executions under {@code <dir>/states} (RUNNING ones resume at start); with
 * notifications, mails under {@code <dir>/mail}, SNS topics and subscriptions under {@code <dir>/sns} and the user
 * pool under {@code <dir>/cognito}.
 *
 * <p>Needs Node.js 20+ for dynalite; the npm packages are located and installed as described in
 * {@link NodePackages}. With the LocalStack backend ({@code -Dverity.backend=localstack}, see
 * {@link EmulatorsExtension}) an instance only carries LocalStack's endpoints: {@link #isEmbedded()} is false and
 * the per-service accessors ({@link #s3()}, {@link #states()}, ...) throw.
 */
public final class Emulators implements AutoCloseable {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DUMMY_ACCESS_KEY_ID = "test";
    public static final String DUMMY_SECRET_ACCESS_KEY = "test";

    public static final String ENV_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String ENV_SQS = "AWS_ENDPOINT_URL_SQS";
    public static final String ENV_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String ENV_SFN = "AWS_ENDPOINT_URL_SFN";
    public static final String ENV_LAMBDA = "AWS_ENDPOINT_URL_LAMBDA";
    public static final String ENV_SNS = "AWS_ENDPOINT_URL_SNS";
    public static final String ENV_COGNITO = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
    public static final String ENV_EVENTBRIDGE = "AWS_ENDPOINT_URL_EVENTBRIDGE";
    public static final String ENV_REGION = "AWS_REGION";
    public static final String ENV_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String ENV_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String ENV_S3_PATH_STYLE = "VERITY_S3_PATH_STYLE";

    private final String backend;
    private final String region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final URI s3Endpoint;
    private final URI sqsEndpoint;
    private final URI dynamoEndpoint;
    private final URI sfnEndpoint;
    private final S3Emulator s3;
    private final SqsEmulator sqs;
    private final DynamoEmulator dynamo;
    private final StatesEmulator states;
    private final LambdaEmulator lambda;
    private final EventBridgeEmulator eventBridge;
    private final Workforce workforce;
    private final List<AutoCloseable> closeables;
    private boolean closed;

    private Emulators(
            S3Emulator s3,
            SqsEmulator sqs,
            DynamoEmulator dynamo,
            StatesEmulator states,
            LambdaEmulator lambda,
            EventBridgeEmulator eventBridge,
            Workforce workforce,
            String region) {
        this.backend = "embedded";
        this.eventBridge = eventBridge;
        this.region = region;
        this.accessKeyId = DUMMY_ACCESS_KEY_ID;
        this.secretAccessKey = DUMMY_SECRET_ACCESS_KEY;
        this.s3 = s3;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.states = states;
        this.s3Endpoint = s3.endpoint();
        this.sqsEndpoint = sqs.endpoint();
        this.dynamoEndpoint = dynamo.endpoint();
        this.sfnEndpoint = states.endpoint();
        this.lambda = lambda;
        this.workforce = workforce;
        List<AutoCloseable> closeables = new ArrayList<>();
        if (lambda != null) {
            closeables.add(lambda);
        }
        if (workforce != null) {
            // SNS first: it lets queued deliveries reach the mail sink and SQS before they stop
            closeables.addAll(List.of(workforce.sns(), workforce.cognito(), workforce.mail()));
        }
        closeables.addAll(List.of(eventBridge, states, dynamo, sqs, s3));
        this.closeables = List.copyOf(closeables);
    }

    private Emulators(
            String backend,
            URI s3,
            URI sqs,
            URI dynamo,
            URI sfn,
            String region,
            String accessKeyId,
            String secretAccessKey,
            AutoCloseable onClose) {
        this.backend = backend;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.s3Endpoint = s3;
        this.sqsEndpoint = sqs;
        this.dynamoEndpoint = dynamo;
        this.sfnEndpoint = sfn;
        this.s3 = null;
        this.sqs = null;
        this.dynamo = null;
        this.states = null;
        this.lambda = null;
        this.eventBridge = null;
        this.workforce = null;
        this.closeables = List.of(onClose);
    }

    /** Endpoints served by something else (LocalStack); {@code onClose} stops it. */
    static Emulators external(
            String backend,
            URI s3,
            URI sqs,
            URI dynamo,
            URI sfn,
            String region,
            String accessKeyId,
            String secretAccessKey,
            AutoCloseable onClose) {
        return new Emulators(backend, s3, sqs, dynamo, sfn, region, accessKeyId, secretAccessKey, onClose);
    }

    /** All four in memory, region {@value #DEFAULT_REGION}. */
    public static Emulators start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public URI sfnEndpoint() {
        return sfnEndpoint;
    }

    /** The mail sink, SNS and the user pool, started together by {@link Builder#notifications(boolean)}. */
    private record Workforce(MailSink mail, SnsEmulator sns, CognitoEmulator cognito) {}

    /** Lambda's Invoke API, or null when no {@link Builder#lambdaInvoker(LambdaInvoker)} was given. */
    public URI lambdaEndpoint() {
        return lambda == null ? null : lambda.endpoint();
    }

    /** The recording EventBridge (PutEvents), or null with another backend. */
    public URI eventBridgeEndpoint() {
        return eventBridge == null ? null : eventBridge.endpoint();
    }

    /** The recording EventBridge: the events the functions put ({@link EventBridgeEmulator#events()}). */
    public EventBridgeEmulator eventBridge() {
        return embedded(eventBridge);
    }

    /** SNS, or null without {@link Builder#notifications(boolean)}. */
    public URI snsEndpoint() {
        return workforce == null ? null : workforce.sns().endpoint();
    }

    /** The Cognito user pools, or null without {@link Builder#notifications(boolean)}. */
    public URI cognitoEndpoint() {
        return workforce == null ? null : workforce.cognito().endpoint();
    }

    public String region() {
        return region;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** {@code embedded} or {@code localstack}. */
    public String backend() {
        return backend;
    }

    public boolean isEmbedded() {
        return s3 != null;
    }

    public S3Emulator s3() {
        return embedded(s3);
    }

    public SqsEmulator sqs() {
        return embedded(sqs);
    }

    public DynamoEmulator dynamo() {
        return embedded(dynamo);
    }

    /** The Step Functions emulator: recorded executions and task callbacks, task tokens, the execution runner. */
    public StatesEmulator states() {
        return embedded(states);
    }

    /** Whether the mail sink, SNS and the user pool run ({@link Builder#notifications(boolean)}). */
    public boolean hasNotifications() {
        return workforce != null;
    }

    /**
     * The SMTP mail sink every e-mail of the emulators goes to: {@link MailSink#messages()} lists them,
     * {@link MailSink#smtpPort()} is where it listens.
     *
     * @throws IllegalStateException without {@link Builder#notifications(boolean)}
     */
    public MailSink mail() {
        return workforce().mail();
    }

    /** @throws IllegalStateException without {@link Builder#notifications(boolean)} */
    public SnsEmulator sns() {
        return workforce().sns();
    }

    /**
     * The Cognito user pool ({@link CognitoEmulator#userPoolId()}; {@link Builder#userPool(UserPoolConfig)}), which
     * is also the local sign-in's password check.
     *
     * @throws IllegalStateException without {@link Builder#notifications(boolean)}
     */
    public CognitoEmulator cognito() {
        return workforce().cognito();
    }

    private Workforce workforce() {
        embedded(s3);
        if (workforce == null) {
            throw new IllegalStateException(
                    "the mail sink, SNS and Cognito are not running: start the emulators with notifications(true)"
                            + " (in tests: -D" + EmulatorsExtension.NOTIFICATIONS_PROPERTY + "=true)");
        }
        return workforce;
    }

    private <T> T embedded(T service) {
        if (service == null) {
            throw new IllegalStateException("not available with the " + backend + " backend");
        }
        return service;
    }

    /**
     * The variables a client needs (insertion-ordered, unmodifiable): {@code AWS_ENDPOINT_URL_S3},
     * {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SFN},
     * {@code AWS_ENDPOINT_URL_LAMBDA} (when Lambda runs), {@code AWS_ENDPOINT_URL_SNS} and
     * {@code AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER} (with notifications), {@code AWS_REGION},
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code VERITY_S3_PATH_STYLE=true}.
     */
    public Map<String, String> endpointSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ENV_S3, s3Endpoint.toString());
        settings.put(ENV_SQS, sqsEndpoint.toString());
        settings.put(ENV_DYNAMODB, dynamoEndpoint.toString());
        settings.put(ENV_SFN, sfnEndpoint.toString());
        if (lambda != null) {
            settings.put(ENV_LAMBDA, lambda.endpoint().toString());
        }
        if (eventBridge != null) {
            settings.put(ENV_EVENTBRIDGE, eventBridge.endpoint().toString());
        }
        if (workforce != null) {
            settings.put(ENV_SNS, workforce.sns().endpoint().toString());
            settings.put(ENV_COGNITO, workforce.cognito().endpoint().toString());
        }
        settings.put(ENV_REGION, region);
        settings.put(ENV_ACCESS_KEY_ID, accessKeyId);
        settings.put(ENV_SECRET_ACCESS_KEY, secretAccessKey);
        settings.put(ENV_S3_PATH_STYLE, "true");
        return Collections.unmodifiableMap(settings);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(closeables);
    }

    static void closeAll(List<? extends AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Override
    public String toString() {
        return "Emulators[" + backend + ", " + endpointSettings() + "]";
    }

    public static final class Builder {
        private String region = DEFAULT_REGION;
        private Path dataDirectory;
        private Path nodeDirectory;
        private ExecutionRunner runner = ExecutionRunner.NONE;
        private LambdaInvoker lambdaInvoker;
        private UnaryOperator<BlobStore> s3Decorator = UnaryOperator.identity();
        private boolean notifications;
        private UserPoolConfig userPool;

        private Builder() {}

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /**
         * Persist S3 under {@code <dir>/s3}, DynamoDB under {@code <dir>/dynamodb}, SQS under {@code <dir>/sqs}, Step
         * Functions under {@code <dir>/states} and, with notifications, {@code <dir>/mail}, {@code <dir>/sns} and
         * {@code <dir>/cognito}.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Where dynalite's package.json lives (default: {@link NodePackages#locate()}). */
        public Builder nodeDirectory(Path nodeDirectory) {
            this.nodeDirectory = nodeDirectory;
            return this;
        }

        /**
         * Run Step Functions executions with the ASL interpreter, whose Task states call functions through
         * {@code invoker} (takes precedence over {@link #executionRunner}), and serve them on Lambda's Invoke API.
         */
        public Builder lambdaInvoker(LambdaInvoker invoker) {
            this.lambdaInvoker = invoker;
            return this;
        }

        /** What runs started Step Functions executions (default: nothing; they stay RUNNING). */
        public Builder executionRunner(ExecutionRunner runner) {
            this.runner = Objects.requireNonNull(runner);
            return this;
        }

        /** Wraps S3Proxy's blob store (the S3 event-notification hook). */
        public Builder s3Decorator(UnaryOperator<BlobStore> decorator) {
            this.s3Decorator = Objects.requireNonNull(decorator);
            return this;
        }

        /**
         * Also start the workforce's services (off by default): the SMTP mail sink, SNS (its e-mail subscriptions
         * mailed to the sink, its SQS subscriptions sent to the SQS emulator) and a Cognito user pool (its invitations
         * mailed to the sink). Their endpoints join {@link #endpointSettings()}.
         */
        public Builder notifications(boolean notifications) {
            this.notifications = notifications;
            return this;
        }

        /**
         * The user pool Cognito serves with {@link #notifications(boolean)} (default:
         * {@code UserPoolConfig.of("<region>_verity")}, Cognito's defaults).
         */
        public Builder userPool(UserPoolConfig userPool) {
            this.userPool = Objects.requireNonNull(userPool);
            return this;
        }

        /** Starts all four (and with notifications, three more); if one fails, the others are stopped and the failure is thrown. */
        public Emulators start() {
            QuietLogging.apply();
            ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
                Thread t = new Thread(r, "verity-emulators-start");
                t.setDaemon(true);
                return t;
            });
            List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
            try {
                CompletableFuture<DynamoEmulator> dynamo = async(
                        pool,
                        started,
                        () -> DynamoEmulator.builder()
                                .nodeDir(nodeDirectory)
                                .dataDir(dataDirectory == null ? null : dataDirectory.resolve("dynamodb"))
                                .start());
                CompletableFuture<SqsEmulator> sqs = async(
                        pool,
                        started,
                        () -> SqsEmulator.start(region, dataDirectory == null ? null : dataDirectory.resolve("sqs")));
                CompletableFuture<S3Emulator> s3 = async(
                        pool,
                        started,
                        () -> S3Emulator.builder()
                                .directory(dataDirectory == null ? null : dataDirectory.resolve("s3"))
                                .decorator(s3Decorator)
                                .start());
                StatesEmulator states = StatesEmulator.builder()
                        .region(region)
                        .runner(runner)
                        .lambdaInvoker(lambdaInvoker)
                        .dataDirectory(dataDirectory == null ? null : dataDirectory.resolve("states"))
                        .start();
                started.add(states);
                LambdaEmulator lambda = lambdaInvoker == null ? null : LambdaEmulator.start(lambdaInvoker, region);
                if (lambda != null) {
                    started.add(lambda);
                }
                EventBridgeEmulator eventBridge = EventBridgeEmulator.start(region);
                started.add(eventBridge);
                CompletableFuture.allOf(dynamo, sqs, s3).join();
                Workforce workforce = notifications ? startWorkforce(sqs.join(), started) : null;
                return new Emulators(
                        s3.join(), sqs.join(), dynamo.join(), states, lambda, eventBridge, workforce, region);
            } catch (RuntimeException e) {
                // wait for the stragglers so nothing is left running, then stop everything that started
                pool.shutdown();
                try {
                    pool.awaitTermination(90, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                closeAll(new ArrayList<>(started));
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("emulators failed to start", cause);
            } finally {
                pool.shutdown();
            }
        }

        private Workforce startWorkforce(SqsEmulator sqs, List<AutoCloseable> started) {
            MailSink mail = MailSink.start(dataDirectory == null ? null : dataDirectory.resolve("mail"));
            started.add(mail);
            MailSender sender = MailSender.to(mail);
            SnsEmulator sns = SnsEmulator.builder()
                    .region(region)
                    .mailSender(sender)
                    .sqsEndpoint(sqs.endpoint())
                    .dataDirectory(dataDirectory == null ? null : dataDirectory.resolve("sns"))
                    .start();
            started.add(sns);
            CognitoEmulator cognito = CognitoEmulator.builder()
                    .userPool(userPool != null ? userPool : UserPoolConfig.of(region + "_verity"))
                    .mailSender(sender)
                    .dataDirectory(dataDirectory == null ? null : dataDirectory.resolve("cognito"))
                    .start();
            started.add(cognito);
            return new Workforce(mail, sns, cognito);
        }

        private static <T extends AutoCloseable> CompletableFuture<T> async(
                ExecutorService pool, List<AutoCloseable> started, Supplier<T> start) {
            return CompletableFuture.supplyAsync(
                    () -> {
                        T service = start.get();
                        started.add(service);
                        return service;
                    },
                    pool);
        }
    }
}
