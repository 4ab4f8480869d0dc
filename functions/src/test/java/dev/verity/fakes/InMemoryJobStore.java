package dev.verity.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.LabelingJobStatus;
import dev.verity.store.Assignment;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.ObjectState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link JobStore} in memory, keeping the contract {@code DynamoJobStore} keeps on DynamoDB: job names unique
 * ignoring case, every write conditional as there (a failed condition answers false or changes nothing), answerers and
 * decliners as sets, one hold item per worker and job, times compared in epoch milliseconds as they are stored.
 * Writes to a job that does not exist fail with IllegalStateException where DynamoDB's condition would throw.
 * Every method is synchronized, and each is one atomic step, as each DynamoDB write is; a test that needs another
 * caller to act between two steps of a service overrides a method and acts before calling {@code super}.
 */
public class InMemoryJobStore implements JobStore {

    /** What the job item holds. */
    private static final class JobItem {
        String name;
        String arn;
        JsonNode request;
        JsonNode categories;
        LabelingJobStatus status;
        String failureReason;
        Instant createdAt;
        Instant modifiedAt;
        String taskToken;
        long datasetObjects;
        long rejectedLines;
        long selectedObjects;
        long completedObjects;
        long labeledObjects;
        int chunkCount;
        String outputManifestUri;
        int batch;
        long batchTarget;
        long machineLabeledObjects;
        int modelIteration;
        int closedBatch;
        long batchObjects;
        long batchSent;
        long failedObjects;
        Long recountedAtMillis;
        /** Object items by object id (as a number, the order DynamoDB's zero-padded keys give). */
        final Map<Long, ObjectItem> objects = new TreeMap<>();
        /** Assignment items by object id, then worker. */
        final Map<Long, Map<String, Assignment>> assignments = new TreeMap<>();
        /** Hold items by worker. */
        final Map<String, Hold> holds = new HashMap<>();

        String sortKey() {
            return createdAt + "#" + name; // DynamoJobStore's GSI sort key
        }

        JobRecord toRecord() {
            return new JobRecord(
                    name,
                    arn,
                    request.deepCopy(),
                    categories == null ? null : categories.deepCopy(),
                    status,
                    failureReason,
                    createdAt,
                    modifiedAt,
                    taskToken,
                    datasetObjects,
                    rejectedLines,
                    selectedObjects,
                    completedObjects,
                    labeledObjects,
                    chunkCount,
                    outputManifestUri,
                    batch,
                    batchTarget,
                    machineLabeledObjects,
                    modelIteration,
                    closedBatch,
                    batchObjects,
                    batchSent,
                    failedObjects);
        }
    }

    private static final class ObjectItem {
        boolean counted;
        int countedBatch;
        final Set<String> answerers = new LinkedHashSet<>();
        final Set<String> decliners = new LinkedHashSet<>();
    }

    private record Hold(String objectId, long untilMillis) {}

    private final Clock clock;
    private final Map<String, JobItem> jobs = new HashMap<>();
    private final Map<String, Instant> notices = new HashMap<>();

    /** @param clock the time written as a job's modification time (DynamoJobStore takes the system's) */
    public InMemoryJobStore(Clock clock) {
        this.clock = clock;
    }

    public InMemoryJobStore() {
        this(Clock.systemUTC());
    }

    private static String key(String jobName) {
        return jobName.toLowerCase(Locale.ROOT);
    }

    private JobItem job(String jobName) {
        JobItem job = jobs.get(key(jobName));
        if (job == null) {
            throw new IllegalStateException("no job item for '" + jobName + "' (DynamoDB's condition would fail)");
        }
        return job;
    }

    private static long number(String objectId) {
        return Long.parseLong(objectId); // DynamoJobStore's keys need numeric object ids too
    }

    /** The object's item, created by the first write to it as DynamoDB's ADD and SET do. */
    private ObjectItem object(String jobName, String objectId) {
        return job(jobName).objects.computeIfAbsent(number(objectId), id -> new ObjectItem());
    }

    @Override
    public synchronized boolean create(JobRecord job) {
        if (jobs.containsKey(key(job.name()))) {
            return false;
        }
        JobItem item = new JobItem();
        item.name = job.name();
        item.arn = job.arn();
        item.request = job.request().deepCopy();
        item.categories = job.categories() == null ? null : job.categories().deepCopy();
        item.status = job.status();
        item.createdAt = job.createdAt();
        item.modifiedAt = job.modifiedAt();
        // DynamoJobStore writes only these attributes at creation; the counters start absent (0)
        jobs.put(key(job.name()), item);
        return true;
    }

    @Override
    public synchronized Optional<JobRecord> get(String jobName) {
        return Optional.ofNullable(jobs.get(key(jobName))).map(JobItem::toRecord);
    }

    @Override
    public synchronized Page list(int limit, String pageToken, LabelingJobStatus status) {
        String after = pageToken == null ? null : startAfter(pageToken);
        List<JobItem> newestFirst = jobs.values().stream()
                .sorted(Comparator.comparing(JobItem::sortKey).reversed())
                .toList();
        List<JobRecord> page = new ArrayList<>();
        boolean more = false;
        for (JobItem job : newestFirst) {
            if (after != null && job.sortKey().compareTo(after) >= 0) {
                continue;
            }
            if (status != null && job.status != status) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(job.toRecord());
        }
        String next = null;
        if (more) {
            JobItem last = jobs.get(key(page.get(page.size() - 1).name()));
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.sortKey() + "\n" + key(last.name)).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(page, next);
    }

    /** The sort key a page token names; IllegalArgumentException if it is not one {@link #list} could have given. */
    private static String startAfter(String pageToken) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split("\n", 2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a page token this API gave out (it is not base64url)");
        }
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("not a page token this API gave out");
        }
        return parts[0];
    }

    @Override
    public synchronized boolean transition(
            String jobName, Set<LabelingJobStatus> from, LabelingJobStatus to, String failureReason) {
        JobItem job = jobs.get(key(jobName));
        if (job == null || !from.contains(job.status)) {
            return false;
        }
        job.status = to;
        job.failureReason = failureReason; // null clears an earlier one
        job.modifiedAt = clock.instant();
        return true;
    }

    @Override
    public synchronized void recordPrepared(String jobName, long datasetObjects, long rejectedLines) {
        JobItem job = job(jobName);
        job.datasetObjects = datasetObjects;
        job.rejectedLines = rejectedLines;
        job.modifiedAt = clock.instant();
    }

    @Override
    public synchronized void recordSelected(String jobName, long selectedObjects, int chunkCount) {
        JobItem job = job(jobName);
        job.selectedObjects = selectedObjects;
        job.chunkCount = chunkCount;
        job.modifiedAt = clock.instant();
    }

    @Override
    public synchronized void recordTaskToken(String jobName, String taskToken) {
        JobItem job = job(jobName);
        job.taskToken = taskToken;
        job.modifiedAt = clock.instant();
    }

    @Override
    public synchronized boolean startBatch(String jobName, int batch, long objects) {
        JobItem job = jobs.get(key(jobName));
        if (job == null || job.batch >= batch) {
            return false; // a retried dispatch keeps the first call's target
        }
        job.batch = batch;
        job.batchTarget = job.completedObjects + objects;
        job.batchObjects = objects;
        job.batchSent = 0;
        job.modifiedAt = clock.instant();
        return true;
    }

    @Override
    public synchronized boolean advanceSent(String jobName, int batch, long from, long to) {
        JobItem job = jobs.get(key(jobName));
        if (job == null || job.batch != batch || job.batchSent != from) {
            return false;
        }
        job.batchSent = to;
        return true;
    }

    @Override
    public synchronized void closeBatch(String jobName, int batch) {
        JobItem job = jobs.get(key(jobName));
        if (job != null && job.closedBatch < batch) {
            job.closedBatch = batch;
            job.modifiedAt = clock.instant();
        }
    }

    @Override
    public synchronized long countCompletedObjects(String jobName, int batch) {
        JobItem job = jobs.get(key(jobName));
        return job == null
                ? 0
                : job.objects.values().stream()
                        .filter(o -> o.counted && o.countedBatch == batch)
                        .count();
    }

    @Override
    public synchronized boolean claimRecount(String jobName, Instant now, Duration interval) {
        JobItem job = jobs.get(key(jobName));
        if (job == null
                || (job.recountedAtMillis != null
                        && job.recountedAtMillis > now.minus(interval).toEpochMilli())) {
            return false;
        }
        job.recountedAtMillis = now.toEpochMilli();
        return true;
    }

    @Override
    public synchronized boolean claimNotice(String jobName, String notice) {
        return jobs.containsKey(key(jobName)) && notices.putIfAbsent(jobName + "\n" + notice, clock.instant()) == null;
    }

    @Override
    public synchronized Optional<Instant> noticeClaimed(String jobName, String notice) {
        return Optional.ofNullable(notices.get(jobName + "\n" + notice));
    }

    @Override
    public synchronized void recordMachineLabeled(String jobName, long machineLabeledObjects) {
        JobItem job = job(jobName);
        job.machineLabeledObjects = machineLabeledObjects;
        job.modifiedAt = clock.instant();
    }

    @Override
    public synchronized void recordModel(String jobName, int iteration) {
        JobItem job = job(jobName);
        job.modelIteration = iteration;
        job.modifiedAt = clock.instant();
    }

    @Override
    public synchronized void recordOutput(
            String jobName,
            long labeledObjects,
            long machineLabeledObjects,
            long failedObjects,
            String outputManifestUri) {
        JobItem job = job(jobName);
        job.labeledObjects = labeledObjects;
        job.failedObjects = failedObjects;
        job.machineLabeledObjects = machineLabeledObjects;
        job.outputManifestUri = outputManifestUri;
        job.modifiedAt = clock.instant();
    }

    @Override
    public synchronized boolean claim(Assignment assignment) {
        Map<String, Assignment> byWorker = job(assignment.jobName())
                .assignments
                .computeIfAbsent(number(assignment.objectId()), id -> new HashMap<>());
        if (byWorker.containsKey(assignment.workerId())) {
            return false; // held, answered or declined before: one assignment per object and worker, ever
        }
        byWorker.put(assignment.workerId(), copy(assignment));
        return true;
    }

    @Override
    public synchronized Optional<Assignment> assignment(String jobName, String objectId, String workerId) {
        JobItem job = jobs.get(key(jobName));
        if (job == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                        job.assignments.getOrDefault(number(objectId), Map.of()).get(workerId))
                .map(InMemoryJobStore::copy);
    }

    @Override
    public synchronized Optional<String> heldObject(String jobName, String workerId, Instant now) {
        JobItem job = jobs.get(key(jobName));
        Hold hold = job == null ? null : job.holds.get(workerId);
        if (hold == null || hold.untilMillis() <= now.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.of(hold.objectId());
    }

    @Override
    public synchronized boolean hold(
            String jobName, String workerId, String objectId, Instant until, Instant now, String ended) {
        JobItem job = job(jobName);
        Hold held = job.holds.get(workerId);
        if (held != null
                && held.untilMillis() > now.toEpochMilli()
                && !held.objectId().equals(objectId)
                && !held.objectId().equals(ended)) {
            return false;
        }
        job.holds.put(workerId, new Hold(objectId, until.toEpochMilli()));
        return true;
    }

    @Override
    public synchronized void letGo(String jobName, String workerId, String objectId) {
        JobItem job = jobs.get(key(jobName));
        if (job != null) {
            job.holds.computeIfPresent(workerId, (w, hold) -> hold.objectId().equals(objectId) ? null : hold);
        }
    }

    @Override
    public synchronized boolean submit(Assignment submitted) {
        Assignment current = stored(submitted.jobName(), submitted.objectId(), submitted.workerId());
        if (current == null || current.status() != Assignment.Status.CLAIMED) {
            return false;
        }
        // DynamoJobStore sets the status, the time and the answer; the rest of the item stays as claimed
        put(current.submitted(submitted.submittedAt(), submitted.answer()));
        return true;
    }

    @Override
    public synchronized void release(String jobName, String objectId, String workerId) {
        Assignment current = stored(jobName, objectId, workerId);
        if (current != null && current.status() == Assignment.Status.CLAIMED) {
            job(jobName).assignments.get(number(objectId)).remove(workerId);
        }
    }

    @Override
    public synchronized boolean decline(String jobName, String objectId, String workerId) {
        Assignment current = stored(jobName, objectId, workerId);
        if (current == null || current.status() != Assignment.Status.CLAIMED) {
            return false;
        }
        put(new Assignment(
                current.jobName(),
                current.objectId(),
                current.workerId(),
                current.issuer(),
                Assignment.Status.DECLINED,
                current.receiptHandle(),
                current.acceptedAt(),
                current.deadline(),
                current.submittedAt(),
                current.answer(),
                current.dataObject(),
                current.batch(),
                current.taskInput()));
        return true;
    }

    @Override
    public synchronized int addDecliner(String jobName, String objectId, String workerId) {
        ObjectItem object = object(jobName, objectId);
        object.decliners.add(workerId);
        return object.decliners.size();
    }

    @Override
    public synchronized void addFailedObject(String jobName) {
        JobItem job = job(jobName);
        job.failedObjects++;
    }

    @Override
    public synchronized ObjectState objectState(String jobName, String objectId) {
        JobItem job = jobs.get(key(jobName));
        ObjectItem object = job == null ? null : job.objects.get(number(objectId));
        return object == null
                ? ObjectState.NEW
                : new ObjectState(object.counted, object.answerers.size(), object.decliners.size());
    }

    @Override
    public synchronized int addAnswerer(String jobName, String objectId, String workerId) {
        ObjectItem object = object(jobName, objectId);
        object.answerers.add(workerId);
        return object.answerers.size();
    }

    @Override
    public synchronized long completeObject(String jobName, String objectId, int batch) {
        JobItem job = job(jobName);
        if (!markCounted(jobName, objectId, batch)) {
            return -1;
        }
        job.completedObjects++;
        return job.completedObjects;
    }

    /** The first of completeObject's two writes: the object's mark; false if it was marked before. */
    private boolean markCounted(String jobName, String objectId, int batch) {
        ObjectItem object = object(jobName, objectId);
        if (object.counted) {
            return false;
        }
        object.counted = true;
        object.countedBatch = batch;
        return true;
    }

    /**
     * Does only the first of {@link #completeObject}'s two writes, as a crash between them would: the object is
     * marked complete but the job's count is not raised.
     */
    public synchronized void markCompleteButNotCounted(String jobName, String objectId, int batch) {
        markCounted(jobName, objectId, batch);
    }

    @Override
    public synchronized List<Assignment> submittedAnswers(String jobName, long fromObject, long toObject) {
        JobItem job = jobs.get(key(jobName));
        List<Assignment> answers = new ArrayList<>();
        if (job == null) {
            return answers;
        }
        job.assignments.forEach((objectId, byWorker) -> {
            if (objectId >= fromObject && objectId <= toObject) {
                // DynamoDB orders an object's assignments by worker id (the sort key's suffix)
                new TreeMap<>(byWorker)
                        .values().stream()
                                .filter(a -> a.status() == Assignment.Status.SUBMITTED)
                                .map(InMemoryJobStore::copy)
                                .forEach(answers::add);
            }
        });
        return answers;
    }

    /** The workers who declined the object so far (a test's view of the decliners set). */
    public synchronized Set<String> decliners(String jobName, String objectId) {
        JobItem job = jobs.get(key(jobName));
        ObjectItem object = job == null ? null : job.objects.get(number(objectId));
        return object == null ? Set.of() : Set.copyOf(object.decliners);
    }

    private Assignment stored(String jobName, String objectId, String workerId) {
        JobItem job = jobs.get(key(jobName));
        return job == null
                ? null
                : job.assignments.getOrDefault(number(objectId), Map.of()).get(workerId);
    }

    private void put(Assignment assignment) {
        job(assignment.jobName())
                .assignments
                .computeIfAbsent(number(assignment.objectId()), id -> new HashMap<>())
                .put(assignment.workerId(), assignment);
    }

    /** A copy whose JSON the caller may change without changing the store's, as a read from DynamoDB would be. */
    private static Assignment copy(Assignment a) {
        return new Assignment(
                a.jobName(),
                a.objectId(),
                a.workerId(),
                a.issuer(),
                a.status(),
                a.receiptHandle(),
                a.acceptedAt(),
                a.deadline(),
                a.submittedAt(),
                a.answer() == null ? null : a.answer().deepCopy(),
                a.dataObject() == null ? null : a.dataObject().deepCopy(),
                a.batch(),
                a.taskInput() == null ? null : a.taskInput().deepCopy());
    }
}
