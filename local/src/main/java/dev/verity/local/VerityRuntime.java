package dev.verity.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.CatalogProvisioner;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.Ports;
import dev.verity.emulators.cognito.InvitationTemplate;
import dev.verity.emulators.cognito.PasswordPolicy;
import dev.verity.emulators.cognito.UserPoolConfig;
import dev.verity.emulators.http.Cors;
import dev.verity.emulators.http.HttpApiGateway;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.emulators.http.Route;
import dev.verity.emulators.http.SignInSecret;
import dev.verity.emulators.lambda.SqsEventSource;
import dev.verity.emulators.mturk.MechanicalTurkStandIn;
import dev.verity.emulators.s3events.NotificationRule;
import dev.verity.emulators.s3events.S3EventNotifier;
import dev.verity.json.Json;
import dev.verity.local.samples.MostCommonAnswerPostAnnotation;
import dev.verity.local.samples.PassThroughPreAnnotation;
import dev.verity.manifest.S3Uri;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Verity on one machine: the embedded S3, SQS, DynamoDB and Step Functions (running the very ASL file the stack
 * deploys), the catalog's functions invoked in-process, the {@code jobs/*.json} upload trigger and the HTTP API.
 * All state lives under the state directory, so a restart — even after {@code kill -9} — resumes running jobs.
 */
public final class VerityRuntime implements AutoCloseable {

    /**
     * Where to keep state, which port the HTTP API listens on (0: any free port), the user's own functions
     * (function name → handler class on the classpath), e.g. a custom task type's pre- and post-annotation Lambdas,
     * the folder of the web UI to serve at / (null: the UI built into the runtime), the prefix the names of
     * those Lambdas must carry (null: {@link Catalog#DEFAULT_CUSTOM_LAMBDA_PREFIX}, as in a default deployment) and
     * the origins besides the runtime's own whose pages may call the API (a dev server's, e.g.
     * {@code http://localhost:5173}).
     */
    public record Options(
            Path stateDir,
            int apiPort,
            Map<String, String> userFunctions,
            Path webRoot,
            String customLambdaPrefix,
            List<String> devOrigins) {

        public Options {
            userFunctions = Map.copyOf(userFunctions);
            devOrigins = List.copyOf(devOrigins);
            customLambdaPrefix = customLambdaPrefix == null || customLambdaPrefix.isBlank()
                    ? Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX
                    : customLambdaPrefix.trim();
            // The same rule as the stack's: the prefix may cover none of Verity's own functions.
            Catalog.customLambdaPrefixProblem(customLambdaPrefix).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            for (String name : userFunctions.keySet()) {
                if (!name.startsWith(customLambdaPrefix)) {
                    throw new IllegalArgumentException("function " + name + " would never be called: jobs may name "
                            + "only functions whose names start with " + customLambdaPrefix);
                }
            }
        }

        public Options(
                Path stateDir,
                int apiPort,
                Map<String, String> userFunctions,
                Path webRoot,
                String customLambdaPrefix) {
            this(stateDir, apiPort, userFunctions, webRoot, customLambdaPrefix, List.of());
        }

        public Options(Path stateDir, int apiPort) {
            this(stateDir, apiPort, Map.of(), null, null, List.of());
        }
    }

    /** The sample custom-task Lambdas every local runtime offers (Ground Truth's contracts): these after the prefix. */
    public static final String SAMPLE_PRE_ANNOTATION = "sample-pre-annotation";

    public static final String SAMPLE_POST_ANNOTATION = "sample-post-annotation";

    /** The samples' function names (under {@code customLambdaPrefix}) and handler classes. */
    public static Map<String, String> sampleFunctions(String customLambdaPrefix) {
        return Map.of(
                customLambdaPrefix + SAMPLE_PRE_ANNOTATION, PassThroughPreAnnotation.class.getName(),
                customLambdaPrefix + SAMPLE_POST_ANNOTATION, MostCommonAnswerPostAnnotation.class.getName());
    }

    public static final String BUCKET = "verity-data";
    /** The file in the state directory that holds this run's sign-in secret (see {@link SignInSecret}). */
    public static final String SIGN_IN_SECRET_FILE = "sign-in-secret";
    /** The functions' job and task metrics, as CloudWatch embedded metric format lines (in AWS, their logs). */
    public static final String METRICS_FILE = "metrics.jsonl";

    static final String REGION = "us-east-1";
    /** The local workforce's user pool (the console's new teams name it too). */
    public static final String USER_POOL_ID = REGION + "_verity";
    /** The requesters' address in the local mailbox, subscribed to the job-events topic. */
    public static final String REQUESTER_MAILBOX = "requester@verity.local";

    private static final String DATA_DIR = "data";

    private final Path stateDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private Emulators emulators;
    private AwsClients clients;
    private HttpApiGateway api;
    private LocalTokenIssuer issuer;
    private String customLambdaPrefix;
    private SignInSecret signInSecret;
    private MechanicalTurkStandIn mechanicalTurk;

    private VerityRuntime(Path stateDir, FileChannel lockChannel, FileLock lock) {
        this.stateDir = stateDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static VerityRuntime start(Options options) throws IOException {
        Path stateDir = options.stateDir().toAbsolutePath();
        Files.createDirectories(stateDir);
        FileChannel channel =
                FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Verity is already running with state in " + stateDir
                    + ": stop it first (Ctrl-C where it runs), or give this one another --state-dir");
        }
        VerityRuntime runtime = new VerityRuntime(stateDir, channel, lock);
        try {
            runtime.startParts(options);
        } catch (RuntimeException | IOException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void startParts(Options options) throws IOException {
        LambdaRunner functions = new LambdaRunner(REGION, RuntimeInfo.ACCOUNT_ID);
        sampleFunctions(options.customLambdaPrefix()).forEach(functions::registerUserFunction);
        options.userFunctions().forEach(functions::registerUserFunction);
        S3EventNotifier notifier = new S3EventNotifier(REGION);
        // Chosen now: the invitation mails and notices the emulators send link to the portal. The runtime serves the
        // UI, unless VERITY_WEB_URL names another address (a public one, for Mechanical Turk's task pages).
        int apiPort = options.apiPort() != 0 ? options.apiPort() : Ports.freePort();
        String portalUrl = blank(System.getenv(Catalog.ENV_WEB_URL))
                ? "http://127.0.0.1:" + apiPort
                : System.getenv(Catalog.ENV_WEB_URL).replaceAll("/+$", "");
        emulators = Emulators.builder()
                .region(REGION)
                .dataDirectory(stateDir.resolve(DATA_DIR))
                .s3Decorator(notifier::decorate)
                .lambdaInvoker(functions)
                .notifications(true)
                .userPool(userPool(portalUrl))
                .start();
        parts.add(emulators);

        // The functions read these as their environment (see dev.verity.aws.Environment).
        emulators.endpointSettings().forEach(System::setProperty);
        System.setProperty("aws.region", REGION);
        System.setProperty("aws.accessKeyId", emulators.accessKeyId());
        System.setProperty("aws.secretAccessKey", emulators.secretAccessKey());
        clients = new AwsClients(Environment.current());
        CatalogProvisioner.Provisioned resources =
                new CatalogProvisioner(clients).provision(BUCKET, RuntimeInfo.ACCOUNT_ID);
        resources.functionEnvironment().forEach(System::setProperty);
        System.setProperty(
                Catalog.ENV_METRICS_FILE, stateDir.resolve(METRICS_FILE).toString());
        // a streaming job takes in what was published within a second or two (AWS: 20 s, SQS's longest poll)
        System.setProperty(Catalog.ENV_STREAM_POLL_SECONDS, "1");
        Map<String, String> workforce = new CatalogProvisioner(clients)
                .provisionWorkforce(emulators.cognito().userPoolId(), portalUrl);
        workforce.forEach(System::setProperty);
        // the requesters' address: their "job completed / failed / stopped" notices land in the mailbox
        clients.sns()
                .subscribe(b -> b.topicArn(workforce.get(Catalog.ENV_JOB_EVENTS_TOPIC_ARN))
                        .protocol("email")
                        .endpoint(REQUESTER_MAILBOX));
        System.setProperty(Catalog.ENV_CUSTOM_LAMBDA_PREFIX, options.customLambdaPrefix());
        customLambdaPrefix = options.customLambdaPrefix();

        SqsClient sqs = clients.sqs();
        parts.add(sqs);
        String jobRequests = resources.queueUrls().get(Catalog.JOB_REQUESTS.name());
        notifier.configure(
                sqs,
                List.of(new NotificationRule(
                        Catalog.JOB_REQUESTS.name(),
                        BUCKET,
                        Catalog.JOB_REQUEST_PREFIX,
                        Catalog.JOB_REQUEST_SUFFIX,
                        Set.of("s3:ObjectCreated:*"),
                        jobRequests)));
        parts.add(new ScheduledFunctions(Catalog.SCHEDULES, functions));
        parts.add(SqsEventSource.builder(sqs, functions)
                .queueUrl(jobRequests)
                .function(CatalogProvisioner.FUNCTION_PREFIX + Catalog.START_JOB_FROM_S3)
                .reportBatchItemFailures(true)
                .start());

        // Public-crowd jobs go to the Mechanical Turk stand-in, unless the user's environment names Mechanical Turk
        // itself (the process environment: system properties are what an earlier runtime of this JVM set).
        if (blank(System.getenv(Catalog.ENV_MTURK_ENDPOINT)) && blank(System.getenv(Catalog.ENV_MTURK_SANDBOX))) {
            mechanicalTurk = MechanicalTurkStandIn.start();
            parts.add(mechanicalTurk);
            System.setProperty(
                    Catalog.ENV_MTURK_ENDPOINT, mechanicalTurk.endpoint().toString());
            System.setProperty(
                    Catalog.ENV_MTURK_WORKER_URL, mechanicalTurk.endpoint().toString());
        }

        issuer = new LocalTokenIssuer(stateDir);
        // A new secret each run: a page or program that knew the last one has to read the file again.
        signInSecret = SignInSecret.create(stateDir.resolve(SIGN_IN_SECRET_FILE));
        api = HttpApiGateway.builder(functions, issuer)
                .routes(Catalog.ROUTES.stream()
                        .map(r -> new Route(
                                r.method(),
                                r.path(),
                                CatalogProvisioner.FUNCTION_PREFIX + r.function(),
                                Route.Authorization.valueOf(r.authorization().name())))
                        .toList())
                .iamCredentials(emulators.accessKeyId(), emulators.secretAccessKey())
                .cors(Cors.allowing(options.devOrigins()))
                .localSignIn(signInSecret, emulators.cognito())
                .localMailbox(signInSecret, emulators.mail()::messages)
                .port(apiPort)
                .getJson("/config.json", () -> WebUi.localConfig(signInSecret))
                .staticRoot(WebUi.root(options.webRoot()))
                .start();
        parts.add(api);
        RuntimeInfo.write(stateDir, info());
    }

    /**
     * The local user pool, as the stack's: workers sign in with their e-mail address, a 12-character password with
     * every kind of character, and the invitation names the portal.
     */
    private static UserPoolConfig userPool(String portalUrl) {
        return UserPoolConfig.of(USER_POOL_ID)
                .withSignInWithEmail(true)
                .withPasswordPolicy(new PasswordPolicy(12, true, true, true, true))
                .withInvitation(new InvitationTemplate(
                        "You are invited to label data with Verity",
                        "You have been invited to a Verity work team.\n\nSign in to the worker portal at " + portalUrl
                                + "/#/work with the user name {username} and the temporary password {####}.\n"));
    }

    private ObjectNode info() {
        ObjectNode info = Json.object();
        info.put("apiUrl", apiUrl().toString());
        info.put("region", REGION);
        info.put("bucket", BUCKET);
        info.put("requesterToken", token("requester", Set.of("requesters")));
        ObjectNode env = info.putObject("environment");
        Environment.current().values().entrySet().stream()
                .filter(e -> e.getKey().startsWith("AWS_ENDPOINT_URL")
                        || e.getKey().startsWith("VERITY_")
                        || e.getKey().equals("AWS_REGION"))
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        ObjectNode props = info.putObject("systemProperties");
        for (String name : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey")) {
            props.put(name, System.getProperty(name));
        }
        return info;
    }

    /** Prints the endpoints and ready-to-use tokens. */
    public void printWelcome(PrintStream out) {
        out.println("Verity is running (state in " + stateDir + ")");
        out.println("  Web UI          " + apiUrl() + "   (worker portal and requester console)");
        out.println("  HTTP API        " + apiUrl());
        out.println("  S3              " + emulators.s3Endpoint() + "   (bucket " + BUCKET + ")");
        out.println("  SQS             " + emulators.sqsEndpoint());
        out.println("  DynamoDB        " + emulators.dynamoEndpoint());
        out.println("  Step Functions  " + emulators.sfnEndpoint());
        if (mechanicalTurk != null) {
            out.println("  Mechanical Turk " + mechanicalTurk.endpoint()
                    + "   (local stand-in: public-crowd HITs; work them as a worker there, nothing is paid)");
        }
        out.println("  Custom Lambdas  named " + customLambdaPrefix + "…   (samples: " + customLambdaPrefix
                + SAMPLE_PRE_ANNOTATION + ", " + customLambdaPrefix + SAMPLE_POST_ANNOTATION + ")");
        out.println("  Mailbox         " + apiUrl() + "#/console/mailbox   (every mail Verity sends: invitations, "
                + "notices; SMTP 127.0.0.1:" + emulators.mail().smtpPort() + "; requesters' address "
                + REQUESTER_MAILBOX + ")");
        out.println("  SNS             " + emulators.snsEndpoint());
        out.println("  EventBridge     " + emulators.eventBridgeEndpoint()
                + "   (records the job status events the functions put; delivers none)");
        out.println("  Cognito         " + emulators.cognitoEndpoint() + "   (user pool " + USER_POOL_ID + ")");
        out.println("Tokens (Authorization: Bearer …):");
        out.println("  requester  " + token("requester", Set.of("requesters")));
        for (int i = 1; i <= 3; i++) {
            out.println("  worker-" + i + "   " + token("worker-" + i, Set.of("workers")));
        }
        out.println("Sign-in secret (POST /local-auth/token needs it in the " + SignInSecret.HEADER + " header): "
                + signInSecret.file());
        out.println("Try: curl -H \"Authorization: Bearer <requester token>\" " + apiUrl() + "jobs");
        out.println("     AWS_ACCESS_KEY_ID=" + emulators.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                + emulators.secretAccessKey() + " aws --region " + REGION + " --endpoint-url "
                + emulators.sfnEndpoint() + " stepfunctions list-executions --state-machine-arn "
                + System.getProperty(Catalog.ENV_STATE_MACHINE_ARN));
    }

    /** The HTTP API's base URL, ending in a slash. */
    public URI apiUrl() {
        return URI.create(api.endpoint() + "/");
    }

    public String bucket() {
        return BUCKET;
    }

    public S3Client s3() {
        return clients.s3();
    }

    public AwsClients clients() {
        return clients;
    }

    public Emulators emulators() {
        return emulators;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The Mechanical Turk stand-in public-crowd jobs go to, or null when the environment names the real service. */
    public MechanicalTurkStandIn mechanicalTurk() {
        return mechanicalTurk;
    }

    /** An ID token from the local issuer, shaped like Cognito's. */
    public String token(String username, Set<String> groups) {
        return issuer.issue(username, List.copyOf(groups));
    }

    public ApiClient api(String token) {
        return new ApiClient(apiUrl(), token);
    }

    /** The file behind an object of the embedded S3, if it is stored on disk. */
    public Optional<Path> localPath(String s3Uri) {
        if (s3Uri == null) {
            return Optional.empty();
        }
        S3Uri uri = S3Uri.parse(s3Uri);
        try (var files = Files.walk(stateDir.resolve(DATA_DIR))) {
            return files.filter(p -> p.endsWith(Path.of(uri.bucket(), uri.key())))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        parts.clear();
        try {
            RuntimeInfo.delete(stateDir);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
