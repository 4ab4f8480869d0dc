package dev.verity.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/** The job workflow engine (Step Functions): one execution per job, named after it. */
public interface Workflow {

    /**
     * Starts the job's execution, named after the job. A repeat with the same input is a no-op that returns true;
     * false if an execution of that name exists with another input or has ended.
     */
    boolean start(String jobName, JsonNode input);

    /** Resumes the execution waiting on {@code taskToken}; false if the token is no longer valid. */
    boolean resume(String taskToken, JsonNode output);
}
