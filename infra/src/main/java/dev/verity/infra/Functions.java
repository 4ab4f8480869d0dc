package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * One Lambda function per {@link Catalog#FUNCTIONS} entry, running the shaded jar of its bundle (the functions
 * module's, or the models module's for those that train and apply models): Java 25 on arm64,
 * SnapStart on published versions, an alias {@value #ALIAS} that every caller (API, event source, state machine)
 * invokes, its own log group and its own role holding exactly the grants of {@link FunctionSpec#access()}.
 */
public class Functions extends Construct {

    public static final String ALIAS = "live";
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    public static final String LOG_SERVICE_VARIABLE = "POWERTOOLS_SERVICE_NAME";
    public static final String LOG_SERVICE = "verity";
    /** The Mechanical Turk requester API calls the public crowd's functions make ({@code CROWD_MARKETPLACE}). */
    public static final List<String> MECHANICAL_TURK_ACTIONS = List.of(
            "mechanicalturk:CreateHIT",
            "mechanicalturk:GetHIT",
            "mechanicalturk:GetAssignment",
            "mechanicalturk:ApproveAssignment",
            "mechanicalturk:UpdateExpirationForHIT");

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();

    /**
     * @param stateMachineName the job state machine's fixed name: its ARN is built from it, not referenced, because
     *                         the state machine itself references these functions' aliases
     */
    /**
     * What the workforce functions reach besides the data: the user pool they invite workers into, the notices'
     * topics, and the web UI's URL their mails link to.
     */
    public record Workforce(IUserPool userPool, Notifications notifications, String portalUrl) {}

    public Functions(
            Construct scope,
            String id,
            VerityConfig config,
            IBucket bucket,
            ITable table,
            String stateMachineName,
            Workforce workforce) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String stateMachineArn = stack.formatArn(ArnComponents.builder()
                .service("states")
                .resource("stateMachine")
                .resourceName(stateMachineName)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
        String executionsArn = stack.formatArn(ArnComponents.builder()
                .service("states")
                .resource("execution")
                .resourceName(stateMachineName + ":*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
        String taskQueuesArn = stack.formatArn(ArnComponents.builder()
                .service("sqs")
                .resource(config.taskQueuePrefix() + "*")
                .arnFormat(ArnFormat.NO_RESOURCE_NAME)
                .build());
        String intakeQueuesArn = stack.formatArn(ArnComponents.builder()
                .service("sqs")
                .resource(config.intakeQueuePrefix() + "*")
                .arnFormat(ArnFormat.NO_RESOURCE_NAME)
                .build());
        // the requesters' own topics: a streaming job's input and output (JobService refuses Verity's own topics)
        String accountTopicsArn = stack.formatArn(ArnComponents.builder()
                .service("sns")
                .resource("*")
                .arnFormat(ArnFormat.NO_RESOURCE_NAME)
                .build());

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(Catalog.ENV_BUCKET, bucket.getBucketName());
        environment.put(Catalog.ENV_TABLE, table.getTableName());
        environment.put(Catalog.ENV_STATE_MACHINE_ARN, stateMachineArn);
        environment.put(Catalog.ENV_TASK_QUEUE_PREFIX, config.taskQueuePrefix());
        environment.put(Catalog.ENV_INTAKE_QUEUE_PREFIX, config.intakeQueuePrefix());
        environment.put(Catalog.ENV_CUSTOM_LAMBDA_PREFIX, config.customLambdaPrefix());
        environment.put(Catalog.ENV_USER_POOL_ID, workforce.userPool().getUserPoolId());
        environment.put(Catalog.ENV_TEAM_TOPIC_PREFIX, workforce.notifications().teamTopicPrefix());
        environment.put(
                Catalog.ENV_JOB_EVENTS_TOPIC_ARN,
                workforce.notifications().jobEvents().getTopicArn());
        // the web UI: the links of notices and the public crowd's task pages
        environment.put(Catalog.ENV_WEB_URL, workforce.portalUrl() + "/");
        environment.put(LOG_SERVICE_VARIABLE, LOG_SERVICE); // the "service" field of every JSON log event

        Map<FunctionSpec.Bundle, Code> code = new LinkedHashMap<>();
        for (FunctionSpec.Bundle bundle : FunctionSpec.Bundle.values()) {
            code.put(
                    bundle,
                    Code.fromAsset(
                            config.jar(bundle).toAbsolutePath().normalize().toString()));
        }

        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            String cid = Names.pascal(spec.name());
            String functionName = config.functionNamePrefix() + "-" + spec.name();

            LogGroup logs = LogGroup.Builder.create(this, cid + "Logs")
                    .retention(LOG_RETENTION)
                    .build();
            // A role of our own instead of AWSLambdaBasicExecutionRole: logs go to this function's group only.
            Role role = Role.Builder.create(this, cid + "Role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("Verity function " + functionName)
                    .build();
            logs.grantWrite(role);

            Function function = Function.Builder.create(this, cid)
                    .functionName(functionName)
                    .description(spec.description())
                    .runtime(Runtime.JAVA_25)
                    .architecture(Architecture.ARM_64)
                    .handler(spec.handler() + "::handleRequest")
                    .code(code.get(spec.bundle()))
                    .memorySize(spec.memoryMb())
                    .timeout(Duration.seconds(spec.timeoutSeconds()))
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .tracing(Tracing.ACTIVE)
                    .environment(environment)
                    .logGroup(logs)
                    .role(role)
                    .build();
            Alias alias = Alias.Builder.create(function, "Alias")
                    .aliasName(ALIAS)
                    .version(function.getCurrentVersion())
                    .build();
            Annotations.of(function)
                    .acknowledgeWarning(
                            "@aws-cdk/aws-lambda:snapStartRequirePublish",
                            "Versions are published (currentVersion) and every caller invokes the " + ALIAS
                                    + " alias.");

            // Enum order, not the set's: Set.of iterates in a per-JVM random order and the template must be stable.
            for (FunctionSpec.Access access : FunctionSpec.Access.values()) {
                if (!spec.access().contains(access)) {
                    continue;
                }
                switch (access) {
                    case BUCKET_READ -> bucket.grantRead(role);
                    case BUCKET_WRITE -> bucket.grantPut(role);
                    // Not grantPut: that adds tagging, retention, legal hold and multipart aborts the report needs not.
                    case JOB_REQUEST_ERRORS ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("JobRequestErrors")
                                .actions(List.of("s3:PutObject"))
                                .resources(List.of(bucket.arnForObjects(Catalog.JOB_REQUEST_ERRORS_PREFIX + "*")))
                                .build());
                    case TABLE_READ -> table.grantReadData(role);
                    case TABLE_WRITE -> table.grantWriteData(role);
                    case TASK_QUEUES ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("TaskQueues")
                                .actions(List.of(
                                        "sqs:CreateQueue",
                                        "sqs:DeleteQueue",
                                        "sqs:SendMessage",
                                        "sqs:ReceiveMessage",
                                        "sqs:DeleteMessage",
                                        "sqs:ChangeMessageVisibility",
                                        "sqs:GetQueueAttributes",
                                        "sqs:GetQueueUrl",
                                        "sqs:SetQueueAttributes",
                                        "sqs:TagQueue"))
                                .resources(List.of(taskQueuesArn))
                                .build());
                    case STREAM_INTAKE_QUEUES -> {
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("IntakeQueues")
                                .actions(List.of(
                                        "sqs:CreateQueue",
                                        "sqs:GetQueueUrl",
                                        "sqs:GetQueueAttributes",
                                        "sqs:SetQueueAttributes",
                                        "sqs:ReceiveMessage",
                                        "sqs:DeleteMessage"))
                                .resources(List.of(intakeQueuesArn))
                                .build());
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("InputTopics")
                                .actions(List.of("sns:Subscribe", "sns:Unsubscribe"))
                                .resources(List.of(accountTopicsArn))
                                .build());
                    }
                    case LABEL_TOPICS ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("LabelTopics")
                                .actions(List.of("sns:Publish"))
                                .resources(List.of(accountTopicsArn))
                                .build());
                    case START_EXECUTION -> {
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("StartExecution")
                                .actions(List.of("states:StartExecution"))
                                .resources(List.of(stateMachineArn))
                                .build());
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("DescribeExecution")
                                .actions(List.of("states:DescribeExecution"))
                                .resources(List.of(executionsArn))
                                .build());
                    }
                    // a job's cost counts the state transitions of its execution
                    case EXECUTION_HISTORY ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("ExecutionHistory")
                                .actions(List.of("states:GetExecutionHistory"))
                                .resources(List.of(executionsArn))
                                .build());
                    // each invocation adds its counts to its job's usage item: one UpdateItem, no other write
                    case USAGE_METER ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("UsageMeter")
                                .actions(List.of("dynamodb:UpdateItem"))
                                .resources(List.of(table.getTableArn()))
                                .build());
                    case TASK_TOKEN ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("TaskToken")
                                .actions(List.of(
                                        "states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"))
                                .resources(List.of(stateMachineArn))
                                .build());
                    case USER_FUNCTIONS ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("UserFunctions")
                                .actions(List.of("lambda:InvokeFunction"))
                                .resources(List.of(userFunctionsArn(config)))
                                .build());
                    case WORKFORCE_DIRECTORY ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("WorkforceDirectory")
                                .actions(List.of(
                                        "cognito-idp:AdminCreateUser",
                                        "cognito-idp:AdminGetUser",
                                        "cognito-idp:AdminAddUserToGroup",
                                        "cognito-idp:AdminRemoveUserFromGroup",
                                        "cognito-idp:AdminDisableUser",
                                        "cognito-idp:AdminEnableUser",
                                        "cognito-idp:ListUsersInGroup",
                                        "cognito-idp:CreateGroup"))
                                .resources(List.of(workforce.userPool().getUserPoolArn()))
                                .build());
                    case TEAM_TOPICS ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("TeamTopics")
                                .actions(List.of(
                                        "sns:CreateTopic",
                                        "sns:DeleteTopic",
                                        "sns:Subscribe",
                                        "sns:Unsubscribe",
                                        "sns:ListSubscriptionsByTopic"))
                                .resources(List.of(workforce.notifications().teamTopicsArn()))
                                .build());
                    case NOTIFY ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("Notify")
                                .actions(List.of("sns:Publish"))
                                .resources(List.of(
                                        workforce.notifications().teamTopicsArn(),
                                        workforce.notifications().jobEvents().getTopicArn()))
                                .build());
                    case JOB_EVENTS ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("JobEvents")
                                .actions(List.of("events:PutEvents"))
                                .resources(List.of(Stack.of(this)
                                        .formatArn(ArnComponents.builder()
                                                .service("events")
                                                .resource("event-bus")
                                                .resourceName("default")
                                                .build())))
                                .build());
                    // GetMetricData supports no resource-level permissions: granted on "*" only (reads, no writes)
                    case METRICS_READ ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("MetricsRead")
                                .actions(List.of("cloudwatch:GetMetricData"))
                                .resources(List.of("*"))
                                .build());
                    // Mechanical Turk defines no resource types: its actions are granted on "*" only.
                    case CROWD_MARKETPLACE ->
                        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                                .sid("MechanicalTurk")
                                .actions(MECHANICAL_TURK_ACTIONS)
                                .resources(List.of("*"))
                                .build());
                }
            }
            suppressWildcardFindings(role, spec, bucket, table, config, workforce.notifications());
            functions.put(spec.name(), function);
            aliases.put(spec.name(), alias);
            roles.put(spec.name(), role);
        }
    }

    /**
     * cdk-nag IAM5 flags every wildcard in the role's policy; each one this function's grants produce is listed
     * exactly (appliesTo), so any other wildcard still fails the checks.
     */
    private void suppressWildcardFindings(
            Role role,
            FunctionSpec spec,
            IBucket bucket,
            ITable table,
            VerityConfig config,
            Notifications notifications) {
        Stack stack = Stack.of(this);
        String bucketArn =
                "<" + stack.getLogicalId((CfnElement) bucket.getNode().getDefaultChild()) + ".Arn>";
        String tableArn = "<" + stack.getLogicalId((CfnElement) table.getNode().getDefaultChild()) + ".Arn>";
        Set<FunctionSpec.Access> access = spec.access();
        List<NagPackSuppression> suppressions = new ArrayList<>();
        suppressions.add(iam5(
                "Resource * only for xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing)"
                        + (access.contains(FunctionSpec.Access.CROWD_MARKETPLACE)
                                ? " and the Mechanical Turk requester calls of public-crowd jobs ("
                                        + String.join(", ", MECHANICAL_TURK_ACTIONS) + ")"
                                : "")
                        + (access.contains(FunctionSpec.Access.METRICS_READ)
                                ? " and cloudwatch:GetMetricData (a job's metrics read back for its page)"
                                : "")
                        + ", which support no resource-level permissions.",
                "Resource::*"));
        if (access.contains(FunctionSpec.Access.BUCKET_READ)) {
            suppressions.add(iam5(
                    "BUCKET_READ is CDK's Bucket.grantRead on the data bucket only: the object and "
                            + "listing reads the function needs (manifests, chunks, worker responses, data objects).",
                    "Action::s3:GetObject*",
                    "Action::s3:GetBucket*",
                    "Action::s3:List*"));
        }
        if (access.contains(FunctionSpec.Access.BUCKET_WRITE)) {
            suppressions.add(iam5(
                    "BUCKET_WRITE is CDK's Bucket.grantPut: s3:Abort* is AbortMultipartUpload for "
                            + "streamed multipart writes of large manifests.",
                    "Action::s3:Abort*"));
        }
        if (access.contains(FunctionSpec.Access.JOB_REQUEST_ERRORS)) {
            suppressions.add(iam5(
                    "s3:PutObject of the refusal reports of uploaded job requests only ("
                            + Catalog.JOB_REQUEST_ERRORS_PREFIX + "<name>.txt, named after each upload).",
                    "Resource::" + bucketArn + "/" + Catalog.JOB_REQUEST_ERRORS_PREFIX + "*"));
        }
        if (access.contains(FunctionSpec.Access.BUCKET_READ) || access.contains(FunctionSpec.Access.BUCKET_WRITE)) {
            suppressions.add(iam5(
                    "Objects of the data bucket only; their keys depend on the job (jobs/, manifests, "
                            + "annotations/worker-response/, output).",
                    "Resource::" + bucketArn + "/*"));
        }
        if (access.contains(FunctionSpec.Access.TABLE_READ) || access.contains(FunctionSpec.Access.TABLE_WRITE)) {
            suppressions.add(iam5(
                    "The global secondary indexes of the Verity table only (CDK's grantReadData / "
                            + "grantWriteData).",
                    "Resource::" + tableArn + "/index/*"));
        }
        if (access.contains(FunctionSpec.Access.TASK_QUEUES)) {
            suppressions.add(iam5(
                    "Per-job task queues are created and deleted at runtime, one per job, named "
                            + config.taskQueuePrefix() + "<job>; the grant covers that prefix only.",
                    "Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:" + config.taskQueuePrefix()
                            + "*"));
        }
        if (access.contains(FunctionSpec.Access.STREAM_INTAKE_QUEUES)) {
            suppressions.add(iam5(
                    "Streaming jobs' intake queues are created at runtime, one per job, named "
                            + config.intakeQueuePrefix() + "<job>; the grant covers that prefix only.",
                    "Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:" + config.intakeQueuePrefix()
                            + "*"));
        }
        if (access.contains(FunctionSpec.Access.STREAM_INTAKE_QUEUES)
                || access.contains(FunctionSpec.Access.LABEL_TOPICS)) {
            suppressions.add(iam5(
                    "A streaming job names its input and output topics (any of the requester's, in this account and"
                            + " Region): the intake subscribes its queue to the input topic, the output publishes"
                            + " labels to the output topic. CreateLabelingJob refuses other accounts' and Verity's own"
                            + " topics.",
                    "Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:*"));
        }
        if (access.contains(FunctionSpec.Access.START_EXECUTION)
                || access.contains(FunctionSpec.Access.EXECUTION_HISTORY)) {
            suppressions.add(iam5(
                    "states:DescribeExecution and states:GetExecutionHistory on the executions of the job state "
                            + "machine only (one "
                            + "execution per job, named after it).",
                    "Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:"
                            + config.physicalName(Catalog.STATE_MACHINE.name()) + ":*"));
        }
        if (access.contains(FunctionSpec.Access.USER_FUNCTIONS)) {
            suppressions.add(iam5(
                    "Custom task types call the requester's own pre-/post-annotation Lambdas, named per "
                            + "job; only functions of this account and Region named with the deploy-time prefix "
                            + config.customLambdaPrefix() + " (which covers no Verity function) may be invoked.",
                    "Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:"
                            + config.customLambdaPrefix() + "*"));
        }
        if (access.contains(FunctionSpec.Access.TEAM_TOPICS) || access.contains(FunctionSpec.Access.NOTIFY)) {
            suppressions.add(iam5(
                    "Work teams' notification topics are made at runtime, one per team, named "
                            + notifications.teamTopicPrefix() + "<team>; the grant covers that prefix only.",
                    "Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:"
                            + notifications.teamTopicPrefix() + "*"));
        }
        NagSuppressions.addResourceSuppressions(role, suppressions, true);
    }

    /** The requester's Lambdas a custom job may call: those named with the deploy-time prefix, in this account and Region. */
    private String userFunctionsArn(VerityConfig config) {
        return Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("lambda")
                        .resource("function")
                        .resourceName(config.customLambdaPrefix() + "*")
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build());
    }

    private static NagPackSuppression iam5(String reason, String... appliesTo) {
        return NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(reason)
                .appliesTo(List.of((Object[]) appliesTo))
                .build();
    }

    /** Sets an environment variable of every function (a value known only once other constructs exist). */
    public void addEnvironment(String name, String value) {
        functions.values().forEach(function -> function.addEnvironment(name, value));
    }

    public Function function(String name) {
        return require(functions, name);
    }

    /** The {@value #ALIAS} alias: what callers invoke, so SnapStart's published version serves them. */
    public Alias alias(String name) {
        return require(aliases, name);
    }

    public Role role(String name) {
        return require(roles, name);
    }

    private static <T> T require(Map<String, T> map, String name) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no function named " + name + " in the catalog");
        }
        return value;
    }
}
