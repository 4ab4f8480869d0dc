package dev.verity.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.catalog.Catalog;
import dev.verity.json.Json;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The job state machine: the ASL file of the functions module ({@link Catalog#STATE_MACHINE}) deployed as is, its
 * {@code ${Placeholder}}s mapped by definition substitutions to the {@value Functions#ALIAS} aliases of the catalog's
 * functions. Logs every event (without execution data: job payloads stay out of the logs) and traces with X-Ray.
 */
public class Workflow extends Construct {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final StateMachine stateMachine;

    public Workflow(Construct scope, String id, String stateMachineName, Functions functions) {
        super(scope, id);
        String asl = definition();

        // Sorted: the catalog's map iterates in a per-JVM order and the template must be stable.
        Map<String, String> substitutions = new TreeMap<>();
        Catalog.STATE_MACHINE
                .substitutions()
                .forEach((placeholder, function) ->
                        substitutions.put(placeholder, functions.alias(function).getFunctionArn()));

        // Under /aws/vendedlogs/: Step Functions then needs no growing CloudWatch Logs resource policy entry per
        // log group. The name is fixed, so the group goes with the stack (retained, a redeploy would collide).
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/vendedlogs/states/" + stateMachineName)
                .retention(Functions.LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(stateMachineName)
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(asl))
                .definitionSubstitutions(substitutions)
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(logs)
                        .level(LogLevel.ALL)
                        .includeExecutionData(false)
                        .build())
                .build();
        for (String function :
                new TreeSet<>(Catalog.STATE_MACHINE.substitutions().values())) {
            functions.alias(function).grantInvoke(stateMachine);
        }
        NagSuppressions.addResourceSuppressions(
                stateMachine.getRole(),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("Added by CDK for logging and tracing, which support no resource-level permissions: "
                                + "CloudWatch Logs vended log delivery (logs:CreateLogDelivery, GetLogDelivery, "
                                + "UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, "
                                + "DescribeResourcePolicies, DescribeLogGroups) and X-Ray (xray:PutTraceSegments, "
                                + "PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) require Resource \"*\". "
                                + "Lambda invocation is scoped to the function aliases.")
                        .appliesTo(List.of("Resource::*"))
                        .build()),
                true);
    }

    /**
     * The ASL text, checked: valid JSON, and every {@code ${...}} in it is a placeholder of the catalog (a typo
     * would otherwise deploy a state machine that fails at its first task).
     */
    static String definition() {
        return checked(Catalog.stateMachineDefinition());
    }

    static String checked(String asl) {
        JsonNode root = Json.parse(asl);
        if (!root.hasNonNull("StartAt") || !root.path("States").isObject()) {
            throw new IllegalStateException(Catalog.STATE_MACHINE.aslResource() + " has no StartAt or States");
        }
        Set<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(asl);
        while (m.find()) {
            if (!Catalog.STATE_MACHINE.substitutions().containsKey(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(Catalog.STATE_MACHINE.aslResource() + " uses placeholders the catalog "
                    + "does not map to functions: " + unknown + " (known: "
                    + new TreeSet<>(Catalog.STATE_MACHINE.substitutions().keySet()) + ")");
        }
        return asl;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
