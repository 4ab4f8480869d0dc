package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.crowd.CrowdMarketplace;
import dev.verity.job.ConflictException;
import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.NotFoundException;
import dev.verity.job.PublicCrowd;
import dev.verity.json.Json;
import dev.verity.lambda.FunctionFailedException;
import dev.verity.lambda.LambdaFunctions;
import dev.verity.manifest.S3Uri;
import dev.verity.monitor.JobMonitor;
import dev.verity.queue.ReceivedTask;
import dev.verity.queue.TaskMessage;
import dev.verity.queue.TaskQueue;
import dev.verity.store.Assignment;
import dev.verity.store.HitStore;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.AnsweredObject;
import dev.verity.workflow.Workflow;
import dev.verity.workforce.JobNotices;
import dev.verity.workforce.TeamService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Human work: dispatching tasks, handing them to workers, taking answers, releasing tasks. */
public final class TaskService {

    /**
     * Messages looked at per receive round of a "next task" call: usually the first can be claimed, so the first round
     * takes one (each message taken and not claimed costs a call to give it back); the next rounds take ten.
     */
    private static final int[] RECEIVE_ROUNDS = {1, 10, 10};
    /**
     * How often a job whose workers find no task recounts its complete objects (see {@link #recount}): a recount
     * reads every object's item, and a stuck batch may wait this long.
     */
    static final Duration RECOUNT_INTERVAL = Duration.ofSeconds(30);
    /** Objects whose tasks one conditional write of the sent count lets a caller send. */
    private static final int SEND_BLOCK = 100;
    /** A custom job's pre-annotation Lambda calls at once while sending a block of objects. */
    private static final int PRE_ANNOTATION_CALLS = 10;
    /** Presigned URLs handed out per custom task at most (a task input is small; this bounds a pathological one). */
    private static final int MAX_READ_ACCESS_URLS = 200;

    private final JobStore jobs;
    private final ObjectStore objects;
    private final TaskQueue queue;
    private final Workflow workflow;
    private final TeamService teams;
    private final JobNotices notices;
    private final Clock clock;
    private final PreAnnotation preAnnotation;
    private final BatchObjects.Chunks chunks;
    private final HitPublisher publisher;
    private final JobMonitor monitor;

    public TaskService(
            JobStore jobs,
            ObjectStore objects,
            TaskQueue queue,
            Workflow workflow,
            TeamService teams,
            Clock clock,
            LambdaFunctions functions,
            JobNotices notices,
            CrowdMarketplace marketplace,
            HitStore hits,
            CrowdSettings crowd,
            JobMonitor monitor) {
        this.monitor = monitor;
        this.jobs = jobs;
        this.notices = notices;
        this.objects = objects;
        this.queue = queue;
        this.workflow = workflow;
        this.teams = teams;
        this.clock = clock;
        this.preAnnotation = new PreAnnotation(functions);
        this.chunks = new BatchObjects.Chunks(objects);
        this.publisher = marketplace == null ? HitPublisher.NONE : new HitPublisher(marketplace, hits, crowd);
    }

    /**
     * Stores the workflow's task token, creates the job's queue and sends one message per required answer for the
     * first {@code MaxConcurrentTaskCount} objects of a human batch ({@link #fill}; each object that completes lets
     * the next one in): batch 0 is a human-only job's one batch of every selected object; batch n ≥ 1 is automated
     * labeling's n-th, listed in {@link JobLayout#humanBatch}. The workflow resumes when every object of the batch has
     * its answers (or at once, if there is nothing to label or the job is being stopped). A repeated dispatch sends
     * nothing twice: the batch's count of sent objects is kept in the job store.
     *
     * <p>A custom job first calls its pre-annotation Lambda for each object: the returned task input travels with
     * the object's messages. An object that needs no human annotation, or whose call failed (the reason is kept under
     * {@link JobLayout#preAnnotationFailure}), gets no tasks and counts as complete, so the job can finish; it is
     * copied to the output unchanged.
     */
    public void dispatch(String jobName, String taskToken, int batch) throws IOException {
        JobContext job = JobContext.load(jobs, jobName);
        jobs.recordTaskToken(job.name(), taskToken);
        long size;
        if (batch == 0) {
            batch = 1;
            size = job.record().selectedObjects();
        } else {
            size = chunks.read(job.layout().humanBatch(batch)).size(); // kept for fill, which reads it next
        }
        jobs.startBatch(job.name(), batch, size);
        JobRecord record = jobs.get(job.name()).orElseThrow();
        if (record.status() != LabelingJobStatus.InProgress || size == 0 || record.batchComplete()) {
            workflow.resume(taskToken, Json.object().put("dispatched", 0));
            return;
        }
        if (job.isPublicCrowd()) {
            // A retried dispatch: HITs whose publishing a crash cut short are published now (the rest are kept).
            republishLost(job, record);
        } else {
            queue.create(job.name());
        }
        fill(job, batch);
        notices.jobAvailable(record);
    }

    /**
     * Sends the tasks of the batch's next objects, in the batch's order, until {@code MaxConcurrentTaskCount} of its
     * objects are open to workers (sent and not complete), as Ground Truth bounds them. Callers race for positions with
     * a conditional write on the sent count, and whoever moves it sends those objects, so none is sent twice; a caller
     * that dies between the write and the send loses those tasks, which {@link #recount} finds and sends again.
     */
    private void fill(JobContext job, int batch) throws IOException {
        fill(job, batch, jobs.get(job.name()).orElseThrow());
    }

    /** As {@link #fill(JobContext, int)}, from a record of the job just read. */
    private void fill(JobContext job, int batch, JobRecord latest) throws IOException {
        BatchObjects batchObjects = new BatchObjects(chunks, job, batch);
        int window = job.request().humanTaskConfig().maxConcurrentTaskCount();
        for (JobRecord record = latest; ; record = jobs.get(job.name()).orElseThrow()) {
            if (record.batch() != batch
                    || record.status() != LabelingJobStatus.InProgress
                    || !record.takesAnswersFor(batch)) {
                return;
            }
            long from = record.batchSent();
            long wanted = Math.min(record.batchObjects(), record.batchCompleted() + window);
            if (from >= wanted) {
                return;
            }
            long to = Math.min(wanted, from + SEND_BLOCK);
            if (jobs.advanceSent(job.name(), batch, from, to)) {
                send(job, batch, batchObjects.range(from, to));
                if (record.taskToken() != null) {
                    // Each task gets the whole TaskAvailabilityLifetimeInSeconds, as with Ground Truth: the batch's
                    // wait times out a lifetime after the last tasks were sent (HeartbeatSeconds in the workflow).
                    workflow.heartbeat(record.taskToken());
                }
            }
        }
    }

    /**
     * One message per slot of each object, or for the public crowd one HIT per object with a slot per assignment; a
     * custom job's objects first get their task input, or need none (its pre-annotation Lambda called for up to
     * {@value #PRE_ANNOTATION_CALLS} objects at once, not one after another).
     */
    private void send(JobContext job, int batch, List<ChunkReader.ChunkObject> batchObjects) throws IOException {
        List<TaskMessage> messages = new ArrayList<>();
        List<JsonNode> taskInputs = job.isCustom()
                ? BoundedCalls.map(batchObjects, PRE_ANNOTATION_CALLS, object -> taskInput(job, object))
                : null;
        for (int i = 0; i < batchObjects.size(); i++) {
            ChunkReader.ChunkObject object = batchObjects.get(i);
            JsonNode taskInput = null;
            if (job.isCustom()) {
                taskInput = taskInputs.get(i);
                if (taskInput == null) {
                    complete(job.name(), object.objectId(), batch);
                    continue;
                }
            }
            if (job.isPublicCrowd()) {
                publisher.publish(job, batch, object, taskInput);
                continue;
            }
            // An object's slots side by side: workers polling at once take them together, and one who answered the
            // object is seldom offered another of its slots (which they could not take, and would have to give back).
            for (int copy = 0; copy < job.workersPerObject(); copy++) {
                messages.add(new TaskMessage(job.name(), object.objectId(), object.line(), taskInput, batch));
            }
        }
        if (!job.isPublicCrowd()) {
            queue.send(job.name(), messages);
        }
    }

    /**
     * Publishes every sent object of the batch that has no HIT (nor all its answers): a publisher died between
     * counting objects sent and creating their HITs. Objects with a HIT keep it ({@link HitPublisher#publish}).
     */
    private void republishLost(JobContext job, JobRecord record) throws IOException {
        if (record.batchSent() == 0) {
            return;
        }
        for (ChunkReader.ChunkObject object :
                new BatchObjects(chunks, job, record.batch()).range(0, record.batchSent())) {
            if (publisher.hits().hit(job.name(), object.objectId()).isPresent()
                    || jobs.isComplete(job.name(), object.objectId())) {
                continue;
            }
            JsonNode taskInput = job.isCustom() ? taskInput(job, object) : null;
            if (job.isCustom() && taskInput == null) {
                complete(job.name(), object.objectId(), record.batch());
                continue;
            }
            publisher.publish(job, record.batch(), object, taskInput);
        }
    }

    /**
     * Sends again the tasks of every sent object of the batch that is not complete: called when the queue holds no
     * task at all, visible or taken, although the batch is not complete, so those tasks were lost (a sender died
     * between counting objects sent and sending them). Each object gets a message per answer it still lacks.
     */
    private void resendLost(JobContext job, JobRecord record) throws IOException {
        List<TaskMessage> messages = new ArrayList<>();
        for (ChunkReader.ChunkObject object :
                new BatchObjects(chunks, job, record.batch()).range(0, record.batchSent())) {
            if (jobs.isComplete(job.name(), object.objectId())) {
                continue;
            }
            JsonNode taskInput = job.isCustom() ? taskInput(job, object) : null;
            if (job.isCustom() && taskInput == null) {
                complete(job.name(), object.objectId(), record.batch());
                continue;
            }
            for (int copy = jobs.answerCount(job.name(), object.objectId()); copy < job.workersPerObject(); copy++) {
                messages.add(new TaskMessage(job.name(), object.objectId(), object.line(), taskInput, record.batch()));
            }
        }
        queue.send(job.name(), messages);
    }

    /** What the pre-annotation Lambda gives workers for this object, or null if it needs no (or can get no) work. */
    private JsonNode taskInput(JobContext job, ChunkReader.ChunkObject object) throws IOException {
        try {
            return preAnnotation.run(job, object.line()).taskInput();
        } catch (FunctionFailedException e) {
            ObjectNode failure = Json.object()
                    .put("datasetObjectId", object.objectId())
                    .put("functionArn", e.functionArn())
                    .put("errorType", e.errorType())
                    .put("errorMessage", e.getMessage());
            objects.put(
                    job.layout().preAnnotationFailure(object.objectId()),
                    Json.write(failure).getBytes(StandardCharsets.UTF_8),
                    "application/json");
            return null;
        }
    }

    /**
     * Counts the object complete (once); when that completes the batch, the workflow resumes. A retry resumes it
     * again, which is harmless: a used task token is refused.
     */
    JobRecord complete(String jobName, String objectId, int batch) {
        return complete(jobName, objectId, batch, false);
    }

    /**
     * As {@link #complete(String, String, int)}; {@code failed}: the object cannot be labeled (every worker declined
     * it), and the job's live count of such objects goes up by one when this call counted it complete.
     */
    private JobRecord complete(String jobName, String objectId, int batch, boolean failed) {
        long counted = jobs.completeObject(jobName, objectId, batch);
        if (failed && counted >= 0) {
            jobs.addFailedObject(jobName);
        }
        JobRecord record = jobs.get(jobName).orElseThrow();
        if (record.batchComplete() && record.taskToken() != null) {
            workflow.resume(record.taskToken(), Json.object().put("completedObjects", record.completedObjects()));
        }
        return record;
    }

    /** After a completion: lets the next objects in, unless every object of the batch was sent already. */
    void fillAfter(JobContext job, JobRecord completed, int batch) throws IOException {
        if (completed.batch() == batch && completed.batchSent() < completed.batchObjects()) {
            fill(job, batch, completed);
        }
    }

    /**
     * Resumes the workflow if every object of the current batch is marked complete although the job's count says
     * otherwise: completing an object is two writes ({@link JobStore#completeObject}), and a crash between them
     * leaves the count one short for good. Called when a worker finds no task in a batch that is not complete, at
     * most once per {@link #RECOUNT_INTERVAL} per job. The count itself is left as it is: later batches' targets
     * are set from it, so they stay right. If the batch is not complete and the queue holds no task at all, tasks
     * were lost, and they are sent again ({@link #resendLost}).
     */
    private void recount(JobContext job) {
        JobRecord record = job.record();
        // batchObjects is 0 for a batch started before it was recorded: its size is unknown, so it is not recounted
        if (record.batchComplete()
                || record.taskToken() == null
                || record.batchObjects() == 0
                || !jobs.claimRecount(job.name(), clock.instant(), RECOUNT_INTERVAL)) {
            return;
        }
        long complete = jobs.countCompletedObjects(job.name(), record.batch());
        if (complete >= record.batchObjects()) {
            workflow.resume(
                    record.taskToken(),
                    Json.object()
                            .put("completedObjects", record.completedObjects())
                            .put("recounted", complete));
        } else if (queue.drained(job.name())) {
            try {
                resendLost(job, record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The next task for this worker, claimed for the task time limit; empty if none is available now. A worker holds
     * one task of a job at a time, so one worker cannot hide many from the others: while they hold one (not answered,
     * released, declined or timed out), they get that task again, e.g. after reloading the page.
     */
    public Optional<AssignedTask> next(String jobName, Worker worker) {
        JobContext job = JobContext.load(jobs, jobName);
        String workteamArn = job.request().humanTaskConfig().workteamArn();
        if (job.isPublicCrowd()) {
            throw new ForbiddenException("labeling job '" + job.name() + "' is published to the public crowd (Amazon"
                    + " Mechanical Turk): its tasks are taken on Mechanical Turk, not in Verity's worker portal");
        }
        if (!teams.admits(workteamArn, worker.groups())) {
            throw new ForbiddenException(teams.refusal(job.name(), workteamArn, worker.groups()));
        }
        if (job.record().status() != LabelingJobStatus.InProgress
                || !job.record().takesAnswersFor(job.record().batch())) {
            return Optional.empty(); // the human work is over, or between two batches of automated labeling
        }
        Instant now = clock.instant();
        Optional<String> heldObject = jobs.heldObject(job.name(), worker.id(), now);
        if (heldObject.isPresent()) {
            Optional<AssignedTask> held = heldTask(job, worker, heldObject.get(), now);
            if (held.isPresent()) {
                return held;
            }
        }
        // A hold whose task is over (answered, say: a submission leaves its hold) may be replaced by the next one.
        String ended = heldObject.orElse(null);
        int timeLimit = job.request().humanTaskConfig().taskTimeLimitInSeconds();
        for (int batch : RECEIVE_ROUNDS) {
            List<ReceivedTask> received = queue.receive(job.name(), batch, timeLimit);
            if (received.isEmpty()) {
                recount(job);
                return Optional.empty();
            }
            // Given back together at the end of the round, in one call, so the round after does not see them again.
            List<String> giveBack = new ArrayList<>();
            Optional<AssignedTask> task = Optional.empty();
            for (ReceivedTask candidate : received) {
                if (task.isPresent()) {
                    giveBack.add(candidate.receiptHandle());
                } else {
                    task = claim(job, worker, candidate, timeLimit, ended, giveBack);
                }
            }
            queue.releaseAll(job.name(), giveBack);
            if (task.isPresent()) {
                return task;
            }
        }
        return Optional.empty();
    }

    /**
     * Claims the candidate for the worker, holding it in place of {@code ended} if they still hold that; a task they
     * cannot take goes to {@code giveBack} or is deleted.
     */
    private Optional<AssignedTask> claim(
            JobContext job, Worker worker, ReceivedTask candidate, int timeLimit, String ended, List<String> giveBack) {
        String objectId = candidate.task().objectId();
        if (!job.record().takesAnswersFor(candidate.task().batch())
                || jobs.objectState(job.name(), objectId).takesNoMoreAnswers(job.workersPerObject())) {
            // a task of a batch whose time ran out, a duplicate message of a finished object, or a slot of one that
            // every slot's worker declined
            queue.delete(job.name(), candidate.receiptHandle());
            return Optional.empty();
        }
        Instant now = clock.instant();
        Assignment assignment = new Assignment(
                job.name(),
                objectId,
                worker.id(),
                worker.issuer(),
                Assignment.Status.CLAIMED,
                candidate.receiptHandle(),
                now,
                now.plusSeconds(timeLimit),
                null,
                null,
                candidate.task().dataObject(),
                candidate.task().batch(),
                candidate.task().taskInput());
        // The claim first: when it fails (the worker answered or declined the object, or let its time run out) no
        // hold had to be written and deleted again.
        if (!jobs.claim(assignment)) {
            giveBack.add(candidate.receiptHandle());
            return Optional.empty();
        }
        if (!jobs.hold(job.name(), worker.id(), objectId, assignment.deadline(), now, ended)) {
            jobs.release(job.name(), objectId, worker.id()); // another call of this worker took a task first
            giveBack.add(candidate.receiptHandle());
            return Optional.empty();
        }
        monitor.taskAccepted(job.record());
        return Optional.of(describeTask(job, assignment, candidate.task()));
    }

    /** The task of the object the worker holds, described again, if its claim is still good. */
    private Optional<AssignedTask> heldTask(JobContext job, Worker worker, String objectId, Instant now) {
        return jobs.assignment(job.name(), objectId, worker.id())
                .filter(a -> a.status() == Assignment.Status.CLAIMED
                        && a.deadline().isAfter(now)
                        && job.record().takesAnswersFor(a.batch()))
                .map(a -> describeTask(
                        job, a, new TaskMessage(job.name(), a.objectId(), a.dataObject(), a.taskInput(), a.batch())));
    }

    private AssignedTask describeTask(JobContext job, Assignment assignment, TaskMessage message) {
        return new AssignedTask(
                new AssignmentId(job.name(), assignment.objectId(), assignment.workerId()).encode(),
                assignment.acceptedAt(),
                assignment.deadline(),
                taskContent(job, assignment.objectId(), message.dataObject(), message.taskInput()));
    }

    /** What a worker is shown of an object's task: its job, the object or the task input, the UI and instructions. */
    TaskContent taskContent(JobContext job, String objectId, ObjectNode dataObject, JsonNode taskInput) {
        var human = job.request().humanTaskConfig();
        String template = human.uiConfig().uiTemplateS3Uri();
        JsonNode input;
        JsonNode instructions = null;
        String humanTaskUiArn = null;
        if (job.isCustom()) {
            // Ground Truth's task.input: exactly what the pre-annotation Lambda returned; the template renders it.
            input = taskInput;
            // The request sets exactly one of the two.
            if (template == null) {
                humanTaskUiArn = human.uiConfig().humanTaskUiArn();
            }
        } else {
            input = builtInTaskInput(job, dataObject);
            if (job.categories() != null) {
                instructions = job.categories().instructions();
            }
        }
        return new TaskContent(
                job.name(),
                // named, not left to the UI to infer from the crowd element (an adjustment and its base type share one)
                job.request().taskTypeName(),
                objectId,
                human.taskTitle(),
                human.taskDescription(),
                human.taskTimeLimitInSeconds(),
                input,
                instructions,
                new TaskContent.Ui(
                        job.taskType().uiConfig(job.categories()),
                        humanTaskUiArn,
                        // A built-in job's template is shown when the portal can read it (else the type's own tool);
                        // its taskObject is a browser URL already, and readAccess opens the input's other S3 URIs.
                        template == null
                                ? null
                                : template(template, input, human.taskTimeLimitInSeconds(), job.isCustom())));
    }

    /** The requester's worker template: where the portal reads it, and read access for the task input's S3 URIs. */
    private TaskContent.Template template(
            String template, JsonNode taskInput, int taskTimeLimitInSeconds, boolean custom) {
        Duration validity = Duration.ofSeconds(taskTimeLimitInSeconds);
        Map<String, String> readAccess = new LinkedHashMap<>();
        if (!custom && taskInput.hasNonNull("sourceRef")) {
            // a built-in task's object has its browser URL already, in taskObject
            readAccess.put(
                    taskInput.get("sourceRef").asText(),
                    taskInput.get("taskObject").asText());
        }
        collectS3Uris(taskInput, readAccess, validity);
        return new TaskContent.Template(
                template, objects.presignGet(S3Uri.parse(template), validity), Collections.unmodifiableMap(readAccess));
    }

    /**
     * A browser URL for every {@code s3://} string in a templated task's input, for the template's
     * {@code grant_read_access} filter (Ground Truth presigns the URIs the template passes through it).
     */
    private void collectS3Uris(JsonNode node, Map<String, String> urls, Duration validity) {
        if (node == null || urls.size() >= MAX_READ_ACCESS_URLS) {
            return;
        }
        if (node.isTextual() && node.asText().startsWith("s3://") && !urls.containsKey(node.asText())) {
            try {
                urls.put(node.asText(), objects.presignGet(S3Uri.parse(node.asText()), validity));
            } catch (IllegalArgumentException notAnObject) {
                // "s3://bucket/" or a malformed URI: nothing a browser could load
            }
        }
        node.forEach(child -> collectS3Uris(child, urls, validity));
    }

    /** What a built-in type's template reads: the object (presigned if in S3), the labels, any starting value. */
    private ObjectNode builtInTaskInput(JobContext job, ObjectNode dataObject) {
        int validSeconds = job.request().humanTaskConfig().taskTimeLimitInSeconds();
        ObjectNode input = Json.object();
        if (dataObject.hasNonNull("source-ref")) {
            S3Uri source = S3Uri.parse(dataObject.get("source-ref").asText());
            input.put("taskObject", objects.presignGet(source, Duration.ofSeconds(validSeconds)));
            input.put("sourceRef", source.toString());
        } else {
            input.put("taskObject", dataObject.path("source").asText());
        }
        if (job.taskType().showsManifestLine()) {
            input.set("manifestLine", dataObject);
        }
        job.taskType()
                .initialValue(dataObject)
                .ifPresent(value -> input.set("initialValue", presignSource(value, validSeconds)));
        if (job.categories() != null) {
            input.set("labels", Json.MAPPER.valueToTree(job.categories().labelNames()));
        }
        return input;
    }

    /** A starting value that points at an S3 object (an earlier mask's {@code src}) gets a URL a browser can load. */
    private JsonNode presignSource(JsonNode initialValue, int validSeconds) {
        if (initialValue.isObject() && initialValue.path("src").asText("").startsWith("s3://")) {
            ObjectNode copy = initialValue.deepCopy();
            copy.put(
                    "src",
                    objects.presignGet(
                            S3Uri.parse(initialValue.get("src").asText()), Duration.ofSeconds(validSeconds)));
            return copy;
        }
        return initialValue;
    }

    /**
     * Takes a worker's answer: validates it against the task type, stores it (in the job store and, in Ground
     * Truth's layout, in S3), and counts the object complete when it has all its answers. A large answer (a painted
     * mask) is stored in S3 only, the job store keeping an {@link AnswerReference} to it. Submitting the same
     * assignment again is a no-op; every step is safe to retry.
     */
    public SubmittedAnswer submit(String assignmentId, Worker worker, JsonNode answerContent) throws IOException {
        Assignment assignment = ownAssignment(assignmentId, worker);
        if (assignment.status() == Assignment.Status.DECLINED) {
            throw new ConflictException("assignment " + assignmentId + " was declined and takes no answer");
        }
        JobContext job = JobContext.load(jobs, assignment.jobName());
        if (assignment.status() == Assignment.Status.CLAIMED) {
            LabelingJobStatus status = job.record().status();
            if (status != LabelingJobStatus.InProgress) {
                throw new ConflictException(
                        "labeling job '" + job.name() + "' has status " + status + " and accepts no more answers");
            }
            if (!job.record().takesAnswersFor(assignment.batch())) {
                throw new ConflictException("the job's human work on this task ended before the answer came (its "
                        + "batch's answers went on to consolidation): the answer was not recorded");
            }
            if (clock.instant().isAfter(assignment.deadline())) {
                throw new ConflictException("the time limit for this task ("
                        + job.request().humanTaskConfig().taskTimeLimitInSeconds() + " s) passed at "
                        + assignment.deadline() + ", before the answer came: the answer was not recorded and the "
                        + "task went back to the queue");
            }
            ObjectNode line = assignment.dataObject();
            JsonNode answer = job.taskType()
                    .validateAnswer(
                            answerContent,
                            job.categories(),
                            new AnsweredObject(line, () -> ImageHeaders.size(objects, line)));
            Assignment stored = storable(job, assignment.submitted(clock.instant(), answer));
            if (jobs.submit(stored)) {
                assignment = stored;
                monitor.taskSubmitted(job.record(), Duration.between(stored.acceptedAt(), stored.submittedAt()));
            } else {
                // a retry of this submission stored its answer first, or a decline won the race
                assignment = jobs.assignment(stored.jobName(), stored.objectId(), stored.workerId())
                        .orElseThrow();
                if (assignment.status() == Assignment.Status.DECLINED) {
                    throw new ConflictException("assignment " + assignmentId + " was declined and takes no answer");
                }
            }
        }
        afterSubmit(job, assignment);
        queue.delete(job.name(), assignment.receiptHandle());
        // The hold stays: the worker's next call finds its task answered and holds the next one in its place.
        return new SubmittedAnswer(assignmentId, assignment.status(), assignment.objectId());
    }

    /**
     * What follows a stored answer, each step safe to repeat: the worker counted among the object's answerers, and the
     * object complete (letting the next ones in) once it has all its answers. Its worker-response file is written
     * with the object's other answers when the batch is consolidated ({@link WorkerResponses}).
     */
    void afterSubmit(JobContext job, Assignment assignment) throws IOException {
        int answers = jobs.addAnswerer(job.name(), assignment.objectId(), assignment.workerId());
        if (answers >= job.workersPerObject()) {
            fillAfter(job, complete(job.name(), assignment.objectId(), assignment.batch()), assignment.batch());
        }
    }

    HitPublisher publisher() {
        return publisher;
    }

    ObjectStore objects() {
        return objects;
    }

    /** Gives the task back so another worker can take it; the worker's unsaved work is dropped. */
    public void release(String assignmentId, Worker worker) {
        Assignment assignment = ownAssignment(assignmentId, worker);
        if (assignment.status() != Assignment.Status.CLAIMED) {
            throw new ConflictException("assignment " + assignmentId + " was "
                    + assignment.status().name().toLowerCase() + " and cannot be released");
        }
        jobs.release(assignment.jobName(), assignment.objectId(), assignment.workerId());
        jobs.letGo(assignment.jobName(), worker.id(), assignment.objectId());
        queue.release(assignment.jobName(), assignment.receiptHandle());
        jobs.get(assignment.jobName()).ifPresent(monitor::taskReturned);
    }

    /**
     * Declines a task for good (Ground Truth's "decline task"): the worker's assignment stays, marked declined, so
     * they are never offered the object again, and the task goes back to the queue for others. Once as many workers
     * as the object has slots ({@code NumberOfHumanWorkersPerDataObject}) declined it, the object is complete without
     * answers, as an object that needs no work is, so the job can finish; as in Ground Truth it is sent to no one else
     * and counts as {@code FailedNonRetryableError}. Declining again repeats only the
     * follow-up steps, which are all idempotent. A task is declined on the terms it is answered on: not once its
     * batch went on to consolidation, nor after its time limit (its slot went back to the queue and may be another
     * worker's now), since counting such a decline could complete an object, or a later batch, that still waits for
     * answers.
     */
    public DeclinedTask decline(String assignmentId, Worker worker) {
        Assignment assignment = ownAssignment(assignmentId, worker);
        JobContext job = JobContext.load(jobs, assignment.jobName());
        if (assignment.status() == Assignment.Status.CLAIMED) {
            if (!job.record().takesAnswersFor(assignment.batch())) {
                throw new ConflictException("the job's human work on this task ended before the decline came (its "
                        + "batch's answers went on to consolidation): nothing was changed");
            }
            if (clock.instant().isAfter(assignment.deadline())) {
                throw new ConflictException("the time limit for this task ("
                        + job.request().humanTaskConfig().taskTimeLimitInSeconds() + " s) passed at "
                        + assignment.deadline() + ", before the decline came: the task went back to the queue");
            }
        }
        if (assignment.status() == Assignment.Status.CLAIMED) {
            if (jobs.decline(assignment.jobName(), assignment.objectId(), assignment.workerId())) {
                monitor.taskDeclined(job.record());
            } else {
                // a submission won the race
                assignment = jobs.assignment(assignment.jobName(), assignment.objectId(), assignment.workerId())
                        .orElseThrow(() -> new NotFoundException("no assignment with id '" + assignmentId + "'"));
            }
        }
        if (assignment.status() == Assignment.Status.SUBMITTED) {
            throw new ConflictException("assignment " + assignmentId + " was submitted and cannot be declined");
        }
        jobs.letGo(job.name(), worker.id(), assignment.objectId());
        int declines = jobs.addDecliner(job.name(), assignment.objectId(), assignment.workerId());
        boolean objectComplete = declines >= job.workersPerObject();
        if (objectComplete) {
            try {
                fillAfter(
                        job, complete(job.name(), assignment.objectId(), assignment.batch(), true), assignment.batch());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            queue.delete(job.name(), assignment.receiptHandle());
        } else {
            queue.release(job.name(), assignment.receiptHandle());
        }
        return new DeclinedTask(assignmentId, assignment.objectId(), declines, objectComplete);
    }

    /** Jobs with work available and open to the worker's teams, for the worker portal. */
    public List<OpenJob> openJobs(Worker worker) {
        List<OpenJob> open = new ArrayList<>();
        List<JobRecord> inProgress = new ArrayList<>();
        String token = null;
        do {
            JobStore.Page page = jobs.list(100, token, LabelingJobStatus.InProgress);
            inProgress.addAll(page.jobs());
            token = page.nextPageToken();
        } while (token != null);
        // Many jobs share a team: read each team once per listing, not once per job.
        Map<String, Boolean> admitted = new HashMap<>();
        for (JobRecord job : inProgress) {
            JsonNode human = job.request().path("HumanTaskConfig");
            if (PublicCrowd.isPublicCrowd(human.path("WorkteamArn").asText(null))) {
                continue; // taken on Mechanical Turk
            }
            if (!admitted.computeIfAbsent(
                    human.path("WorkteamArn").asText(""), arn -> teams.admits(arn, worker.groups()))) {
                continue;
            }
            CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(job.request());
            open.add(new OpenJob(
                    job.name(),
                    human.path("TaskTitle").asText(),
                    human.path("TaskDescription").asText(),
                    request.taskTypeName(),
                    request.humanTaskConfig().taskTimeLimitInSeconds(),
                    request.humanTaskConfig().numberOfHumanWorkersPerDataObject(),
                    // none while consolidating, or between two batches of automated labeling
                    job.takesAnswersFor(job.batch()) ? job.batchRemaining() : 0));
        }
        return open;
    }

    private Assignment ownAssignment(String assignmentId, Worker worker) {
        AssignmentId id = AssignmentId.decode(assignmentId);
        if (!id.workerId().equals(worker.id())) {
            throw new ForbiddenException("assignment " + assignmentId + " belongs to another worker");
        }
        return jobs.assignment(id.jobName(), id.objectId(), id.workerId())
                .orElseThrow(() -> new NotFoundException(
                        "no assignment with id '" + assignmentId + "' (it may have been released)"));
    }

    /**
     * The assignment as the job store keeps it: an answer too large for a DynamoDB item goes to its own file first
     * ({@link JobLayout#largeAnswer}), so the store never refers to a missing file, and the store keeps a reference
     * to it. Should the store's write fail or lose a race with a second submission, that file stays unreferenced and
     * the answer that was stored is the one consolidated.
     */
    Assignment storable(JobContext job, Assignment submitted) throws IOException {
        if (AnswerReference.fitsTheStore(submitted.answer())) {
            return submitted;
        }
        S3Uri file = job.layout()
                .largeAnswer(submitted.batch(), submitted.objectId(), submitted.submittedAt(), submitted.workerId());
        objects.put(
                file,
                Json.write(WorkerResponses.file(List.of(WorkerResponses.answer(submitted, submitted.answer()))))
                        .getBytes(StandardCharsets.UTF_8),
                "application/json");
        return submitted.submitted(submitted.submittedAt(), AnswerReference.to(file));
    }
}
