package dev.verity.queue;

import java.util.List;

/** The per-job queue of task messages that feeds workers. */
public interface TaskQueue {

    /**
     * How long a task waits in the queue at most: SQS keeps a message 14 days, so no task may be available longer
     * (Ground Truth allows 30 days; Verity refuses a lifetime over this with the reason).
     */
    int MAX_RETENTION_SECONDS = 1_209_600;

    /** Creates the job's queue if needed. */
    void create(String jobName);

    void send(String jobName, List<TaskMessage> tasks);

    /** Up to {@code max} messages, each hidden for {@code visibilitySeconds}; empty if none is available now. */
    List<ReceivedTask> receive(String jobName, int max, int visibilitySeconds);

    /** Removes an answered task. Unknown or expired receipts are ignored. */
    void delete(String jobName, String receiptHandle);

    /** Makes a task visible to other workers at once. Unknown or expired receipts are ignored. */
    void release(String jobName, String receiptHandle);

    /** Releases each task as {@link #release(String, String)} does, in as few calls as the queue allows. */
    default void releaseAll(String jobName, List<String> receiptHandles) {
        receiptHandles.forEach(receipt -> release(jobName, receipt));
    }

    /**
     * True if the queue holds no task, visible or taken (approximately, as SQS counts); false if it does not exist
     * (not yet: the job's dispatch creates it, so no task can have been lost from it).
     */
    boolean drained(String jobName);

    /** Deletes the job's queue; nothing happens if it does not exist. */
    void deleteQueue(String jobName);
}
