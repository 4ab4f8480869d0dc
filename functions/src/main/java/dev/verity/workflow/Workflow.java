package dev.verity.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The job workflow engine (Step Functions): one execution per job, named after it; a resumed job gets another,
 * named after the job and the time.
 */
public interface Workflow {

    /**
     * Starts an execution of the job workflow named {@code executionName}. A repeat with the same input is a no-op
     * that returns true; false if an execution of that name exists with another input or has ended.
     */
    boolean start(String executionName, JsonNode input);

    /** Resumes the execution waiting on {@code taskToken}; false if the token is no longer valid. */
    boolean resume(String taskToken, JsonNode output);

    /**
     * Tells the execution waiting on {@code taskToken} that work goes on (new tasks were sent), which restarts its
     * heartbeat timeout; false if the token is no longer valid.
     */
    boolean heartbeat(String taskToken);

    /**
     * The state transitions execution {@code executionName} has made so far (what Step Functions bills a standard
     * workflow by); 0 if there is no such execution.
     */
    long stateTransitions(String executionName);
}
