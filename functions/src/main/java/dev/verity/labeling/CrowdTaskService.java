package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.crowd.CrowdAssignment;
import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.NotFoundException;
import dev.verity.job.Violation;
import dev.verity.store.Assignment;
import dev.verity.store.HitStore.AssignmentRecord;
import dev.verity.store.HitStore.HitRecord;
import dev.verity.store.JobStore;
import dev.verity.tasktype.AnsweredObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public crowd's task page (Mechanical Turk's ExternalQuestion), which workers reach without a Verity account:
 * Mechanical Turk frames it with the HIT's id, the worker's assignment id and their worker id, and the page shows the
 * object's task, records the worker's answer here, then posts it to Mechanical Turk.
 *
 * <p>Nothing the page sends is taken on trust. The HIT must be the object's own. What the requester API shows of the
 * assignment must agree with the page: Mechanical Turk shows an assignment only once it is submitted, so while the
 * worker works this is checked again after consolidation, when only assignments it shows as that worker's on that
 * HIT are approved (and paid). An assignment's answer is recorded once, for the first worker and object it came with;
 * a worker answers an object once; an object takes as many answers as it needs and no more.
 */
public final class CrowdTaskService {

    /** The {@link Worker#issuer()} of a Mechanical Turk worker, whose id is their worker id. */
    static final String MECHANICAL_TURK = "mechanical-turk";
    /** What Mechanical Turk gives as the assignment id while a worker previews a HIT (has not accepted it). */
    public static final String PREVIEW = "ASSIGNMENT_ID_NOT_AVAILABLE";

    /** Mechanical Turk's ids (botocore's EntityId and CustomerId shapes); object ids are manifest line numbers. */
    private static final Pattern ENTITY_ID = Pattern.compile("[A-Z0-9]{1,64}");

    private static final Pattern WORKER_ID = Pattern.compile("A[A-Z0-9]{1,63}");
    private static final Pattern OBJECT_ID = Pattern.compile("\\d{1,12}");

    private final JobStore jobs;
    private final TaskService tasks;
    private final Clock clock;

    public CrowdTaskService(JobStore jobs, TaskService tasks, Clock clock) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * What the task page frames: Mechanical Turk's parameters as the page got them ({@code assignmentId} is
     * {@value #PREVIEW} in a preview, which has no {@code workerId}; {@code turkSubmitTo} may be absent).
     */
    public record Visit(String hitId, String assignmentId, String workerId, String turkSubmitTo) {

        boolean isPreview() {
            return PREVIEW.equals(assignmentId);
        }
    }

    /**
     * The object's task for the page: what the worker labels, and where the answer goes ({@code submitUrl}, Mechanical
     * Turk's external-submit endpoint). {@code answered} says the worker's answer is recorded already.
     */
    public CrowdTask task(String jobName, String objectId, Visit visit) {
        check(objectId, visit, true);
        JobContext job = publicCrowdJob(jobName);
        HitRecord hit = hitOf(job, objectId, visit.hitId());
        requireOpen(job, hit);
        boolean answered = false;
        if (!visit.isPreview()) {
            checkWithMarketplace(visit.assignmentId(), hit, visit.workerId());
            Optional<Assignment> earlier = jobs.assignment(job.name(), objectId, visit.workerId());
            answered = earlier.filter(a -> a.status() == Assignment.Status.SUBMITTED)
                    .map(a -> sameAssignment(a, visit.assignmentId()))
                    .orElse(false);
        }
        return new CrowdTask(
                visit.assignmentId(),
                hit.hitId(),
                visit.workerId(),
                visit.isPreview(),
                answered,
                tasks.publisher().settings().submitUrl(),
                tasks.taskContent(job, objectId, hit.dataObject(), hit.taskInput()));
    }

    /**
     * Records a worker's answer, validated against the task type, for the page to post to Mechanical Turk next.
     * Posting the same assignment's answer again records nothing more and answers the same.
     */
    public CrowdAnswer submit(String jobName, String objectId, Visit visit, JsonNode answerContent) throws IOException {
        check(objectId, visit, false);
        JobContext job = publicCrowdJob(jobName);
        HitRecord hit = hitOf(job, objectId, visit.hitId());
        String workerId = visit.workerId();
        Optional<Assignment> earlier = jobs.assignment(job.name(), objectId, workerId);
        if (earlier.isPresent() && !sameAssignment(earlier.get(), visit.assignmentId())) {
            throw new ConflictException("worker " + workerId + " answered object " + objectId + " of labeling job '"
                    + job.name() + "' already, with another assignment");
        }
        if (earlier.isPresent() && earlier.get().status() == Assignment.Status.SUBMITTED) {
            tasks.afterSubmit(job, earlier.get()); // a retry: the answer stands, the follow-up steps repeat
            return submitted(job, earlier.get(), visit);
        }
        requireOpen(job, hit);
        JsonNode answer = job.taskType()
                .validateAnswer(
                        answerContent,
                        job.categories(),
                        new AnsweredObject(
                                hit.dataObject(), () -> ImageHeaders.size(tasks.objects(), hit.dataObject())));
        checkWithMarketplace(visit.assignmentId(), hit, workerId);
        if (jobs.answerCount(job.name(), objectId) >= job.workersPerObject()) {
            throw new ConflictException("object " + objectId + " of labeling job '" + job.name() + "' has all its "
                    + job.workersPerObject() + " answers: the answer was not recorded");
        }
        AssignmentRecord record = tasks.publisher()
                .hits()
                .recordAssignment(new AssignmentRecord(job.name(), visit.assignmentId(), objectId, workerId));
        if (!record.workerId().equals(workerId) || !record.objectId().equals(objectId)) {
            throw new ForbiddenException("assignment " + visit.assignmentId() + " was answered by worker "
                    + record.workerId() + " for object " + record.objectId() + ", not by worker " + workerId
                    + " for object " + objectId + ": an assignment is one worker's, for one object");
        }
        Instant now = clock.instant();
        Assignment claimed = new Assignment(
                job.name(),
                objectId,
                workerId,
                MECHANICAL_TURK,
                Assignment.Status.CLAIMED,
                visit.assignmentId(),
                now,
                now.plusSeconds(job.request().humanTaskConfig().taskTimeLimitInSeconds()),
                null,
                null,
                hit.dataObject(),
                hit.batch(),
                hit.taskInput());
        jobs.claim(claimed); // false: a concurrent post of this assignment claimed it first; submit decides below
        jobs.submit(tasks.storable(job, claimed.submitted(now, answer)));
        Assignment stored = jobs.assignment(job.name(), objectId, workerId).orElseThrow();
        if (stored.status() != Assignment.Status.SUBMITTED || !sameAssignment(stored, visit.assignmentId())) {
            throw new ConflictException("the answer of assignment " + visit.assignmentId() + " was not recorded");
        }
        tasks.afterSubmit(job, stored);
        return submitted(job, stored, visit);
    }

    private CrowdAnswer submitted(JobContext job, Assignment stored, Visit visit) {
        return new CrowdAnswer(
                new SubmittedAnswer(visit.assignmentId(), stored.status(), stored.objectId()),
                job.name(),
                tasks.publisher().settings().submitUrl());
    }

    private static boolean sameAssignment(Assignment a, String assignmentId) {
        return assignmentId.equals(a.receiptHandle());
    }

    /** The ids' shapes; a 400 naming each bad one. */
    private void check(String objectId, Visit visit, boolean previewAllowed) {
        List<Violation> violations = new ArrayList<>();
        if (objectId == null || !OBJECT_ID.matcher(objectId).matches()) {
            violations.add(new Violation("object", "must be a data object id (a number), got " + quote(objectId)));
        }
        if (visit.hitId() == null || !ENTITY_ID.matcher(visit.hitId()).matches()) {
            violations.add(new Violation("hitId", "must be a Mechanical Turk HIT id, got " + quote(visit.hitId())));
        }
        if (visit.isPreview()) {
            if (!previewAllowed) {
                violations.add(new Violation(
                        "assignmentId", "is " + PREVIEW + ": accept the HIT on Mechanical Turk before answering"));
            }
        } else {
            if (visit.assignmentId() == null
                    || !ENTITY_ID.matcher(visit.assignmentId()).matches()) {
                violations.add(new Violation(
                        "assignmentId", "must be a Mechanical Turk assignment id, got " + quote(visit.assignmentId())));
            }
            if (visit.workerId() == null || !WORKER_ID.matcher(visit.workerId()).matches()) {
                violations.add(new Violation(
                        "workerId", "must be a Mechanical Turk worker id, got " + quote(visit.workerId())));
            }
        }
        if (visit.turkSubmitTo() != null && !tasks.publisher().settings().isWorkerSite(visit.turkSubmitTo())) {
            violations.add(new Violation(
                    "turkSubmitTo",
                    "is not the Mechanical Turk worker site this deployment publishes to ("
                            + tasks.publisher().settings().workerSite() + "), got " + quote(visit.turkSubmitTo())));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        return "\"" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "\"";
    }

    private JobContext publicCrowdJob(String jobName) {
        JobContext job = JobContext.load(jobs, jobName);
        if (!job.isPublicCrowd()) {
            throw new NotFoundException("labeling job '" + jobName + "' is not published to the public crowd");
        }
        return job;
    }

    private HitRecord hitOf(JobContext job, String objectId, String hitId) {
        HitRecord hit = tasks.publisher()
                .hits()
                .hit(job.name(), objectId)
                .orElseThrow(() -> new NotFoundException(
                        "object " + objectId + " of labeling job '" + job.name() + "' was not published as a HIT"));
        if (!hit.hitId().equals(hitId)) {
            throw new ForbiddenException(
                    "HIT " + hitId + " is not the HIT of object " + objectId + " of labeling job '" + job.name() + "'");
        }
        return hit;
    }

    private static void requireOpen(JobContext job, HitRecord hit) {
        LabelingJobStatus status = job.record().status();
        if (status != LabelingJobStatus.InProgress) {
            throw new ConflictException(
                    "labeling job '" + job.name() + "' has status " + status + " and takes no more answers");
        }
        if (!job.record().takesAnswersFor(hit.batch())) {
            throw new ConflictException("the job's human work on this task is over (its answers went on to"
                    + " consolidation): no more answers are taken");
        }
    }

    /**
     * What Mechanical Turk shows of the assignment must agree with the page: the same HIT and worker. It shows an
     * assignment only once submitted, so one still being worked on (or a made-up id) is not shown, and passes here;
     * approval checks it again after consolidation.
     */
    private void checkWithMarketplace(String assignmentId, HitRecord hit, String workerId) {
        Optional<CrowdAssignment> seen = tasks.publisher().marketplace().assignment(assignmentId);
        if (seen.isEmpty()) {
            return;
        }
        CrowdAssignment a = seen.get();
        if (!a.hitId().equals(hit.hitId())) {
            throw new ForbiddenException("assignment " + assignmentId + " belongs to HIT " + a.hitId() + ", not to HIT "
                    + hit.hitId() + " of object " + hit.objectId());
        }
        if (!a.workerId().equals(workerId)) {
            throw new ForbiddenException(
                    "assignment " + assignmentId + " is worker " + a.workerId() + "'s, not worker " + workerId + "'s");
        }
        if ("Rejected".equals(a.status())) {
            throw new ConflictException("assignment " + assignmentId + " was rejected and takes no answer");
        }
    }
}
