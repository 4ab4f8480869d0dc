package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.emulators.states.ExecutionStatus;
import dev.verity.emulators.states.TaskCallback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

@ExtendWith(EmulatorsExtension.class)
class StatesEmulatorIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/verity-workflow";
    private static final String DEFINITION = """
      {"StartAt": "Wait", "States": {"Wait": {"Type": "Pass", "End": true}}}""";
    private static SfnClient sfn;

    @BeforeAll
    static void client(Emulators emulators) {
        sfn = TestClients.sfn(emulators);
    }

    @AfterAll
    static void close() {
        sfn.close();
    }

    private static String createMachine(String name) {
        return sfn.createStateMachine(b -> b.name(name).definition(DEFINITION).roleArn(ROLE))
                .stateMachineArn();
    }

    @Test
    void createStateMachineIsIdempotentForTheSameDefinition() {
        String arn = createMachine("idempotent");
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:idempotent");
        assertThat(createMachine("idempotent")).isEqualTo(arn);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("idempotent")
                        .definition("{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Succeed\"}}}")
                        .roleArn(ROLE)))
                .isInstanceOf(StateMachineAlreadyExistsException.class);

        var described = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.name()).isEqualTo("idempotent");
        assertThat(described.definition()).isEqualTo(DEFINITION);
    }

    @Test
    void describeAndListStateMachines() {
        String arn = createMachine("listed");
        var described = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.roleArn()).isEqualTo(ROLE);
        assertThat(described.statusAsString()).isEqualTo("ACTIVE");
        assertThat(described.typeAsString()).isEqualTo("STANDARD");
        assertThat(described.creationDate()).isNotNull();
        assertThat(sfn.listStateMachines(b -> {}).stateMachines())
                .extracting(StateMachineListItem::name)
                .contains("listed");
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn + "-missing")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(
                        b -> b.name("bad").definition("{not json").roleArn(ROLE)))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(
                        b -> b.name("bad name").definition(DEFINITION).roleArn(ROLE)))
                .isInstanceOf(InvalidNameException.class);
    }

    @Test
    void startExecutionIsIdempotentOnNameAndInput(Emulators emulators) {
        String machine = createMachine("jobs");
        String arn = sfn.startExecution(
                        b -> b.stateMachineArn(machine).name("job-1").input("{\"job\": \"cats\"}"))
                .executionArn();
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:jobs:job-1");
        assertThat(sfn.startExecution(
                                b -> b.stateMachineArn(machine).name("job-1").input("{\"job\":\"cats\"}"))
                        .executionArn())
                .isEqualTo(arn);
        assertThatThrownBy(() -> sfn.startExecution(
                        b -> b.stateMachineArn(machine).name("job-1").input("{\"job\":\"dogs\"}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThatThrownBy(() -> sfn.startExecution(
                        b -> b.stateMachineArn(machine + "-missing").name("x")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.startExecution(
                        b -> b.stateMachineArn(machine).name("bad-input").input("{")))
                .isInstanceOf(InvalidExecutionInputException.class);

        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(arn));
        assertThat(described.statusAsString()).isEqualTo("RUNNING");
        assertThat(described.name()).isEqualTo("job-1");
        assertThat(described.stateMachineArn()).isEqualTo(machine);
        assertThat(described.input()).isEqualTo("{\"job\": \"cats\"}");
        assertThat(described.startDate()).isNotNull();
        assertThat(described.stopDate()).isNull();

        assertThat(emulators.states().executions())
                .filteredOn(e -> e.executionArn().equals(arn))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING));
    }

    @Test
    void listAndStopExecutions() {
        String machine = createMachine("stoppable");
        String first =
                sfn.startExecution(b -> b.stateMachineArn(machine).name("one")).executionArn();
        String second =
                sfn.startExecution(b -> b.stateMachineArn(machine).name("two")).executionArn();
        String third = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn(); // generated name

        var stop = sfn.stopExecution(
                b -> b.executionArn(first).error("Verity.Stopped").cause("requester stopped the job"));
        assertThat(stop.stopDate()).isNotNull();
        DescribeExecutionResponse stopped = sfn.describeExecution(b -> b.executionArn(first));
        assertThat(stopped.statusAsString()).isEqualTo("ABORTED");
        assertThat(stopped.error()).isEqualTo("Verity.Stopped");
        assertThat(stopped.cause()).isEqualTo("requester stopped the job");
        assertThat(stopped.stopDate()).isNotNull();

        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
                .extracting(ExecutionListItem::executionArn)
                .containsExactly(third, second, first);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter("RUNNING"))
                        .executions())
                .extracting(ExecutionListItem::executionArn)
                .containsExactly(third, second);
        var page = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2));
        assertThat(page.executions()).hasSize(2);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).nextToken(page.nextToken()))
                        .executions())
                .extracting(ExecutionListItem::executionArn)
                .containsExactly(first);
        // The paginator follows nextToken too.
        assertThat(sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(1)).executions().stream()
                        .count())
                .isEqualTo(3);

        // A stopped execution's name cannot be started again.
        assertThatThrownBy(
                        () -> sfn.startExecution(b -> b.stateMachineArn(machine).name("one")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(first + "-missing")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void taskTokensAreSingleUse(Emulators emulators) {
        String machine = createMachine("tokens");
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("labeling"))
                .executionArn();
        StatesEmulator states = emulators.states();
        String success = states.issueTaskToken(execution);
        String failure = states.issueTaskToken(execution);
        states.registerTaskToken("chosen-by-test", execution);

        sfn.sendTaskHeartbeat(b -> b.taskToken(success));
        sfn.sendTaskHeartbeat(b -> b.taskToken(success)); // kept once: only a token's latest heartbeat matters
        sfn.sendTaskSuccess(b -> b.taskToken(success).output("{\"labeled\":3}"));
        sfn.sendTaskFailure(b -> b.taskToken(failure).error("Verity.Failed").cause("no workers"));

        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(success).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(failure)))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() ->
                        sfn.sendTaskSuccess(b -> b.taskToken("never-issued").output("{}")))
                .isInstanceOf(InvalidTokenException.class);

        List<TaskCallback> results = states.taskResults().stream()
                .filter(r -> r.executionArn().equals(execution))
                .toList();
        assertThat(results)
                .extracting(TaskCallback::kind)
                .containsExactly(TaskCallback.Kind.SUCCESS, TaskCallback.Kind.FAILURE);
        assertThat(results.get(0).taskToken()).isEqualTo(success);
        assertThat(results.get(0).output()).isEqualTo("{\"labeled\":3}");
        assertThat(results.get(1).error()).isEqualTo("Verity.Failed");
        assertThat(results.get(1).cause()).isEqualTo("no workers");
        assertThat(states.taskCallbacks())
                .filteredOn(c -> c.taskToken().equals(success))
                .extracting(TaskCallback::kind)
                .containsExactly(TaskCallback.Kind.HEARTBEAT, TaskCallback.Kind.SUCCESS);

        // Stopping the execution retires its open tokens.
        sfn.stopExecution(b -> b.executionArn(execution));
        assertThatThrownBy(() ->
                        sfn.sendTaskSuccess(b -> b.taskToken("chosen-by-test").output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void errorsUseTheJsonProtocolShape(Emulators emulators) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulators.sfnEndpoint() + "/"))
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .header("X-Amz-Target", "AWSStepFunctions.DescribeExecution")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:none:none\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.body()).startsWith("{\"__type\":\"ExecutionDoesNotExist\",\"message\":");
    }
}
