package dev.verity.handler;

import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.aws.Lazy;
import dev.verity.catalog.Catalog;
import dev.verity.cost.JobCostService;
import dev.verity.cost.PriceTable;
import dev.verity.crowd.CrowdMarketplace;
import dev.verity.export.ExportService;
import dev.verity.export.ImportService;
import dev.verity.labeling.ActiveLearningService;
import dev.verity.labeling.CrowdSettings;
import dev.verity.labeling.CrowdTaskService;
import dev.verity.labeling.DatasetService;
import dev.verity.labeling.JobIntakeService;
import dev.verity.labeling.JobLayout;
import dev.verity.labeling.JobListing;
import dev.verity.labeling.JobService;
import dev.verity.labeling.ManifestCrawler;
import dev.verity.labeling.ModelService;
import dev.verity.labeling.ObjectBrowser;
import dev.verity.labeling.OutputService;
import dev.verity.labeling.StreamOutput;
import dev.verity.labeling.StreamingService;
import dev.verity.labeling.TaskService;
import dev.verity.labeling.UploadService;
import dev.verity.labeling.WorkerEstimation;
import dev.verity.lambda.AwsLambdaFunctions;
import dev.verity.lambda.LambdaFunctions;
import dev.verity.members.CognitoMemberDirectory;
import dev.verity.monitor.EmfFileJobMetricsReader;
import dev.verity.monitor.EmfJobMetrics;
import dev.verity.monitor.EventBridgeJobEvents;
import dev.verity.monitor.JobMetricsReader;
import dev.verity.monitor.JobMetricsService;
import dev.verity.monitor.JobMonitor;
import dev.verity.notify.NotificationTopics;
import dev.verity.notify.SnsLabelTopic;
import dev.verity.notify.SnsNotificationTopics;
import dev.verity.queue.SqsStreamQueue;
import dev.verity.queue.SqsTaskQueue;
import dev.verity.queue.TaskQueue;
import dev.verity.store.DynamoHitStore;
import dev.verity.store.DynamoJobStore;
import dev.verity.store.DynamoStreamStore;
import dev.verity.store.DynamoTeamStore;
import dev.verity.store.DynamoUsageStore;
import dev.verity.store.HitStore;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.store.S3ObjectStore;
import dev.verity.store.StreamStore;
import dev.verity.store.TeamStore;
import dev.verity.store.UsageStore;
import dev.verity.workflow.StepFunctionsWorkflow;
import dev.verity.workflow.Workflow;
import dev.verity.workforce.JobNotices;
import dev.verity.workforce.MemberService;
import dev.verity.workforce.TeamService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root: AWS clients from the environment, adapters, domain services. Built once per Lambda
 * instance (before the SnapStart snapshot) and shared by the handlers.
 */
public final class Services {

    private static volatile Services fromEnvironment;

    public final JobService jobs;
    public final JobListing listing;
    public final ActiveLearningService activeLearning;
    public final ModelService models;
    public final JobIntakeService intake;
    public final DatasetService datasets;
    public final TaskService tasks;
    public final OutputService outputs;
    public final WorkerEstimation workerEstimation;
    public final ObjectBrowser browser;
    public final ManifestCrawler crawler;
    public final UploadService uploads;
    public final TeamService teams;
    public final MemberService members;
    public final JobNotices notices;
    /** Job status events and job and task metrics; the handler flushes the metrics after each invocation. */
    public final JobMonitor monitor;
    /** The worker portal's host, a work team's {@code SubDomain}. */
    public final String portalHost;

    public final CrowdTaskService crowd;
    /** Where each invocation adds what it used of AWS; read back, priced, by {@link #costs}. */
    public final UsageStore usage;

    public final JobCostService costs;

    /** A job's labels to training formats (COCO, YOLO, VOC, CoNLL, spaCy, CSV), written under its output prefix. */
    public final ExportService exports;

    /** A job's task and outcome metrics, read back from the metrics file locally, from CloudWatch in AWS. */
    public final JobMetricsService metrics;

    /** COCO, YOLO or VOC annotations to a manifest of Ground Truth bounding-box pre-labels. */
    public final ImportService imports;

    /** Streaming jobs: their intake from the input topic, and the output of each round. */
    public final StreamingService streaming;

    public final StreamOutput streamOutput;

    /** The SDK clients made on first use; {@link #makeClients()} makes them all. */
    private final List<Lazy<?>> clients;

    public Services(Environment env) {
        this(env, Clock.systemUTC());
    }

    /** With another clock: tests move time on to see what a deadline does. */
    public Services(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        // Every function reads the table: one client, made now, for the three stores.
        DynamoDbClient dynamoDb = aws.dynamoDb();
        Lazy<S3Client> s3 = Lazy.of(aws::s3);
        Lazy<S3Presigner> presigner = Lazy.of(aws::s3Presigner);
        Lazy<SqsClient> sqs = Lazy.of(aws::sqs);
        Lazy<SfnClient> sfn = Lazy.of(aws::sfn);
        Lazy<LambdaClient> lambda = Lazy.of(aws::lambda);
        Lazy<SnsClient> sns = Lazy.of(aws::sns);
        Lazy<CognitoIdentityProviderClient> cognito = Lazy.of(aws::cognito);
        Lazy<EventBridgeClient> eventBridge = Lazy.of(aws::eventBridge);
        this.clients = List.of(s3, presigner, sqs, sfn, lambda, sns, cognito, eventBridge);
        this.monitor = new JobMonitor(
                new EventBridgeJobEvents(eventBridge),
                new EmfJobMetrics(
                        env.get(Catalog.ENV_METRICS_FILE).map(Path::of).orElse(null)),
                JobService::counters);
        ObjectStore objects = new S3ObjectStore(s3, presigner);
        JobStore jobStore = new DynamoJobStore(dynamoDb, env.require(Catalog.ENV_TABLE));
        TaskQueue queue =
                new SqsTaskQueue(sqs, env.get(Catalog.ENV_TASK_QUEUE_PREFIX).orElse(Catalog.TASK_QUEUE_PREFIX));
        Workflow workflow = new StepFunctionsWorkflow(sfn, env.require(Catalog.ENV_STATE_MACHINE_ARN));
        LambdaFunctions functions = new AwsLambdaFunctions(lambda);
        TeamStore teamStore = new DynamoTeamStore(dynamoDb, env.require(Catalog.ENV_TABLE));
        NotificationTopics topics = new SnsNotificationTopics(sns);
        this.teams = new TeamService(
                teamStore,
                jobStore,
                clock,
                aws.region().id(),
                topics,
                env.get(Catalog.ENV_TEAM_TOPIC_PREFIX).orElse(Catalog.TEAM_TOPIC_PREFIX));
        this.members = new MemberService(
                teams,
                teamStore,
                new CognitoMemberDirectory(
                        cognito, env.get(Catalog.ENV_USER_POOL_ID).orElse("")),
                topics);
        String portalUrl = env.get(Catalog.ENV_WEB_URL).orElse("http://localhost/");
        this.portalHost = URI.create(portalUrl).getAuthority();
        this.notices = new JobNotices(
                teams,
                jobStore,
                topics,
                env.get(Catalog.ENV_JOB_EVENTS_TOPIC_ARN).orElse(null),
                portalUrl,
                clock);
        this.jobs = new JobService(
                jobStore,
                objects,
                workflow,
                teams,
                clock,
                aws.region().id(),
                env.get(Catalog.ENV_CUSTOM_LAMBDA_PREFIX).orElse(Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX),
                monitor);
        this.listing = new JobListing(jobStore, teams);
        this.intake = new JobIntakeService(jobs, objects);
        this.datasets = new DatasetService(jobStore, objects, JobLayout.CHUNK_SIZE, monitor);
        this.activeLearning = new ActiveLearningService(jobStore, objects);
        this.models = new ModelService(jobStore, objects, clock);
        CrowdMarketplace marketplace = aws.mechanicalTurk(clock);
        HitStore hits = new DynamoHitStore(dynamoDb, env.require(Catalog.ENV_TABLE));
        CrowdSettings crowdSettings = new CrowdSettings(
                env.get(Catalog.ENV_WEB_URL).map(Services::directory).orElse(null), aws.mechanicalTurkWorkerSite());
        this.tasks = new TaskService(
                jobStore,
                objects,
                queue,
                workflow,
                teams,
                clock,
                functions,
                notices,
                marketplace,
                hits,
                crowdSettings,
                monitor);
        this.crowd = new CrowdTaskService(jobStore, tasks, clock);
        this.outputs =
                new OutputService(jobStore, objects, queue, clock, functions, notices, marketplace, hits, monitor);
        StreamStore streams = new DynamoStreamStore(dynamoDb, env.require(Catalog.ENV_TABLE));
        this.streaming = new StreamingService(
                jobStore,
                streams,
                new SqsStreamQueue(
                        sqs, sns, env.get(Catalog.ENV_INTAKE_QUEUE_PREFIX).orElse(Catalog.INTAKE_QUEUE_PREFIX)),
                objects,
                workflow,
                clock,
                env.get(Catalog.ENV_STREAM_POLL_SECONDS).map(Integer::parseInt).orElse(20));
        this.streamOutput = new StreamOutput(jobStore, streams, objects, new SnsLabelTopic(sns), outputs);
        this.workerEstimation = new WorkerEstimation(jobStore, objects);
        this.browser = new ObjectBrowser(jobStore, objects);
        this.usage = new DynamoUsageStore(dynamoDb, env.require(Catalog.ENV_TABLE));
        this.costs = new JobCostService(jobs, usage, workflow, PriceTable.US_EAST_1);
        this.metrics = new JobMetricsService(
                jobs,
                env.get(Catalog.ENV_METRICS_FILE)
                        .<JobMetricsReader>map(file -> new EmfFileJobMetricsReader(Path.of(file)))
                        .orElseGet(aws::cloudWatchMetrics),
                clock);
        this.exports = new ExportService(jobStore, objects, clock);
        this.imports = new ImportService(objects, clock);
        this.crawler = new ManifestCrawler(objects, clock);
        this.uploads = new UploadService(objects, env.get(Catalog.ENV_BUCKET).orElse(null));
    }

    /**
     * Makes every SDK client now: before a SnapStart snapshot, so a restored function finds them built whichever its
     * requests use. Builds them only: no request leaves.
     */
    public void makeClients() {
        clients.forEach(Lazy::get);
    }

    /** The URL as a base for relative ones: with a trailing slash. */
    private static URI directory(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** The instance for this process's environment if one was made already, else null. */
    static Services madeFromEnvironment() {
        return fromEnvironment;
    }

    /** The instance for this process's environment, made on first use. */
    public static Services fromEnvironment() {
        Services services = fromEnvironment;
        if (services == null) {
            synchronized (Services.class) {
                if (fromEnvironment == null) {
                    fromEnvironment = new Services(Environment.current());
                }
                services = fromEnvironment;
            }
        }
        return services;
    }
}
