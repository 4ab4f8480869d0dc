package dev.verity.monitor;

/** Where a job's status changes are announced (Amazon EventBridge in AWS and locally). */
public interface JobEvents {

    /** Announces that the job has the change's status now. */
    void statusChanged(JobStatusChange change);

    /** Events that go nowhere. */
    JobEvents NONE = change -> {};
}
