package dev.verity.labeling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.fakes.FakeCrowdMarketplace;
import dev.verity.fakes.FakeLambdaFunctions;
import dev.verity.fakes.InMemoryHitStore;
import dev.verity.fakes.InMemoryJobStore;
import dev.verity.fakes.InMemoryNotificationTopics;
import dev.verity.fakes.InMemoryObjectStore;
import dev.verity.fakes.InMemoryTaskQueue;
import dev.verity.fakes.InMemoryTeamStore;
import dev.verity.fakes.MutableClock;
import dev.verity.fakes.RecordingWorkflow;
import dev.verity.json.Json;
import dev.verity.monitor.InMemoryJobMetrics;
import dev.verity.monitor.JobMonitor;
import dev.verity.monitor.RecordingJobEvents;
import dev.verity.store.JobRecord;
import dev.verity.workforce.JobNotices;
import dev.verity.workforce.TeamService;
import dev.verity.workforce.WorkteamRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * TaskService and JobService over in-memory fakes of every port, with helpers that create, prepare, select and
 * dispatch a job the way the workflow's steps do, and act as workers. Nothing here opens a socket.
 */
final class LabelingBench {

    static final String ACCOUNT = "111122223333";
    static final String BUCKET = "s3://verity-data/";
    static final String CUSTOM_PREFIX = "verity-custom-";
    static final String PRE_LAMBDA = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:verity-custom-pre";
    static final String POST_LAMBDA = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:verity-custom-post";
    /** The group every worker made here belongs to. */
    static final String TEAM = "workers";
    /** The work team of the jobs built here: the default team, which admits group {@link #TEAM}. */
    static final String WORKTEAM = TeamService.DEFAULT_TEAM;

    static final int TIME_LIMIT = 300;

    final MutableClock clock = new MutableClock();
    final InMemoryJobStore store;
    final InMemoryObjectStore objects = new InMemoryObjectStore();
    final InMemoryTaskQueue queue = new InMemoryTaskQueue(clock);
    final RecordingWorkflow workflow = new RecordingWorkflow();
    final FakeLambdaFunctions lambdas = new FakeLambdaFunctions();
    final InMemoryTeamStore teamStore = new InMemoryTeamStore();
    final InMemoryNotificationTopics topics = new InMemoryNotificationTopics();
    final RecordingJobEvents jobEvents = new RecordingJobEvents();
    final InMemoryJobMetrics metrics = new InMemoryJobMetrics();
    final JobMonitor monitor = new JobMonitor(jobEvents, metrics, JobService::counters);
    final TeamService teams;
    final JobNotices notices;
    final JobService jobService;
    final TaskService tasks;
    /** The public crowd: Mechanical Turk in memory, the HITs published to it, its task page and its payments. */
    final FakeCrowdMarketplace marketplace = new FakeCrowdMarketplace();

    final InMemoryHitStore hits = new InMemoryHitStore();
    final CrowdTaskService crowd;
    final OutputService outputs;
    final WorkerEstimation workerEstimation;
    private final int chunkSize;

    LabelingBench() {
        this(InMemoryJobStore::new, JobLayout.CHUNK_SIZE);
    }

    /** @param storeFactory makes the job store from the bench's clock: a test may hand in one that races */
    LabelingBench(Function<MutableClock, InMemoryJobStore> storeFactory, int chunkSize) {
        this.store = storeFactory.apply(clock);
        this.chunkSize = chunkSize;
        this.teams = new TeamService(teamStore, store, clock, "us-east-1", topics, "verity-team-");
        this.jobService = new JobService(store, objects, workflow, teams, clock, "us-east-1", CUSTOM_PREFIX, monitor);
        this.notices = new JobNotices(
                teams, store, topics, topics.create("verity-job-events"), "https://verity.example", clock);
        this.tasks = new TaskService(
                store,
                objects,
                queue,
                workflow,
                teams,
                clock,
                lambdas,
                notices,
                marketplace,
                hits,
                CROWD_SETTINGS,
                monitor);
        this.crowd = new CrowdTaskService(store, tasks, clock);
        this.outputs = new OutputService(store, objects, queue, clock, lambdas, notices, marketplace, hits, monitor);
        this.workerEstimation = new WorkerEstimation(store, objects);
    }

    /** Task pages under https://verity.example/, answers posted to Mechanical Turk's sandbox. */
    static final CrowdSettings CROWD_SETTINGS =
            new CrowdSettings(URI.create("https://verity.example/"), URI.create("https://workersandbox.mturk.com"));

    static final String PUBLIC_CROWD = "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default";

    /**
     * An image-classification job for the public crowd at 0.12 USD a task, an hour's availability, keywords, data free
     * of personal information: created, selected and dispatched (its HITs published).
     */
    String publicImageJob(String job, int objectCount, int workersPerObject, Consumer<ObjectNode> adjust) {
        return imageJob(job, objectCount, workersPerObject, r -> {
            ObjectNode human = r.with("HumanTaskConfig");
            human.put("WorkteamArn", PUBLIC_CROWD);
            human.put("TaskAvailabilityLifetimeInSeconds", 3600);
            human.putArray("TaskKeywords").add("animals").add("image classification");
            human.putObject("PublicWorkforceTaskPrice").putObject("AmountInUsd").put("Cents", 12);
            r.with("InputConfig")
                    .putObject("DataAttributes")
                    .putArray("ContentClassifiers")
                    .add("FreeOfPersonallyIdentifiableInformation");
            adjust.accept(r);
        });
    }

    /** Creates the private work team {@code name} whose members are the Cognito group {@code group}. */
    void team(String name, String group) {
        teams.create(WorkteamRequest.create(Json.parse("""
                        {"WorkteamName": "%s", "Description": "a team", "MemberDefinitions": [{"CognitoMemberDefinition":
                          {"UserPool": "us-east-1_abc", "UserGroup": "%s", "ClientId": "c"}}]}
                        """.formatted(name, group))), ACCOUNT);
    }

    static String token(String job) {
        return "token-" + job;
    }

    static Worker worker(String id) {
        return new Worker(id, "https://cognito-idp.us-east-1.amazonaws.com/pool", Set.of(TEAM));
    }

    /**
     * An image-classification request (labels cat and dog, 300 s per task) for {@code objects} images, its manifest
     * and categories stored; {@code adjust} may change it.
     */
    ObjectNode imageRequest(String job, int objectCount, int workersPerObject, Consumer<ObjectNode> adjust) {
        objects.put(
                BUCKET + "input/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"}]}");
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < objectCount; i++) {
            manifest.append("{\"source-ref\":\"s3://verity-data/images/")
                    .append(job)
                    .append('-')
                    .append(i)
                    .append(".jpg\"}\n");
        }
        objects.put(BUCKET + "input/" + job + ".manifest", manifest.toString());
        ObjectNode request = request(
                job,
                "input/" + job + ".manifest",
                "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
                "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass",
                workersPerObject);
        request.put("LabelCategoryConfigS3Uri", BUCKET + "input/categories.json");
        adjust.accept(request);
        return request;
    }

    /** A custom-task request whose pre-annotation Lambda is {@link #PRE_LAMBDA}, over text objects. */
    ObjectNode customRequest(String job, int objectCount, int workersPerObject) {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < objectCount; i++) {
            manifest.append("{\"source\":\"text ").append(i).append("\"}\n");
        }
        objects.put(BUCKET + "input/" + job + ".manifest", manifest.toString());
        return request(job, "input/" + job + ".manifest", PRE_LAMBDA, POST_LAMBDA, workersPerObject);
    }

    private static ObjectNode request(
            String job, String manifestKey, String preLambda, String postLambda, int workersPerObject) {
        return (ObjectNode) Json.parse("""
                {
                  "LabelingJobName": "%s",
                  "LabelAttributeName": "label",
                  "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://verity-data/%s"}}},
                  "OutputConfig": {"S3OutputPath": "s3://verity-data/output/"},
                  "RoleArn": "arn:aws:iam::%s:role/verity-labeling",
                  "HumanTaskConfig": {
                    "WorkteamArn": "arn:aws:sagemaker:us-east-1:%s:workteam/private-crowd/%s",
                    "UiConfig": {"UiTemplateS3Uri": "s3://verity-data/templates/t.liquid.html"},
                    "PreHumanTaskLambdaArn": "%s",
                    "TaskTitle": "Label it",
                    "TaskDescription": "Choose the right label",
                    "NumberOfHumanWorkersPerDataObject": %d,
                    "TaskTimeLimitInSeconds": %d,
                    "TaskAvailabilityLifetimeInSeconds": 86400,
                    "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn": "%s"}
                  }
                }
                """.formatted(
                job, manifestKey, ACCOUNT, ACCOUNT, WORKTEAM, preLambda, workersPerObject, TIME_LIMIT, postLambda));
    }

    /** POST /jobs, then PrepareDataset and SelectObjects as the workflow runs them; answers the job's name. */
    String createAndSelect(ObjectNode request) {
        jobService.create(request, ACCOUNT);
        String job = request.get("LabelingJobName").asText();
        DatasetService datasets = new DatasetService(store, objects, chunkSize, monitor);
        try {
            datasets.prepare(job);
            datasets.select(job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return job;
    }

    /** DispatchTasks of a human-only job's one batch, with the task token {@link #token}. */
    String dispatch(String job) {
        try {
            tasks.dispatch(job, token(job), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return job;
    }

    /** An image-classification job created, selected and dispatched. */
    String imageJob(String job, int objectCount, int workersPerObject) {
        return imageJob(job, objectCount, workersPerObject, r -> {});
    }

    String imageJob(String job, int objectCount, int workersPerObject, Consumer<ObjectNode> adjust) {
        return dispatch(createAndSelect(imageRequest(job, objectCount, workersPerObject, adjust)));
    }

    /** The workflow's GatherAnswers (every chunk) and EstimateWorkers steps. */
    void estimateWorkers(String job) throws IOException {
        for (int chunk = 0; chunk < store.get(job).orElseThrow().chunkCount(); chunk++) {
            workerEstimation.gather(job, chunk);
        }
        workerEstimation.estimate(job);
    }

    /**
     * The workflow's steps after the human work: GatherAnswers and EstimateWorkers, Consolidate of every chunk,
     * WriteOutput; answers the output manifest's lines.
     */
    java.util.List<ObjectNode> finish(String job) {
        try {
            estimateWorkers(job);
            java.util.List<OutputService.ChunkResult> results = new java.util.ArrayList<>();
            for (int chunk = 0; chunk < store.get(job).orElseThrow().chunkCount(); chunk++) {
                results.add(outputs.consolidate(job, chunk));
            }
            outputs.writeOutput(job, results);
            return outputLines(job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the job's output manifest. */
    java.util.List<ObjectNode> outputLines(String job) {
        String uri = store.get(job).orElseThrow().outputManifestUri();
        return objects.text(dev.verity.manifest.S3Uri.parse(uri))
                .lines()
                .filter(line -> !line.isBlank())
                .map(line -> (ObjectNode) Json.parse(line))
                .toList();
    }

    /** The same request with MaxConcurrentTaskCount set. */
    static Consumer<ObjectNode> window(int maxConcurrentTaskCount) {
        return r -> r.with("HumanTaskConfig").put("MaxConcurrentTaskCount", maxConcurrentTaskCount);
    }

    /** The worker's next task, if one is available. */
    Optional<AssignedTask> poll(String job, String workerId) {
        return tasks.next(job, worker(workerId));
    }

    /** The worker's next task; AssertionError if there is none. */
    AssignedTask next(String job, String workerId) {
        return poll(job, workerId).orElseThrow(() -> new AssertionError(workerId + " got no task of " + job));
    }

    /** Answers the task with an image-classification label. */
    SubmittedAnswer answer(AssignedTask task, String workerId, String label) {
        try {
            return tasks.submit(task.assignmentId(), worker(workerId), classifier(label));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes a task and answers it at once; answers the task's object id. */
    String takeAndAnswer(String job, String workerId) {
        AssignedTask task = next(job, workerId);
        answer(task, workerId, "cat");
        return task.content().datasetObjectId();
    }

    static ObjectNode classifier(String label) {
        ObjectNode content = Json.object();
        content.putObject("crowd-image-classifier").put("label", label);
        return content;
    }

    static String assignmentId(AssignedTask task) {
        return task.assignmentId();
    }

    static String objectId(AssignedTask task) {
        return task.content().datasetObjectId();
    }

    JobRecord record(String job) {
        return store.get(job).orElseThrow();
    }

    JobLayout layout(String job) {
        return JobContext.load(store, job).layout();
    }
}
