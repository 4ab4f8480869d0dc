package dev.verity.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** {@link Workflow} on AWS Step Functions. */
public final class StepFunctionsWorkflow implements Workflow {

    private final Supplier<SfnClient> sfn;
    private final String stateMachineArn;

    public StepFunctionsWorkflow(Supplier<SfnClient> sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public boolean start(String executionName, JsonNode input) {
        try {
            sfn.get()
                    .startExecution(b -> b.stateMachineArn(stateMachineArn)
                            .name(executionName)
                            .input(Json.write(input)));
            return true;
        } catch (ExecutionAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public boolean resume(String taskToken, JsonNode output) {
        try {
            sfn.get().sendTaskSuccess(b -> b.taskToken(taskToken).output(Json.write(output)));
            return true;
        } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException e) {
            return false;
        }
    }

    @Override
    public boolean heartbeat(String taskToken) {
        try {
            sfn.get().sendTaskHeartbeat(b -> b.taskToken(taskToken));
            return true;
        } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException e) {
            return false;
        }
    }

    /** Counts the execution's {@code *StateEntered} events: each state entered, in a Map's iterations too. */
    @Override
    public long stateTransitions(String executionName) {
        // execution ARN: the state machine's, with "execution" for "stateMachine" and the execution's name appended
        String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + executionName;
        long entered = 0;
        String next = null;
        try {
            do {
                String token = next;
                GetExecutionHistoryResponse page = sfn.get()
                        .getExecutionHistory(b -> b.executionArn(executionArn)
                                .maxResults(1000)
                                .includeExecutionData(false)
                                .nextToken(token));
                entered += page.events().stream()
                        .filter(e -> e.typeAsString().endsWith("StateEntered"))
                        .count();
                next = page.nextToken();
            } while (next != null);
        } catch (ExecutionDoesNotExistException e) {
            return 0;
        }
        return entered;
    }
}
