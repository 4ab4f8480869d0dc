package dev.verity.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow engine that only records: executions started (one per name, as Step Functions keeps them) and task
 * tokens resumed. A token is accepted once, as Step Functions refuses a used task token; {@link #endToken} makes one
 * invalid (timed out) beforehand.
 */
public final class RecordingWorkflow implements Workflow {

    public record Start(String executionName, JsonNode input, boolean accepted) {}

    public record Resume(String taskToken, JsonNode output, boolean accepted) {}

    private final Map<String, JsonNode> executions = new LinkedHashMap<>();
    private final Set<String> endedExecutions = new HashSet<>();
    private final Set<String> usedTokens = new HashSet<>();
    private final List<Start> starts = new ArrayList<>();
    private final List<Resume> resumes = new ArrayList<>();
    private final List<String> heartbeats = new ArrayList<>();
    private final Map<String, Long> transitions = new LinkedHashMap<>();

    @Override
    public synchronized boolean start(String executionName, JsonNode input) {
        JsonNode existing = executions.get(executionName);
        boolean accepted;
        if (existing == null) {
            executions.put(executionName, input.deepCopy());
            accepted = true;
        } else {
            // Step Functions: a repeat with the same input is idempotent while the execution runs
            accepted = existing.equals(input) && !endedExecutions.contains(executionName);
        }
        starts.add(new Start(executionName, input.deepCopy(), accepted));
        return accepted;
    }

    @Override
    public synchronized boolean resume(String taskToken, JsonNode output) {
        boolean accepted = usedTokens.add(taskToken);
        resumes.add(new Resume(taskToken, output.deepCopy(), accepted));
        return accepted;
    }

    @Override
    public synchronized boolean heartbeat(String taskToken) {
        heartbeats.add(taskToken);
        return !usedTokens.contains(taskToken);
    }

    @Override
    public synchronized long stateTransitions(String executionName) {
        return transitions.getOrDefault(executionName, 0L);
    }

    /** Sets the state transitions execution {@code executionName} reports. */
    public synchronized void setStateTransitions(String executionName, long count) {
        transitions.put(executionName, count);
    }

    /** The tokens of every heartbeat sent, in order. */
    public synchronized List<String> heartbeats() {
        return List.copyOf(heartbeats);
    }

    /** Marks an execution ended, so a start of that name is refused. */
    public synchronized void endExecution(String executionName) {
        endedExecutions.add(executionName);
    }

    /** Makes a token invalid, as if its task had timed out: resuming it is refused. */
    public synchronized void endToken(String taskToken) {
        usedTokens.add(taskToken);
    }

    /** Every start call, accepted or not, in order. */
    public synchronized List<Start> starts() {
        return List.copyOf(starts);
    }

    /** The input of the execution of that name, if one was started. */
    public synchronized JsonNode execution(String executionName) {
        return executions.get(executionName);
    }

    /** Every resume call, accepted or not, in order. */
    public synchronized List<Resume> resumes() {
        return List.copyOf(resumes);
    }

    /** Resume calls made with this token (the first is the one Step Functions acts on). */
    public synchronized List<Resume> resumes(String taskToken) {
        return resumes.stream().filter(r -> r.taskToken().equals(taskToken)).toList();
    }

    /** Whether a resume with this token was accepted, i.e. the waiting execution went on. */
    public synchronized boolean resumed(String taskToken) {
        return resumes.stream().anyMatch(r -> r.taskToken().equals(taskToken) && r.accepted());
    }
}
