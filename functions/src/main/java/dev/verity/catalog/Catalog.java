package dev.verity.catalog;

import static dev.verity.catalog.FunctionSpec.Access.BUCKET_READ;
import static dev.verity.catalog.FunctionSpec.Access.BUCKET_WRITE;
import static dev.verity.catalog.FunctionSpec.Access.CROWD_MARKETPLACE;
import static dev.verity.catalog.FunctionSpec.Access.EXECUTION_HISTORY;
import static dev.verity.catalog.FunctionSpec.Access.JOB_EVENTS;
import static dev.verity.catalog.FunctionSpec.Access.JOB_REQUEST_ERRORS;
import static dev.verity.catalog.FunctionSpec.Access.LABEL_TOPICS;
import static dev.verity.catalog.FunctionSpec.Access.METRICS_READ;
import static dev.verity.catalog.FunctionSpec.Access.NOTIFY;
import static dev.verity.catalog.FunctionSpec.Access.START_EXECUTION;
import static dev.verity.catalog.FunctionSpec.Access.STREAM_INTAKE_QUEUES;
import static dev.verity.catalog.FunctionSpec.Access.TABLE_READ;
import static dev.verity.catalog.FunctionSpec.Access.TABLE_WRITE;
import static dev.verity.catalog.FunctionSpec.Access.TASK_QUEUES;
import static dev.verity.catalog.FunctionSpec.Access.TASK_TOKEN;
import static dev.verity.catalog.FunctionSpec.Access.TEAM_TOPICS;
import static dev.verity.catalog.FunctionSpec.Access.USER_FUNCTIONS;
import static dev.verity.catalog.FunctionSpec.Access.WORKFORCE_DIRECTORY;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one list of Verity's functions, table, queues, routes and state machine. The CDK stack creates resources from
 * it; the local runtime and the test extension mirror them. Nothing else may name these resources.
 */
public final class Catalog {

    /** Environment variable names every function receives. */
    public static final String ENV_BUCKET = "VERITY_BUCKET";

    public static final String ENV_TABLE = "VERITY_TABLE";
    public static final String ENV_STATE_MACHINE_ARN = "VERITY_STATE_MACHINE_ARN";
    /** Prefix of the per-job task queue names (the job name follows). */
    public static final String ENV_TASK_QUEUE_PREFIX = "VERITY_TASK_QUEUE_PREFIX";
    /** Names of the requester's own Lambdas (custom task types) Verity may invoke start with this. */
    public static final String ENV_CUSTOM_LAMBDA_PREFIX = "VERITY_CUSTOM_LAMBDA_PREFIX";
    /** The private workforce's Cognito user pool (invitations, members). */
    public static final String ENV_USER_POOL_ID = "VERITY_USER_POOL_ID";
    /** Names of the work teams' notification topics Verity makes start with this (the team name follows). */
    public static final String ENV_TEAM_TOPIC_PREFIX = "VERITY_TEAM_TOPIC_PREFIX";
    /** The topic requesters hear "job completed / failed / stopped" on; unset: no such notices. */
    public static final String ENV_JOB_EVENTS_TOPIC_ARN = "VERITY_JOB_EVENTS_TOPIC_ARN";
    /**
     * A file the job and task metrics' EMF lines are appended to instead of standard output (the local runtime's,
     * so its console stays readable); unset in AWS, where CloudWatch Logs reads them from standard output.
     */
    public static final String ENV_METRICS_FILE = "VERITY_METRICS_FILE";
    /** Prefix of the streaming jobs' intake queue names (the job name follows). */
    public static final String ENV_INTAKE_QUEUE_PREFIX = "VERITY_INTAKE_QUEUE_PREFIX";
    /**
     * Seconds a streaming job's intake waits for a message (SQS long polling, at most 20), and then between two
     * intakes that found none; unset: 20.
     */
    public static final String ENV_STREAM_POLL_SECONDS = "VERITY_STREAM_POLL_SECONDS";
    /** "true" where the S3 endpoint needs path-style addressing (S3Proxy, LocalStack). */
    public static final String ENV_S3_PATH_STYLE = "VERITY_S3_PATH_STYLE";
    /**
     * The web UI's base URL (ending in {@code /}): notices link to its portal, public-crowd HITs open its task page.
     * The stack sets the CloudFront distribution's; the local runtime its own.
     */
    public static final String ENV_WEB_URL = "VERITY_WEB_URL";
    /** Mechanical Turk's requester API endpoint, by the SDK's naming (service id MTurk); unset: production's. */
    public static final String ENV_MTURK_ENDPOINT = "AWS_ENDPOINT_URL_MTURK";
    /** "true": publish to Mechanical Turk's sandbox (requester API and worker site) instead of production. */
    public static final String ENV_MTURK_SANDBOX = "VERITY_MTURK_SANDBOX";
    /** Mechanical Turk's worker site, where task pages post answers ({@code turkSubmitTo}); unset: by the above. */
    public static final String ENV_MTURK_WORKER_URL = "VERITY_MTURK_WORKER_URL";

    public static final String REQUESTER_API = "requester-api";
    public static final String WORKER_API = "worker-api";
    public static final String CROWD_API = "crowd-api";
    public static final String SAGEMAKER_API = "sagemaker-api";
    public static final String START_JOB_FROM_S3 = "start-job-from-s3";
    public static final String REMIND_EXPIRING = "remind-expiring";
    public static final String PREPARE_DATASET = "prepare-dataset";
    public static final String SELECT_OBJECTS = "select-objects";
    public static final String DISPATCH_TASKS = "dispatch-tasks";
    public static final String GATHER_ANSWERS = "gather-answers";
    public static final String ESTIMATE_WORKERS = "estimate-workers";
    public static final String CONSOLIDATE = "consolidate";
    public static final String WRITE_OUTPUT = "write-output";
    public static final String MARK_FAILED = "mark-failed";
    public static final String SELECT_BATCH = "select-batch";
    public static final String FEATURISE = "featurise";
    public static final String TRAIN_MODEL = "train-model";
    public static final String INFER = "infer";
    public static final String CALIBRATE = "calibrate";
    public static final String STREAM_INTAKE = "stream-intake";

    private static final String H = "dev.verity.handler.";
    private static final String M = "dev.verity.models.handler.";

    public static final List<FunctionSpec> FUNCTIONS = List.of(
            new FunctionSpec(
                    REQUESTER_API,
                    H + "RequesterApiHandler",
                    1024,
                    30,
                    "Requester HTTP API: jobs, their objects, answers and metrics, dataset crawls, upload URLs, work"
                            + " teams and their members; the API's OpenAPI document",
                    Set.of(
                            BUCKET_READ,
                            BUCKET_WRITE,
                            TABLE_READ,
                            TABLE_WRITE,
                            START_EXECUTION,
                            EXECUTION_HISTORY,
                            TASK_TOKEN,
                            WORKFORCE_DIRECTORY,
                            TEAM_TOPICS,
                            JOB_EVENTS,
                            METRICS_READ)),
            // The same operations as the requester API's, in SageMaker's own protocol, for the SDKs and the AWS CLI
            new FunctionSpec(
                    SAGEMAKER_API,
                    H + "SageMakerApiHandler",
                    1024,
                    30,
                    "SageMaker protocol endpoint (IAM-authorised): labeling jobs and work teams for boto3, the AWS CLI"
                            + " and the SDKs",
                    Set.of(BUCKET_READ, TABLE_READ, TABLE_WRITE, START_EXECUTION, TASK_TOKEN, TEAM_TOPICS, JOB_EVENTS)),
            // USER_FUNCTIONS: an answer that completes an object lets the next one in, and a custom job's next object
            // first goes through its pre-annotation Lambda
            new FunctionSpec(
                    WORKER_API,
                    H + "WorkerApiHandler",
                    1024,
                    30,
                    "Worker HTTP API: next task, submit, release, decline",
                    Set.of(
                            BUCKET_READ,
                            BUCKET_WRITE,
                            TABLE_READ,
                            TABLE_WRITE,
                            TASK_QUEUES,
                            TASK_TOKEN,
                            USER_FUNCTIONS)),
            // No sign-in: Mechanical Turk workers reach it from a HIT; it checks them against Mechanical Turk. The
            // answer that completes an object lets the next ones in (new HITs; a custom job's pre-annotation first).
            new FunctionSpec(
                    CROWD_API,
                    H + "CrowdApiHandler",
                    1024,
                    30,
                    "Public crowd (Mechanical Turk) task page API: a HIT's task and its worker's answer",
                    Set.of(
                            BUCKET_READ,
                            BUCKET_WRITE,
                            TABLE_READ,
                            TABLE_WRITE,
                            TASK_TOKEN,
                            USER_FUNCTIONS,
                            CROWD_MARKETPLACE)),
            new FunctionSpec(
                    START_JOB_FROM_S3,
                    H + "StartJobFromS3Handler",
                    1024,
                    60,
                    "Starts a labeling job from a jobs/<name>.json upload (S3 event via SQS)",
                    Set.of(BUCKET_READ, JOB_REQUEST_ERRORS, TABLE_READ, TABLE_WRITE, START_EXECUTION, JOB_EVENTS)),
            new FunctionSpec(
                    PREPARE_DATASET,
                    H + "PrepareDatasetHandler",
                    2048,
                    900,
                    "Streams and validates the input manifest into normalized chunks",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ, TABLE_WRITE, JOB_EVENTS)),
            new FunctionSpec(
                    SELECT_OBJECTS,
                    H + "SelectObjectsHandler",
                    2048,
                    900,
                    "Selects the objects to label: all, a seeded random sample or a filter",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ, TABLE_WRITE)),
            new FunctionSpec(
                    DISPATCH_TASKS,
                    H + "DispatchTasksHandler",
                    1024,
                    900,
                    "Creates the job's task queue, sends one message per required answer (public crowd: one HIT"
                            + " per object) and tells the team",
                    Set.of(
                            BUCKET_READ,
                            BUCKET_WRITE,
                            TABLE_READ,
                            TABLE_WRITE,
                            TASK_QUEUES,
                            TASK_TOKEN,
                            USER_FUNCTIONS,
                            NOTIFY,
                            CROWD_MARKETPLACE)),
            new FunctionSpec(
                    GATHER_ANSWERS,
                    H + "GatherAnswersHandler",
                    1024,
                    900,
                    "Closes the human batch and writes one chunk's answers as class indexes for EstimateWorkers",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ, TABLE_WRITE)),
            new FunctionSpec(
                    ESTIMATE_WORKERS,
                    H + "EstimateWorkersHandler",
                    3008,
                    900,
                    "Measures the workers over every chunk's gathered answers (Dawid-Skene) for the chunks'"
                            + " consolidation",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ)),
            new FunctionSpec(
                    CONSOLIDATE,
                    H + "ConsolidateChunkHandler",
                    2048,
                    900,
                    "Consolidates the answers of one chunk of objects into labels (public crowd: and pays for them)",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ, USER_FUNCTIONS, CROWD_MARKETPLACE)),
            new FunctionSpec(
                    WRITE_OUTPUT,
                    H + "WriteOutputHandler",
                    2048,
                    900,
                    "Writes the augmented output manifest, completes the job and tells the requesters",
                    Set.of(
                            BUCKET_READ,
                            BUCKET_WRITE,
                            TABLE_READ,
                            TABLE_WRITE,
                            TASK_QUEUES,
                            NOTIFY,
                            CROWD_MARKETPLACE,
                            JOB_EVENTS,
                            LABEL_TOPICS)),
            // START_EXECUTION: a long stream is carried on by a new execution (an execution's history is bounded)
            new FunctionSpec(
                    STREAM_INTAKE,
                    H + "StreamIntakeHandler",
                    1024,
                    300,
                    "Streaming jobs: subscribes the job's intake queue to its input topic, takes in each round of the"
                            + " objects published there, and ends the subscription when the job stops",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ, TABLE_WRITE, START_EXECUTION, STREAM_INTAKE_QUEUES)),
            new FunctionSpec(
                    MARK_FAILED,
                    H + "MarkJobFailedHandler",
                    512,
                    60,
                    "Marks a job Failed with the workflow's error and tells the requesters",
                    Set.of(TABLE_READ, TABLE_WRITE, TASK_QUEUES, NOTIFY, CROWD_MARKETPLACE, JOB_EVENTS)),
            new FunctionSpec(
                    REMIND_EXPIRING,
                    H + "RemindExpiringJobsHandler",
                    512,
                    120,
                    "Reminds the teams of running jobs whose tasks expire within a day (hourly)",
                    Set.of(TABLE_READ, TABLE_WRITE, NOTIFY)),
            new FunctionSpec(
                    SELECT_BATCH,
                    H + "SelectBatchHandler",
                    2048,
                    900,
                    "Automated labeling: chooses each human batch and applies each round's machine labels",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ, TABLE_WRITE)),
            new FunctionSpec(
                    CALIBRATE,
                    H + "CalibrateHandler",
                    1024,
                    300,
                    "Automated labeling: fits each round's confidence threshold on the validation set",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ)),
            new FunctionSpec(
                    FEATURISE,
                    M + "FeaturiseChunkHandler",
                    2048,
                    900,
                    "Automated labeling: computes the features of one chunk's objects, once per job",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ),
                    FunctionSpec.Bundle.MODELS),
            new FunctionSpec(
                    TRAIN_MODEL,
                    M + "TrainModelHandler",
                    4096,
                    900,
                    "Automated labeling: trains a round's model on the human labels",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ, TABLE_WRITE),
                    FunctionSpec.Bundle.MODELS),
            new FunctionSpec(
                    INFER,
                    M + "InferChunkHandler",
                    2048,
                    900,
                    "Automated labeling: predicts one chunk's objects with a round's model",
                    Set.of(BUCKET_READ, BUCKET_WRITE, TABLE_READ),
                    FunctionSpec.Bundle.MODELS));

    /** One table: jobs, objects and assignments under the job's partition; GSI1 lists jobs by creation. */
    public static final TableSpec TABLE =
            new TableSpec("verity", "pk", "sk", List.of(new TableSpec.IndexSpec("gsi1", "gsi1pk", "gsi1sk")));

    public static final QueueSpec JOB_REQUESTS_DLQ = new QueueSpec("verity-job-requests-dlq", 60, null, 0);
    public static final QueueSpec JOB_REQUESTS = new QueueSpec("verity-job-requests", 360, JOB_REQUESTS_DLQ.name(), 5);
    public static final List<QueueSpec> QUEUES = List.of(JOB_REQUESTS_DLQ, JOB_REQUESTS);

    /** S3 keys under this prefix ending in .json are job requests (S3 event → JOB_REQUESTS → START_JOB_FROM_S3). */
    public static final String JOB_REQUEST_PREFIX = "jobs/";

    public static final String JOB_REQUEST_SUFFIX = ".json";

    /** A refused job request's reasons go to this prefix + its base name + ".txt" (no caller to answer). */
    public static final String JOB_REQUEST_ERRORS_PREFIX = JOB_REQUEST_PREFIX + "errors/";

    /** Verity's function names: this, then the stage and a hyphen if the deployment has one, then the catalog name. */
    public static final String FUNCTION_NAME_PREFIX = "verity-";
    /** Stage names (a deploy-time setting): lower-case letters and digits, no hyphen, as they go into names. */
    public static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9]{0,11}");

    /**
     * The requester's own Lambdas a custom job may name (pre- and post-annotation) must be named with a prefix set at
     * deploy time; this one by default. The stage {@code custom}, whose functions it would cover, is reserved.
     */
    public static final String DEFAULT_CUSTOM_LAMBDA_PREFIX = FUNCTION_NAME_PREFIX + "custom-";
    /** Characters of a Lambda function name; at most 48 so a useful name still fits in Lambda's 64. */
    private static final Pattern CUSTOM_LAMBDA_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,48}");

    /** The work teams' notification topics are named this prefix + the team name. */
    public static final String TEAM_TOPIC_PREFIX = "verity-team-";
    /** The requesters' topic: one notice when a job completes, fails or stops. */
    public static final String JOB_EVENTS_TOPIC = "verity-job-events";

    /** Streaming jobs' intake queues are named this prefix + the lower-cased job name. */
    public static final String INTAKE_QUEUE_PREFIX = "verity-intake-";

    /** Per-job task queues are named this prefix + the lower-cased job name. */
    public static final String TASK_QUEUE_PREFIX = "verity-tasks-";

    /**
     * The SageMaker protocol endpoint's path: the API's root, where the SDKs post when given the API's URL as their
     * endpoint.
     */
    public static final String SAGEMAKER_PATH = "/";

    // The HTTP routes, one constant each: handlers map these to their code, so a route has one identity.
    public static final RouteSpec JOBS_CREATE = new RouteSpec("POST", "/jobs", REQUESTER_API);
    public static final RouteSpec JOBS_LIST = new RouteSpec("GET", "/jobs", REQUESTER_API);
    public static final RouteSpec JOBS_DESCRIBE = new RouteSpec("GET", "/jobs/{name}", REQUESTER_API);
    public static final RouteSpec JOBS_STOP = new RouteSpec("POST", "/jobs/{name}/stop", REQUESTER_API);
    public static final RouteSpec JOBS_RESUME = new RouteSpec("POST", "/jobs/{name}/resume", REQUESTER_API);
    public static final RouteSpec JOBS_WORKERS = new RouteSpec("GET", "/jobs/{name}/workers", REQUESTER_API);
    public static final RouteSpec JOBS_OBJECTS = new RouteSpec("GET", "/jobs/{name}/objects", REQUESTER_API);
    public static final RouteSpec JOBS_OBJECT_ANSWERS =
            new RouteSpec("GET", "/jobs/{name}/objects/{id}/answers", REQUESTER_API);
    public static final RouteSpec JOBS_OUTPUT = new RouteSpec("GET", "/jobs/{name}/output", REQUESTER_API);
    public static final RouteSpec JOBS_ROUNDS = new RouteSpec("GET", "/jobs/{name}/rounds", REQUESTER_API);
    public static final RouteSpec JOBS_COST = new RouteSpec("GET", "/jobs/{name}/cost", REQUESTER_API);
    public static final RouteSpec JOBS_EXPORT = new RouteSpec("GET", "/jobs/{name}/export", REQUESTER_API);
    public static final RouteSpec JOBS_METRICS = new RouteSpec("GET", "/jobs/{name}/metrics", REQUESTER_API);
    public static final RouteSpec DATASETS_CRAWL = new RouteSpec("POST", "/datasets/manifest", REQUESTER_API);
    public static final RouteSpec DATASETS_IMPORT = new RouteSpec("POST", "/datasets/import", REQUESTER_API);
    public static final RouteSpec UPLOADS_PRESIGN = new RouteSpec("POST", "/uploads", REQUESTER_API);
    public static final RouteSpec WORKTEAMS_CREATE = new RouteSpec("POST", "/workteams", REQUESTER_API);
    public static final RouteSpec WORKTEAMS_LIST = new RouteSpec("GET", "/workteams", REQUESTER_API);
    public static final RouteSpec WORKTEAMS_DESCRIBE = new RouteSpec("GET", "/workteams/{name}", REQUESTER_API);
    public static final RouteSpec WORKTEAMS_UPDATE = new RouteSpec("POST", "/workteams/{name}", REQUESTER_API);
    public static final RouteSpec WORKTEAMS_DELETE = new RouteSpec("DELETE", "/workteams/{name}", REQUESTER_API);
    public static final RouteSpec MEMBERS_LIST = new RouteSpec("GET", "/workteams/{name}/members", REQUESTER_API);
    public static final RouteSpec MEMBERS_INVITE = new RouteSpec("POST", "/workteams/{name}/members", REQUESTER_API);
    public static final RouteSpec MEMBERS_UPDATE =
            new RouteSpec("POST", "/workteams/{name}/members/{email}", REQUESTER_API);
    public static final RouteSpec MEMBERS_REMOVE =
            new RouteSpec("DELETE", "/workteams/{name}/members/{email}", REQUESTER_API);
    public static final RouteSpec WORKER_JOBS_LIST = new RouteSpec("GET", "/worker/jobs", WORKER_API);
    public static final RouteSpec WORKER_TASKS_NEXT =
            new RouteSpec("POST", "/worker/jobs/{name}/tasks/next", WORKER_API);
    public static final RouteSpec WORKER_ASSIGNMENTS_SUBMIT =
            new RouteSpec("POST", "/worker/assignments/{id}", WORKER_API);
    public static final RouteSpec WORKER_ASSIGNMENTS_RELEASE =
            new RouteSpec("POST", "/worker/assignments/{id}/release", WORKER_API);
    public static final RouteSpec WORKER_ASSIGNMENTS_DECLINE =
            new RouteSpec("POST", "/worker/assignments/{id}/decline", WORKER_API);
    public static final RouteSpec CROWD_TASK =
            new RouteSpec("GET", "/mturk/jobs/{name}/objects/{id}/task", CROWD_API, RouteSpec.Authorization.NONE);
    public static final RouteSpec CROWD_ANSWERS_SUBMIT =
            new RouteSpec("POST", "/mturk/jobs/{name}/objects/{id}/answers", CROWD_API, RouteSpec.Authorization.NONE);
    /** The API's OpenAPI document, for clients and their code generators before they sign in. */
    public static final RouteSpec OPENAPI_DOCUMENT =
            new RouteSpec("GET", "/openapi.json", REQUESTER_API, RouteSpec.Authorization.NONE);
    /** SageMaker's JSON protocol (X-Amz-Target: SageMaker.<Operation>), SigV4-signed. */
    public static final RouteSpec SAGEMAKER_PROTOCOL =
            new RouteSpec("POST", SAGEMAKER_PATH, SAGEMAKER_API, RouteSpec.Authorization.IAM);

    public static final List<RouteSpec> ROUTES = List.of(
            JOBS_CREATE,
            JOBS_LIST,
            JOBS_DESCRIBE,
            JOBS_STOP,
            JOBS_RESUME,
            JOBS_WORKERS,
            JOBS_OBJECTS,
            JOBS_OBJECT_ANSWERS,
            JOBS_OUTPUT,
            JOBS_ROUNDS,
            JOBS_COST,
            JOBS_EXPORT,
            JOBS_METRICS,
            DATASETS_CRAWL,
            DATASETS_IMPORT,
            UPLOADS_PRESIGN,
            WORKTEAMS_CREATE,
            WORKTEAMS_LIST,
            WORKTEAMS_DESCRIBE,
            WORKTEAMS_UPDATE,
            WORKTEAMS_DELETE,
            MEMBERS_LIST,
            MEMBERS_INVITE,
            MEMBERS_UPDATE,
            MEMBERS_REMOVE,
            WORKER_JOBS_LIST,
            WORKER_TASKS_NEXT,
            WORKER_ASSIGNMENTS_SUBMIT,
            WORKER_ASSIGNMENTS_RELEASE,
            WORKER_ASSIGNMENTS_DECLINE,
            CROWD_TASK,
            CROWD_ANSWERS_SUBMIT,
            OPENAPI_DOCUMENT,
            SAGEMAKER_PROTOCOL);

    private static final Map<String, RouteSpec> ROUTES_BY_KEY =
            ROUTES.stream().collect(Collectors.toUnmodifiableMap(RouteSpec::routeKey, r -> r));

    /** The functions run at a fixed rate. */
    public static final List<ScheduleSpec> SCHEDULES = List.of(new ScheduleSpec(REMIND_EXPIRING, Duration.ofHours(1)));

    public static final StateMachineSpec STATE_MACHINE;

    static {
        Map<String, String> subs = new LinkedHashMap<>();
        subs.put("PrepareDatasetFunctionArn", PREPARE_DATASET);
        subs.put("SelectObjectsFunctionArn", SELECT_OBJECTS);
        subs.put("DispatchTasksFunctionArn", DISPATCH_TASKS);
        subs.put("GatherAnswersFunctionArn", GATHER_ANSWERS);
        subs.put("EstimateWorkersFunctionArn", ESTIMATE_WORKERS);
        subs.put("ConsolidateFunctionArn", CONSOLIDATE);
        subs.put("WriteOutputFunctionArn", WRITE_OUTPUT);
        subs.put("MarkFailedFunctionArn", MARK_FAILED);
        subs.put("SelectBatchFunctionArn", SELECT_BATCH);
        subs.put("FeaturiseFunctionArn", FEATURISE);
        subs.put("TrainModelFunctionArn", TRAIN_MODEL);
        subs.put("InferFunctionArn", INFER);
        subs.put("CalibrateFunctionArn", CALIBRATE);
        subs.put("StreamIntakeFunctionArn", STREAM_INTAKE);
        STATE_MACHINE =
                new StateMachineSpec("verity-labeling-job", "statemachine/labeling-job.asl.json", Map.copyOf(subs));
    }

    private Catalog() {}

    /** True if {@code stage} may not be used: its functions would be named under the default custom-Lambda prefix. */
    public static boolean isReservedStage(String stage) {
        return DEFAULT_CUSTOM_LAMBDA_PREFIX.equals(FUNCTION_NAME_PREFIX + stage + "-");
    }

    /** True if {@code functionName} is, or could be in another stage, one of Verity's own functions. */
    public static boolean isOwnFunctionName(String functionName) {
        if (!functionName.startsWith(FUNCTION_NAME_PREFIX)) {
            return false;
        }
        String rest = functionName.substring(FUNCTION_NAME_PREFIX.length());
        int dash = rest.indexOf('-');
        return isFunction(rest)
                || (dash > 0 && isStage(rest.substring(0, dash)) && isFunction(rest.substring(dash + 1)));
    }

    /**
     * Why {@code prefix} cannot be the custom-Lambda prefix, or empty if it can. It must not cover a function of
     * Verity's own in any stage (stages share an account), or requesters could have Verity invoke those.
     */
    public static Optional<String> customLambdaPrefixProblem(String prefix) {
        if (prefix == null || !CUSTOM_LAMBDA_PREFIX.matcher(prefix).matches()) {
            return Optional.of(
                    "the custom Lambda prefix must be 1 to 48 letters, digits, hyphens or underscores, got \"" + prefix
                            + "\"");
        }
        Optional<String> covered = FUNCTIONS.stream()
                .map(f -> FUNCTION_NAME_PREFIX + f.name())
                .filter(name -> name.startsWith(prefix))
                .findFirst();
        if (covered.isEmpty() && prefix.startsWith(FUNCTION_NAME_PREFIX)) {
            String rest = prefix.substring(FUNCTION_NAME_PREFIX.length());
            int dash = rest.indexOf('-');
            if (dash < 0 && STAGE.matcher(rest).matches()) {
                // Some stage starts with rest (rest itself, or rest + "0" if rest is the reserved one).
                covered = Optional.of(FUNCTION_NAME_PREFIX + rest + (isReservedStage(rest) ? "0" : "") + "-"
                        + FUNCTIONS.get(0).name());
            } else if (dash > 0 && isStage(rest.substring(0, dash))) {
                String tail = rest.substring(dash + 1);
                covered = FUNCTIONS.stream()
                        .filter(f -> f.name().startsWith(tail))
                        .findFirst()
                        .map(f -> FUNCTION_NAME_PREFIX + rest.substring(0, dash + 1) + f.name());
            }
        }
        return covered.map(
                name -> "the custom Lambda prefix \"" + prefix + "\" covers Verity's own function names (e.g. " + name
                        + "); choose one no Verity function name starts with, such as " + DEFAULT_CUSTOM_LAMBDA_PREFIX);
    }

    private static boolean isStage(String stage) {
        return STAGE.matcher(stage).matches() && !isReservedStage(stage);
    }

    private static boolean isFunction(String name) {
        return FUNCTIONS.stream().anyMatch(f -> f.name().equals(name));
    }

    /** The route an API Gateway route key (e.g. {@code GET /jobs/{name}}) names, if the catalog has it. */
    public static Optional<RouteSpec> route(String routeKey) {
        return Optional.ofNullable(ROUTES_BY_KEY.get(routeKey));
    }

    public static FunctionSpec function(String name) {
        return FUNCTIONS.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function named " + name));
    }

    /** The ASL definition text, with its {@code ${...}} placeholders still in place. */
    public static String stateMachineDefinition() {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(STATE_MACHINE.aslResource())) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + STATE_MACHINE.aslResource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition with each placeholder replaced by {@code arnOf(functionName)}. */
    public static String stateMachineDefinition(java.util.function.Function<String, String> arnOf) {
        String asl = stateMachineDefinition();
        for (Map.Entry<String, String> e : STATE_MACHINE.substitutions().entrySet()) {
            asl = asl.replace("${" + e.getKey() + "}", arnOf.apply(e.getValue()));
        }
        return asl;
    }
}
