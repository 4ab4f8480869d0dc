package dev.verity.store;

import dev.verity.job.LabelingJobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Jobs, per-object progress and worker assignments. Every write is a single-item conditional write. */
public interface JobStore {

    /** Stores a new job; false if a job with that name (case-insensitive) exists already. */
    boolean create(JobRecord job);

    Optional<JobRecord> get(String jobName);

    /**
     * Jobs newest first, one page of up to {@code limit}, only those with {@code status} unless it is null;
     * {@code pageToken} null for the first page. IllegalArgumentException if the token is not one this store gave.
     */
    Page list(int limit, String pageToken, LabelingJobStatus status);

    record Page(List<JobRecord> jobs, String nextPageToken) {}

    /**
     * Moves the job to {@code to} if its status is one of {@code from}, recording {@code failureReason} (null: none,
     * clearing an earlier one); false otherwise.
     */
    boolean transition(String jobName, Set<LabelingJobStatus> from, LabelingJobStatus to, String failureReason);

    void recordPrepared(String jobName, long datasetObjects, long rejectedLines);

    void recordSelected(String jobName, long selectedObjects, int chunkCount);

    void recordTaskToken(String jobName, String taskToken);

    /**
     * Starts human batch {@code batch} of {@code objects} objects: it is complete when that many more objects are.
     * Only the first call for a batch counts (a retried dispatch keeps the target); false for a repeated call.
     */
    boolean startBatch(String jobName, int batch, long objects);

    /**
     * Moves the current batch's count of objects whose tasks were sent from {@code from} to {@code to}, if batch
     * {@code batch} is current and the count is still {@code from}: whoever moves it sends those objects' tasks.
     */
    boolean advanceSent(String jobName, int batch, long from, long to);

    /** Closes human batch {@code batch} to workers (no more claims or answers); a repeated call changes nothing. */
    void closeBatch(String jobName, int batch);

    /** Objects of human batch {@code batch} counted complete, counted afresh from the objects' own marks. */
    long countCompletedObjects(String jobName, int batch);

    /**
     * Takes the job's turn to recount its completed objects: true at most once per {@code interval}, so that many
     * workers finding no task at once cause one recount.
     */
    boolean claimRecount(String jobName, Instant now, Duration interval);

    /**
     * Takes the one chance to send the job's notice {@code notice} (letters only): true the first time, false ever
     * after, so a retried step never mails twice.
     */
    boolean claimNotice(String jobName, String notice);

    /** When the job's notice {@code notice} was claimed, if it was. */
    Optional<Instant> noticeClaimed(String jobName, String notice);

    /** Records how many objects a model has labeled so far. */
    void recordMachineLabeled(String jobName, long machineLabeledObjects);

    /** Records the round of the newest trained model. */
    void recordModel(String jobName, int iteration);

    /**
     * Records final figures (all labels, those a model gave, and the objects that could not be labeled) and the
     * output manifest location.
     */
    void recordOutput(
            String jobName,
            long labeledObjects,
            long machineLabeledObjects,
            long failedObjects,
            String outputManifestUri);

    /** Adds one to the job's live count of objects that cannot be labeled (every worker declined one). */
    void addFailedObject(String jobName);

    /** Takes the object for the worker; false if the worker already holds or answered it. */
    boolean claim(Assignment assignment);

    Optional<Assignment> assignment(String jobName, String objectId, String workerId);

    /** The object the worker holds a task of in the job, if their hold has not run out by {@code now}. */
    Optional<String> heldObject(String jobName, String workerId, Instant now);

    /**
     * Records that the worker holds a task of {@code objectId} until {@code until}; false if they hold another whose
     * time has not run out by {@code now} (a worker holds one task of a job at a time), unless that other is
     * {@code ended}: an object whose task the caller found over (answered, say), so its hold may be replaced.
     */
    boolean hold(String jobName, String workerId, String objectId, Instant until, Instant now, String ended);

    /** As {@link #hold(String, String, String, Instant, Instant, String)}, with no hold known to be over. */
    default boolean hold(String jobName, String workerId, String objectId, Instant until, Instant now) {
        return hold(jobName, workerId, objectId, until, now, null);
    }

    /** Ends the worker's hold on {@code objectId} (released or declined); nothing if they hold another. */
    void letGo(String jobName, String workerId, String objectId);

    /** Stores the answer of a claimed assignment; false if it was not in the CLAIMED state. */
    boolean submit(Assignment submitted);

    /** Drops a claimed (unsubmitted) assignment so the object can be offered again. */
    void release(String jobName, String objectId, String workerId);

    /** Marks a claimed assignment declined (kept, so the worker never gets the object again); false if not CLAIMED. */
    boolean decline(String jobName, String objectId, String workerId);

    /** Number of workers who declined the object, after adding {@code workerId} (a set: retries do not double it). */
    int addDecliner(String jobName, String objectId, String workerId);

    /** The object's progress, in one read ({@link ObjectState#NEW} for an object nobody answered or declined). */
    ObjectState objectState(String jobName, String objectId);

    /** Workers who declined the object so far. */
    default int declineCount(String jobName, String objectId) {
        return objectState(jobName, objectId).declines();
    }

    /** Whether the object was counted complete (all its answers, or every slot declined). */
    default boolean isComplete(String jobName, String objectId) {
        return objectState(jobName, objectId).complete();
    }

    /** Number of workers who answered the object, after adding {@code workerId} (a set: retries do not double it). */
    int addAnswerer(String jobName, String objectId, String workerId);

    /** Workers who answered the object so far. */
    default int answerCount(String jobName, String objectId) {
        return objectState(jobName, objectId).answers();
    }

    /**
     * Counts the object as complete once, in human batch {@code batch}: returns the job's new completed count, or -1
     * if it was counted before. Two writes (the object's mark, then the job's count): a crash between them leaves the
     * count one short, and {@link #countCompletedObjects} is the count to trust then.
     */
    long completeObject(String jobName, String objectId, int batch);

    /** Submitted assignments of objects whose ids lie in [fromObject, toObject] (object ids are numbers). */
    List<Assignment> submittedAnswers(String jobName, long fromObject, long toObject);
}
