package dev.verity.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
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
}
