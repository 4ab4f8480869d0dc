package dev.verity.store;

import dev.verity.cost.JobUsage;

/** What each job has used of AWS, as its invocations counted it: added to once per invocation, read when priced. */
public interface UsageStore {

    /** Adds one invocation's usage to the job's (a retried invocation adds again: AWS bills it again). */
    void add(String jobName, JobUsage usage);

    /** The job's usage so far; {@link JobUsage#NONE} if nothing was counted. */
    JobUsage get(String jobName);
}
