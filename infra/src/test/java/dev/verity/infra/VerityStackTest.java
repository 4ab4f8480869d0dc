package dev.verity.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.catalog.FunctionSpec.Access;
import dev.verity.catalog.QueueSpec;
import dev.verity.catalog.RouteSpec;
import dev.verity.catalog.ScheduleSpec;
import dev.verity.catalog.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.Schedule;

/** The synthesized template holds what the catalog lists, configured as the design requires. */
class VerityStackTest {

    private static Template template;
    private static Map<String, Map<String, Object>> resources;

    @BeforeAll
    static void synthesize() {
        template = Synthesized.get().template;
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> all =
                (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
        resources = all;
    }

    // ---------------------------------------------------------------- functions

    @Test
    void oneJava25FunctionPerCatalogEntryWithSnapStartOnArm() {
        Map<String, Map<String, Object>> java = ofType("AWS::Lambda::Function", Map.of("Runtime", "java25"));
        assertThat(java).hasSize(Catalog.FUNCTIONS.size());
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Match.objectLike(Map.of(
                            "FunctionName", "verity-" + spec.name(),
                            "Runtime", "java25",
                            "Handler", spec.handler() + "::handleRequest",
                            "MemorySize", spec.memoryMb(),
                            "Timeout", spec.timeoutSeconds(),
                            "Architectures", List.of("arm64"),
                            "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                            "TracingConfig", Map.of("Mode", "Active"),
                            "LoggingConfig", Match.objectLike(Map.of("LogGroup", Match.anyValue())))));
        }
    }

    @Test
    void theFunctionsThatTrainAndApplyModelsRunFromTheModelsJarAndTheOthersFromTheCoreJar() {
        Map<String, Map<String, Object>> functions = ofType("AWS::Lambda::Function", Map.of("Runtime", "java25"));
        Map<FunctionSpec.Bundle, Set<Object>> codeByBundle = new HashMap<>();
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            Object key = map(props(functions.get(functionId(spec))).get("Code")).get("S3Key");
            codeByBundle.computeIfAbsent(spec.bundle(), b -> new HashSet<>()).add(key);
        }
        assertThat(codeByBundle.get(FunctionSpec.Bundle.CORE)).hasSize(1);
        assertThat(codeByBundle.get(FunctionSpec.Bundle.MODELS))
                .hasSize(1)
                .doesNotContainAnyElementsOf(codeByBundle.get(FunctionSpec.Bundle.CORE));
        assertThat(Catalog.FUNCTIONS)
                .filteredOn(f -> f.bundle() == FunctionSpec.Bundle.MODELS)
                .extracting(FunctionSpec::name)
                .containsExactlyInAnyOrder(Catalog.FEATURISE, Catalog.TRAIN_MODEL, Catalog.INFER);
    }

    @Test
    void everyFunctionGetsTheCatalogEnvironment() {
        for (Map<String, Object> function :
                ofType("AWS::Lambda::Function", Map.of("Runtime", "java25")).values()) {
            Map<String, Object> variables =
                    map(map(props(function).get("Environment")).get("Variables"));
            assertThat(variables)
                    .containsOnlyKeys(
                            Catalog.ENV_BUCKET,
                            Catalog.ENV_TABLE,
                            Catalog.ENV_STATE_MACHINE_ARN,
                            Catalog.ENV_TASK_QUEUE_PREFIX,
                            Catalog.ENV_INTAKE_QUEUE_PREFIX,
                            Catalog.ENV_CUSTOM_LAMBDA_PREFIX,
                            Catalog.ENV_USER_POOL_ID,
                            Catalog.ENV_TEAM_TOPIC_PREFIX,
                            Catalog.ENV_JOB_EVENTS_TOPIC_ARN,
                            Catalog.ENV_WEB_URL,
                            Functions.LOG_SERVICE_VARIABLE);
            // The task page of public-crowd HITs, on the distribution; no sandbox unless -c mturkSandbox=true.
            assertThat(joined(variables.get(Catalog.ENV_WEB_URL)))
                    .isEqualTo("https://${" + distributionId() + ".DomainName}/");
            assertThat(variables.get(Functions.LOG_SERVICE_VARIABLE)).isEqualTo(Functions.LOG_SERVICE);
            assertThat(variables.get(Catalog.ENV_CUSTOM_LAMBDA_PREFIX)).isEqualTo(Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX);
            assertThat(variables.get(Catalog.ENV_BUCKET))
                    .isEqualTo(
                            Map.of("Ref", logicalId("AWS::S3::Bucket", Map.of("CorsConfiguration", Match.anyValue()))));
            assertThat(variables.get(Catalog.ENV_TABLE))
                    .isEqualTo(Map.of("Ref", logicalId("AWS::DynamoDB::Table", Map.of())));
            assertThat(variables.get(Catalog.ENV_TASK_QUEUE_PREFIX)).isEqualTo(Catalog.TASK_QUEUE_PREFIX);
            assertThat(variables.get(Catalog.ENV_INTAKE_QUEUE_PREFIX)).isEqualTo(Catalog.INTAKE_QUEUE_PREFIX);
            // Built from the fixed name (the state machine references the functions, not the other way round).
            assertThat(String.valueOf(variables.get(Catalog.ENV_STATE_MACHINE_ARN)))
                    .endsWith(":stateMachine:" + Catalog.STATE_MACHINE.name() + "]]}");
        }
    }

    @Test
    void oneLiveAliasPerFunctionOnItsCurrentVersion() {
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            String fn = functionId(spec);
            template.hasResourceProperties(
                    "AWS::Lambda::Alias",
                    Map.of(
                            "FunctionName", Map.of("Ref", fn),
                            "Name", Functions.ALIAS,
                            "FunctionVersion",
                                    Map.of(
                                            "Fn::GetAtt",
                                            List.of(
                                                    Match.stringLikeRegexp(
                                                            fn.substring(0, fn.length() - 8) + "CurrentVersion.*"),
                                                    "Version"))));
        }
        template.resourceCountIs("AWS::Lambda::Alias", Catalog.FUNCTIONS.size());
    }

    // ---------------------------------------------------------------- data

    @Test
    void tableFromTheCatalogOnDemandWithPointInTimeRecovery() {
        TableSpec spec = Catalog.TABLE;
        List<Object> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            indexes.add(Map.of(
                    "IndexName",
                    index.name(),
                    "KeySchema",
                    List.of(
                            Map.of("AttributeName", index.partitionKey(), "KeyType", "HASH"),
                            Map.of("AttributeName", index.sortKey(), "KeyType", "RANGE")),
                    "Projection",
                    Map.of("ProjectionType", "ALL")));
        }
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "DeletionPolicy",
                        "Retain",
                        "Properties",
                        Match.objectLike(Map.of(
                                "TableName", spec.name(),
                                "KeySchema",
                                        List.of(
                                                Map.of("AttributeName", spec.partitionKey(), "KeyType", "HASH"),
                                                Map.of("AttributeName", spec.sortKey(), "KeyType", "RANGE")),
                                "GlobalSecondaryIndexes", indexes,
                                "BillingMode", "PAY_PER_REQUEST",
                                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                                "SSESpecification", Map.of("SSEEnabled", true)))));
    }

    @Test
    void dataBucketIsPrivateTlsOnlyLoggedRetainedAndAllowsPresignedRequestsFromTheWebUi() {
        String bucket = logicalId("AWS::S3::Bucket", Map.of("CorsConfiguration", Match.anyValue()));
        template.hasResource(
                "AWS::S3::Bucket",
                Map.of(
                        "DeletionPolicy",
                        "Retain",
                        "Properties",
                        Match.objectLike(Map.of(
                                "PublicAccessBlockConfiguration",
                                        Map.of(
                                                "BlockPublicAcls",
                                                true,
                                                "BlockPublicPolicy",
                                                true,
                                                "IgnorePublicAcls",
                                                true,
                                                "RestrictPublicBuckets",
                                                true),
                                "BucketEncryption",
                                        Map.of(
                                                "ServerSideEncryptionConfiguration",
                                                List.of(Map.of(
                                                        "ServerSideEncryptionByDefault",
                                                        Map.of("SSEAlgorithm", "AES256")))),
                                // Presigned GETs (images, masks read into a canvas) and PUTs (uploads) from the web UI
                                // only.
                                "CorsConfiguration",
                                        Map.of(
                                                "CorsRules",
                                                List.of(Match.objectLike(Map.of(
                                                        "AllowedMethods", List.of("GET", "PUT", "HEAD"),
                                                        "AllowedOrigins", List.of(webOrigin()))))),
                                "LoggingConfiguration",
                                        Match.objectLike(Map.of("DestinationBucketName", Match.anyValue()))))));
        assertThat(props(resources.get(bucket))).doesNotContainKey("VersioningConfiguration");
        template.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "Bucket", Map.of("Ref", bucket),
                        "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "Effect", "Deny",
                                                "Action", "s3:*",
                                                "Condition",
                                                        Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        // autoDeleteObjects would add a custom resource Lambda; only the bucket notifications handler may exist.
        assertThat(ofType("Custom::S3AutoDeleteObjects", Map.of())).isEmpty();
    }

    @Test
    void jobRequestUploadsNotifyTheJobRequestsQueueWhichFeedsStartJob() {
        template.resourceCountIs("Custom::S3BucketNotifications", 1);
        for (Map<String, String> rule : List.of(
                Map.of("Name", "prefix", "Value", Catalog.JOB_REQUEST_PREFIX),
                Map.of("Name", "suffix", "Value", Catalog.JOB_REQUEST_SUFFIX))) {
            template.hasResourceProperties(
                    "Custom::S3BucketNotifications",
                    Map.of(
                            "NotificationConfiguration",
                            Map.of(
                                    "QueueConfigurations",
                                    List.of(Map.of(
                                            "Events", List.of("s3:ObjectCreated:*"),
                                            "Filter",
                                                    Map.of(
                                                            "Key",
                                                            Map.of("FilterRules", Match.arrayWith(List.of(rule)))),
                                            "QueueArn",
                                                    Map.of(
                                                            "Fn::GetAtt",
                                                            List.of(queueId(Catalog.JOB_REQUESTS), "Arn")))))));
        }
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        template.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Map.of(
                        "EventSourceArn", Map.of("Fn::GetAtt", List.of(queueId(Catalog.JOB_REQUESTS), "Arn")),
                        // <function name>:live, the name taken from the alias ARN
                        "FunctionName",
                                Map.of(
                                        "Fn::Join",
                                        List.of(
                                                "",
                                                List.of(
                                                        Map.of(
                                                                "Fn::Select",
                                                                List.of(
                                                                        6,
                                                                        Map.of(
                                                                                "Fn::Split",
                                                                                List.of(
                                                                                        ":",
                                                                                        Map.of(
                                                                                                "Ref",
                                                                                                aliasId(
                                                                                                        Catalog
                                                                                                                .function(
                                                                                                                        Catalog
                                                                                                                                .START_JOB_FROM_S3))))))),
                                                        ":" + Functions.ALIAS))),
                        "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
    }

    @Test
    void queuesFromTheCatalogEncryptedTlsOnlyWithTheirDeadLetterQueues() {
        template.resourceCountIs("AWS::SQS::Queue", Catalog.QUEUES.size());
        for (QueueSpec spec : Catalog.QUEUES) {
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("QueueName", spec.name());
            expected.put("VisibilityTimeout", spec.visibilityTimeoutSeconds());
            expected.put("SqsManagedSseEnabled", true);
            expected.put(
                    "RedrivePolicy",
                    spec.deadLetterQueue() == null
                            ? Match.absent()
                            : Map.of(
                                    "deadLetterTargetArn",
                                            Map.of(
                                                    "Fn::GetAtt",
                                                    List.of(
                                                            queueId(Catalog.QUEUES.stream()
                                                                    .filter(q -> q.name()
                                                                            .equals(spec.deadLetterQueue()))
                                                                    .findFirst()
                                                                    .orElseThrow()),
                                                            "Arn")),
                                    "maxReceiveCount", spec.maxReceiveCount()));
            template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(expected));
            template.hasResourceProperties(
                    "AWS::SQS::QueuePolicy",
                    Map.of(
                            "Queues", List.of(Map.of("Ref", queueId(spec))),
                            "PolicyDocument",
                                    Match.objectLike(Map.of(
                                            "Statement",
                                            Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                    "Effect",
                                                    "Deny",
                                                    "Condition",
                                                    Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        }
    }

    // ---------------------------------------------------------------- workflow

    @Test
    void oneStateMachineFromTheAslWithEveryPlaceholderSubstitutedByAFunctionAlias() {
        Map<String, Map<String, Object>> machines = ofType("AWS::StepFunctions::StateMachine", Map.of());
        assertThat(machines).hasSize(1);
        Map<String, Object> props = props(machines.values().iterator().next());
        assertThat(props.get("StateMachineName")).isEqualTo(Catalog.STATE_MACHINE.name());
        assertThat(props.get("DefinitionString")).isEqualTo(Catalog.stateMachineDefinition());
        String definition = (String) props.get("DefinitionString");
        Map<String, Object> substitutions = map(props.get("DefinitionSubstitutions"));

        // CloudFormation replaces ${Key} from DefinitionSubstitutions: after it, no placeholder may remain.
        String deployed = definition;
        for (String key : substitutions.keySet()) {
            deployed = deployed.replace("${" + key + "}", "arn:substituted");
        }
        assertThat(deployed).doesNotContain("${");
        assertThat(placeholders(definition))
                .isEqualTo(Catalog.STATE_MACHINE.substitutions().keySet());

        Map<String, Object> expected = new LinkedHashMap<>();
        Catalog.STATE_MACHINE
                .substitutions()
                .forEach((placeholder, function) ->
                        expected.put(placeholder, Map.of("Ref", aliasId(Catalog.function(function)))));
        assertThat(substitutions).isEqualTo(expected);

        assertThat(props.get("TracingConfiguration")).isEqualTo(Map.of("Enabled", true));
        assertThat(map(props.get("LoggingConfiguration")))
                .containsEntry("Level", "ALL")
                .containsEntry("IncludeExecutionData", false);
    }

    @Test
    void stateMachineMayInvokeExactlyTheAliasesItUses() {
        String role = (String) ((List<?>) map(props(ofType("AWS::StepFunctions::StateMachine", Map.of())
                                        .values()
                                        .iterator()
                                        .next())
                                .get("RoleArn"))
                        .get("Fn::GetAtt"))
                .get(0);
        Set<Object> invoked = new HashSet<>();
        for (Map<String, Object> statement : statementsOfRole(role)) {
            if (actions(statement).contains("lambda:InvokeFunction")) {
                invoked.addAll(asList(statement.get("Resource")));
            }
        }
        Set<Object> expected = new HashSet<>();
        for (String function : Catalog.STATE_MACHINE.substitutions().values()) {
            expected.add(Map.of("Ref", aliasId(Catalog.function(function))));
        }
        assertThat(invoked).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- API

    @Test
    void everyCatalogRouteIsServedByItsFunctionAliasBehindTheJwtAuthorizerButThePublicOnesAndTheSageMakerEndpoint() {
        String authorizer = logicalId("AWS::ApiGatewayV2::Authorizer", Map.of("AuthorizerType", "JWT"));
        template.resourceCountIs("AWS::ApiGatewayV2::Route", Catalog.ROUTES.size());
        for (RouteSpec route : Catalog.ROUTES) {
            Map<String, Object> found =
                    ofType("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route.routeKey())).values().stream()
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no route " + route.routeKey()));
            Map<String, Object> props = props(found);
            if (route.authorized()) {
                assertThat(props.get("AuthorizationType")).as(route.routeKey()).isEqualTo("JWT");
                assertThat(props.get("AuthorizerId")).isEqualTo(Map.of("Ref", authorizer));
            } else if (route.authorization() == RouteSpec.Authorization.IAM) {
                // the SDKs and the AWS CLI sign for execute-api with the caller's own credentials
                assertThat(route.routeKey()).isEqualTo("POST /");
                assertThat(route.function()).isEqualTo(Catalog.SAGEMAKER_API);
                assertThat(props.get("AuthorizationType")).as(route.routeKey()).isEqualTo("AWS_IAM");
                assertThat(props).doesNotContainKey("AuthorizerId");
            } else {
                // Mechanical Turk workers have no sign-in: the crowd API checks them against Mechanical Turk. The
                // OpenAPI document is read before signing in.
                if (route.routeKey().equals("GET /openapi.json")) {
                    assertThat(route.function()).isEqualTo(Catalog.REQUESTER_API);
                } else {
                    assertThat(route.path()).startsWith("/mturk/");
                    assertThat(route.function()).isEqualTo(Catalog.CROWD_API);
                }
                assertThat(props.get("AuthorizationType")).as(route.routeKey()).isEqualTo("NONE");
                assertThat(props).doesNotContainKey("AuthorizerId");
            }
            String integration =
                    (String) map(((List<?>) ((List<?>) map(props.get("Target")).get("Fn::Join")).get(1)).get(1))
                            .get("Ref");
            Map<String, Object> integrationProps = props(resources.get(integration));
            assertThat(integrationProps.get("IntegrationUri"))
                    .as(route.routeKey())
                    .isEqualTo(Map.of("Ref", aliasId(Catalog.function(route.function()))));
            assertThat(integrationProps.get("PayloadFormatVersion")).isEqualTo("2.0");
        }
        String client = logicalId("AWS::Cognito::UserPoolClient", Map.of());
        Map<String, Object> jwt = Map.of("Audience", List.of(Map.of("Ref", client)));
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Authorizer",
                Match.objectLike(Map.of(
                        "IdentitySource", List.of("$request.header.Authorization"),
                        "JwtConfiguration", Match.objectLike(jwt))));
    }

    @Test
    void apiHasCorsAndALoggedThrottledDefaultStage() {
        Set<String> methods = new HashSet<>(List.of("OPTIONS"));
        Catalog.ROUTES.forEach(route -> methods.add(route.method()));
        Map<String, Object> cors = map(props(ofType("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"))
                        .values()
                        .iterator()
                        .next())
                .get("CorsConfiguration"));
        // Only the web UI's origin by default (cdk.json: corsAllowedOrigins adds more), every route's method.
        assertThat(cors.get("AllowOrigins")).isEqualTo(List.of(webOrigin()));
        assertThat(new HashSet<>(asList(cors.get("AllowMethods")))).isEqualTo(methods);
        assertThat(asList(cors.get("AllowHeaders"))).contains("Authorization", "Content-Type");
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Match.objectLike(Map.of(
                        "StageName",
                        "$default",
                        "AutoDeploy",
                        true,
                        "AccessLogSettings",
                        Match.objectLike(Map.of(
                                "DestinationArn",
                                Match.anyValue(),
                                "Format",
                                Match.stringLikeRegexp(".*\\$context\\.requestId.*"))),
                        "DefaultRouteSettings",
                        Map.of("ThrottlingRateLimit", Api.THROTTLE_RATE, "ThrottlingBurstLimit", Api.THROTTLE_BURST))));
    }

    @Test
    void userPoolIsAdminOnlyWithStrongPasswordsAndTheTwoGroups() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Match.objectLike(Map.of(
                        "AdminCreateUserConfig", Match.objectLike(Map.of("AllowAdminCreateUserOnly", true)),
                        "Policies",
                                Map.of(
                                        "PasswordPolicy",
                                        Match.objectLike(Map.of(
                                                "MinimumLength",
                                                12,
                                                "RequireLowercase",
                                                true,
                                                "RequireUppercase",
                                                true,
                                                "RequireNumbers",
                                                true,
                                                "RequireSymbols",
                                                true))),
                        "MfaConfiguration", "OPTIONAL")));
        for (String group : List.of(Identity.REQUESTERS, Identity.WORKERS)) {
            template.hasResourceProperties("AWS::Cognito::UserPoolGroup", Match.objectLike(Map.of("GroupName", group)));
        }
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient", Match.objectLike(Map.of("GenerateSecret", false)));
    }

    // ---------------------------------------------------------------- monitoring and outputs

    @Test
    void alarmsOnEveryDeadLetterQueueFailedExecutionsAndFunctionErrors() {
        for (QueueSpec spec : Catalog.QUEUES) {
            if (spec.deadLetterQueue() == null) {
                template.hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(Map.of(
                                "MetricName",
                                "ApproximateNumberOfMessagesVisible",
                                "Namespace",
                                "AWS/SQS",
                                "Dimensions",
                                List.of(Map.of(
                                        "Name",
                                        "QueueName",
                                        "Value",
                                        Map.of("Fn::GetAtt", List.of(queueId(spec), "QueueName")))),
                                "ComparisonOperator",
                                "GreaterThanThreshold",
                                "Threshold",
                                0,
                                "AlarmActions",
                                List.of(Map.of(
                                        "Ref",
                                        logicalId("AWS::SNS::Topic", Map.of("DisplayName", "Verity alarms")))))));
            }
        }
        String stateMachine = logicalId("AWS::StepFunctions::StateMachine", Map.of());
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
            template.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Match.objectLike(Map.of(
                            "MetricName",
                            metric,
                            "Namespace",
                            "AWS/States",
                            "Dimensions",
                            List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", stateMachine))),
                            "ComparisonOperator",
                            "GreaterThanOrEqualToThreshold",
                            "Threshold",
                            1)));
        }
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            template.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Match.objectLike(Map.of(
                            "MetricName", "Errors",
                            "Namespace", "AWS/Lambda",
                            "Dimensions",
                                    List.of(Map.of(
                                            "Name", "FunctionName", "Value", Map.of("Ref", functionId(spec)))))));
        }
        template.hasResourceProperties(
                "AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", Synthesized.ALARM_EMAIL, "TopicArn", Match.anyValue()));
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void theFunctionsThatChangeAJobsStatusMayPutEventsOnTheDefaultBusOnly() {
        assertThat(Catalog.FUNCTIONS.stream()
                        .filter(spec -> spec.access().contains(Access.JOB_EVENTS))
                        .map(FunctionSpec::name))
                .containsExactlyInAnyOrder(
                        Catalog.REQUESTER_API,
                        Catalog.SAGEMAKER_API,
                        Catalog.START_JOB_FROM_S3,
                        Catalog.PREPARE_DATASET,
                        Catalog.WRITE_OUTPUT,
                        Catalog.MARK_FAILED);
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            if (!spec.access().contains(Access.JOB_EVENTS)) {
                continue;
            }
            List<Map<String, Object>> puts = statementsOfRole(roleId(spec)).stream()
                    .filter(statement -> actions(statement).contains("events:PutEvents"))
                    .toList();
            assertThat(puts).as(spec.name()).singleElement().satisfies(statement -> {
                assertThat(actions(statement)).containsExactly("events:PutEvents");
                assertThat(asList(statement.get("Resource")).stream()
                                .map(VerityStackTest::joined)
                                .toList())
                        .containsExactly(
                                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default");
            });
        }
    }

    @Test
    void failedJobsRaiseAnAlarmOnTheTotalTheFunctionsPublish() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "MetricName", "JobsFailed",
                        "Namespace", "Verity",
                        "Statistic", "Sum",
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "Threshold", 1,
                        "TreatMissingData", "notBreaching",
                        "AlarmActions",
                                List.of(Map.of(
                                        "Ref",
                                        logicalId("AWS::SNS::Topic", Map.of("DisplayName", "Verity alarms")))))));
        Map<String, Object> alarm = ofType("AWS::CloudWatch::Alarm", Map.of("MetricName", "JobsFailed"))
                .values()
                .iterator()
                .next();
        assertThat(props(alarm)).as("the total has no dimension").doesNotContainKey("Dimensions");
    }

    @Test
    void theDashboardShowsTheJobAndTaskMetricsInTotalAndPerJobAndTeam() {
        Map<String, Object> dashboard = ofType("AWS::CloudWatch::Dashboard", Map.of())
                .values()
                .iterator()
                .next();
        String body = joined(props(dashboard).get("DashboardBody"));
        for (String metric : List.of(
                "TasksAccepted",
                "TasksSubmitted",
                "TasksReturned",
                "TasksDeclined",
                "TasksExpired",
                "TimeSpent",
                "DatasetObjectsHumanAnnotated",
                "DatasetObjectsAutoAnnotated",
                "JobsSucceeded",
                "JobsFailed",
                "JobsStopped")) {
            assertThat(body).as(metric).contains("[\"Verity\",\"" + metric + "\"");
        }
        assertThat(body)
                .contains("SEARCH('{Verity,LabelingJobName,Workteam} MetricName=\\\"TasksSubmitted\\\"', 'Sum', 300)")
                .contains("SEARCH('{Verity,LabelingJobName,Workteam} MetricName=\\\"TimeSpent\\\"', 'Average', 300)");
    }

    @Test
    void outputsForDeployers() {
        Map<String, Object> outputs = map(template.toJSON().get("Outputs"));
        assertThat(outputs.keySet())
                .contains(
                        "BucketName",
                        "TableName",
                        "ApiUrl",
                        "UserPoolId",
                        "UserPoolClientId",
                        "StateMachineArn",
                        "WebUrl");
        assertThat(map(outputs.get("WebUrl")).get("Value"))
                .isEqualTo(Map.of(
                        "Fn::Join",
                        List.of(
                                "",
                                List.of(
                                        "https://",
                                        Map.of("Fn::GetAtt", List.of(distributionId(), "DomainName")),
                                        "/"))));
    }

    // ---------------------------------------------------------------- web UI

    @Test
    void webBucketIsPrivateRetainedAndReadableOnlyThroughTheDistributionsOriginAccessControl() {
        String bucket = webBucketId();
        assertThat(bucket).isNotEqualTo(logicalId("AWS::S3::Bucket", Map.of("CorsConfiguration", Match.anyValue())));
        template.hasResource(
                "AWS::S3::Bucket",
                Map.of(
                        "DeletionPolicy",
                        "Retain",
                        "Properties",
                        Match.objectLike(Map.of(
                                "PublicAccessBlockConfiguration",
                                        Map.of(
                                                "BlockPublicAcls",
                                                true,
                                                "BlockPublicPolicy",
                                                true,
                                                "IgnorePublicAcls",
                                                true,
                                                "RestrictPublicBuckets",
                                                true),
                                "BucketEncryption",
                                        Map.of(
                                                "ServerSideEncryptionConfiguration",
                                                List.of(Map.of(
                                                        "ServerSideEncryptionByDefault",
                                                        Map.of("SSEAlgorithm", "AES256")))),
                                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "web/"))))));
        assertThat(props(resources.get(bucket)))
                .doesNotContainKey("CorsConfiguration")
                .doesNotContainKey("WebsiteConfiguration");

        Map<String, Map<String, Object>> policies =
                ofType("AWS::S3::BucketPolicy", Map.of("Bucket", Map.of("Ref", bucket)));
        assertThat(policies).hasSize(1);
        List<Map<String, Object>> statements =
                asList(map(props(policies.values().iterator().next()).get("PolicyDocument"))
                                .get("Statement"))
                        .stream()
                        .map(VerityStackTest::map)
                        .toList();
        assertThat(statements)
                .anySatisfy(statement -> assertThat(statement)
                        .containsEntry("Effect", "Deny")
                        .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        List<Map<String, Object>> allows = statements.stream()
                .filter(st -> "Allow".equals(st.get("Effect")))
                .toList();
        // The one grant: CloudFront may read objects, and only on behalf of this distribution.
        assertThat(allows).hasSize(1);
        Map<String, Object> allow = allows.get(0);
        assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
        assertThat(allow.get("Action")).isEqualTo("s3:GetObject");
        assertThat(joined(map(map(allow.get("Condition")).get("StringEquals")).get("AWS:SourceArn")))
                .isEqualTo(
                        "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${" + distributionId() + "}");
    }

    @Test
    void distributionServesIndexHtmlOverHttpsWithSecurityHeaders() {
        Map<String, Object> config = map(props(resources.get(distributionId())).get("DistributionConfig"));
        assertThat(config.get("DefaultRootObject")).isEqualTo(Web.INDEX);
        Map<String, Object> behavior = map(config.get("DefaultCacheBehavior"));
        assertThat(behavior.get("ViewerProtocolPolicy")).isEqualTo("redirect-to-https");
        assertThat(behavior.get("AllowedMethods")).isEqualTo(List.of("GET", "HEAD"));
        List<Object> origins = asList(config.get("Origins"));
        assertThat(origins).hasSize(1);
        Map<String, Object> origin = map(origins.get(0));
        assertThat(origin.get("DomainName"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of(webBucketId(), "RegionalDomainName")));
        assertThat(origin.get("S3OriginConfig")).isEqualTo(Map.of("OriginAccessIdentity", ""));
        String oac = (String) asList(map(origin.get("OriginAccessControlId")).get("Fn::GetAtt"))
                .get(0);
        assertThat(map(props(resources.get(oac)).get("OriginAccessControlConfig")))
                .containsEntry("OriginAccessControlOriginType", "s3")
                .containsEntry("SigningBehavior", "always")
                .containsEntry("SigningProtocol", "sigv4");

        String policy = (String) map(behavior.get("ResponseHeadersPolicyId")).get("Ref");
        Map<String, Object> headers = map(map(props(resources.get(policy)).get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig"));
        assertThat(headers.get("FrameOptions")).isEqualTo(Map.of("FrameOption", "DENY", "Override", true));
        assertThat(headers.get("ContentTypeOptions")).isEqualTo(Map.of("Override", true));
        assertThat(map(headers.get("StrictTransportSecurity"))).containsEntry("AccessControlMaxAgeSec", 31536000);
        String csp = joined(map(headers.get("ContentSecurityPolicy")).get("ContentSecurityPolicy"));
        String s3 = "https://*.s3.${AWS::Region}.${AWS::URLSuffix} https://*.s3.${AWS::URLSuffix}";
        String hostedUi = "https://verity-${AWS::AccountId}.auth.${AWS::Region}.amazoncognito.com";
        assertThat(csp.split("; "))
                .contains(
                        "default-src 'self'",
                        "script-src 'self'",
                        "img-src 'self' data: blob: " + s3,
                        "connect-src 'self' https://*.execute-api.${AWS::Region}.${AWS::URLSuffix} " + hostedUi + " "
                                + s3,
                        "object-src 'none'",
                        "frame-ancestors 'none'");
        // Custom templates run in the task frame: its own behavior, framable by the portal, template scripts allowed.
        List<Object> extra = asList(config.get("CacheBehaviors"));
        assertThat(extra).hasSize(2);
        Map<String, Object> frame = extra.stream()
                .map(VerityStackTest::map)
                .filter(b -> b.get("PathPattern").equals("/" + Web.TASK_FRAME))
                .findFirst()
                .orElseThrow();
        assertThat(frame.get("PathPattern")).isEqualTo("/" + Web.TASK_FRAME);
        assertThat(frame.get("ViewerProtocolPolicy")).isEqualTo("redirect-to-https");
        String framePolicy = (String) map(frame.get("ResponseHeadersPolicyId")).get("Ref");
        assertThat(framePolicy).isNotEqualTo(policy);
        Map<String, Object> frameHeaders =
                map(map(props(resources.get(framePolicy)).get("ResponseHeadersPolicyConfig"))
                        .get("SecurityHeadersConfig"));
        assertThat(frameHeaders.get("FrameOptions")).isEqualTo(Map.of("FrameOption", "SAMEORIGIN", "Override", true));
        assertThat(joined(map(frameHeaders.get("ContentSecurityPolicy")).get("ContentSecurityPolicy"))
                        .split("; "))
                .contains(
                        "script-src 'self' 'unsafe-inline' https:",
                        "frame-ancestors 'self' https://www.mturk.com https://workersandbox.mturk.com");
        // The public crowd's task page: framed by Mechanical Turk's worker sites only, posting its form to them.
        Map<String, Object> crowdPage = extra.stream()
                .map(VerityStackTest::map)
                .filter(b -> b.get("PathPattern").equals("/" + Web.CROWD_TASK_PAGE))
                .findFirst()
                .orElseThrow();
        assertThat(crowdPage.get("ViewerProtocolPolicy")).isEqualTo("redirect-to-https");
        Map<String, Object> crowdHeaders = map(map(props(resources.get((String)
                                map(crowdPage.get("ResponseHeadersPolicyId")).get("Ref")))
                        .get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig"));
        assertThat(crowdHeaders).doesNotContainKey("FrameOptions");
        assertThat(joined(map(crowdHeaders.get("ContentSecurityPolicy")).get("ContentSecurityPolicy"))
                        .split("; "))
                .contains(
                        "script-src 'self'",
                        "form-action 'self' https://www.mturk.com https://workersandbox.mturk.com " + hostedUi,
                        "frame-ancestors https://www.mturk.com https://workersandbox.mturk.com");
        // The hosted UI the CSP allows is the pool's domain (same prefix).
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolDomain",
                Map.of(
                        "Domain", Map.of("Fn::Join", List.of("", List.of("verity-", Map.of("Ref", "AWS::AccountId")))),
                        "UserPoolId", Map.of("Ref", logicalId("AWS::Cognito::UserPool", Map.of()))));
    }

    @Test
    void userPoolClientSignsInWithTheCodeFlowAndReturnsToTheDistribution() {
        Map<String, Object> client = props(resources.get(logicalId("AWS::Cognito::UserPoolClient", Map.of())));
        assertThat(client.get("GenerateSecret")).isEqualTo(false); // a public client: PKCE, no secret
        assertThat(client.get("AllowedOAuthFlowsUserPoolClient")).isEqualTo(true);
        assertThat(client.get("AllowedOAuthFlows")).isEqualTo(List.of("code"));
        assertThat(asList(client.get("AllowedOAuthScopes"))).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(client.get("SupportedIdentityProviders")).isEqualTo(List.of("COGNITO"));
        Map<String, Object> root = webUrl("/");
        assertThat(asList(client.get("CallbackURLs"))).contains(root);
        assertThat(asList(client.get("LogoutURLs"))).containsExactly(root);
    }

    @Test
    void deploymentPublishesTheBuiltUiAndAConfigJsonPointingAtTheApiAndTheUserPoolClient() throws IOException {
        Map<String, Map<String, Object>> deployments = ofType("Custom::CDKBucketDeployment", Map.of());
        assertThat(deployments).hasSize(1);
        Map<String, Object> deployment = props(deployments.values().iterator().next());
        assertThat(deployment.get("DestinationBucketName")).isEqualTo(Map.of("Ref", webBucketId()));
        assertThat(deployment.get("DistributionId")).isEqualTo(Map.of("Ref", distributionId()));
        assertThat(asList(deployment.get("DistributionPaths")))
                .containsExactlyInAnyOrder(
                        "/" + Web.INDEX,
                        "/" + Web.CONFIG,
                        "/" + Web.TASK_FRAME,
                        "/" + Web.CROWD_ELEMENTS,
                        "/" + Web.CROWD_TASK_PAGE);

        Path cdkOut = Synthesized.get().templateFile.getParent();
        List<Object> keys = asList(deployment.get("SourceObjectKeys"));
        List<Object> markers = asList(deployment.get("SourceMarkers"));
        assertThat(keys).hasSize(2);
        Path ui = null;
        Path generated = null;
        Map<String, Object> generatedMarkers = null;
        for (int i = 0; i < keys.size(); i++) {
            Path dir = cdkOut.resolve("asset." + String.valueOf(keys.get(i)).replaceFirst("\\.zip$", ""));
            assertThat(dir).isDirectory();
            if (Files.exists(dir.resolve(Web.INDEX))) {
                ui = dir;
            } else {
                generated = dir;
                generatedMarkers = map(markers.get(i));
            }
        }
        assertThat(ui).as("the web/dist asset").isNotNull();
        assertThat(ui.resolve("assets/index-abc123.js")).exists();
        // The local runtime's config.json in dist is left out, so it cannot overwrite the generated one.
        assertThat(ui.resolve(Web.CONFIG)).doesNotExist();
        assertThat(generated).as("the generated config.json asset").isNotNull();

        // Source.jsonData writes deploy-time values as markers that the custom resource replaces with SourceMarkers
        // (each a JSON string: Fn::Join of "\"", the value, "\""); render them as ${...} placeholders.
        String text = Files.readString(generated.resolve(Web.CONFIG));
        assertThat(generatedMarkers).isNotEmpty();
        for (Map.Entry<String, Object> marker : generatedMarkers.entrySet()) {
            assertThat(text).contains(marker.getKey());
            text = text.replace(marker.getKey(), joined(marker.getValue()));
        }
        Map<String, Object> config = map(new ObjectMapper().readValue(text, Map.class));
        String api = logicalId("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        // The shape web/src/core/config.ts parses; the API endpoint has no trailing slash (the UI appends /jobs...).
        assertThat(config)
                .isEqualTo(Map.of(
                        "apiUrl",
                        "${" + api + ".ApiEndpoint}",
                        "auth",
                        Map.of(
                                "kind", "cognito",
                                "domain",
                                        "https://${" + logicalId("AWS::Cognito::UserPoolDomain", Map.of())
                                                + "}.auth.${AWS::Region}.amazoncognito.com",
                                "clientId", "${" + logicalId("AWS::Cognito::UserPoolClient", Map.of()) + "}",
                                "region", "${AWS::Region}",
                                "userPoolId", "${" + logicalId("AWS::Cognito::UserPool", Map.of()) + "}")));
    }

    /** A string or Fn::Join rendered with ${Ref} and ${Id.Attribute} placeholders. */
    private static String joined(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> fn = map(value);
        if (fn.containsKey("Ref")) {
            return "${" + fn.get("Ref") + "}";
        }
        if (fn.containsKey("Fn::GetAtt")) {
            List<Object> att = asList(fn.get("Fn::GetAtt"));
            return "${" + att.get(0) + "." + att.get(1) + "}";
        }
        List<Object> join = asList(fn.get("Fn::Join"));
        assertThat(join).as("Fn::Join in %s", value).hasSize(2);
        return String.join(
                String.valueOf(join.get(0)),
                asList(join.get(1)).stream().map(VerityStackTest::joined).toList());
    }

    private static String distributionId() {
        return logicalId("AWS::CloudFront::Distribution", Map.of());
    }

    /** The bucket the distribution's only origin points at. */
    private static String webBucketId() {
        Map<String, Object> config = map(props(resources.get(distributionId())).get("DistributionConfig"));
        Map<String, Object> origin = map(asList(config.get("Origins")).get(0));
        return (String) asList(map(origin.get("DomainName")).get("Fn::GetAtt")).get(0);
    }

    /** {@code https://<distribution domain>} as synthesized. */
    private static Map<String, Object> webOrigin() {
        return Map.of(
                "Fn::Join",
                List.of("", List.of("https://", Map.of("Fn::GetAtt", List.of(distributionId(), "DomainName")))));
    }

    private static Map<String, Object> webUrl(String path) {
        return Map.of(
                "Fn::Join",
                List.of("", List.of("https://", Map.of("Fn::GetAtt", List.of(distributionId(), "DomainName")), path)));
    }

    // ---------------------------------------------------------------- IAM

    @Test
    void functionRolesHoldExactlyTheirCatalogGrantsAndNoWildcardsBeyondXRay() {
        Set<String> xray = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            String role = (String)
                    ((List<?>) map(props(resources.get(functionId(spec))).get("Role"))
                                    .get("Fn::GetAtt"))
                            .get(0);
            assertThat(props(resources.get(role))).as(spec.name()).doesNotContainKey("ManagedPolicyArns");
            List<Map<String, Object>> statements = statementsOfRole(role);
            Set<String> actions = new HashSet<>();
            for (Map<String, Object> statement : statements) {
                List<String> statementActions = actions(statement);
                actions.addAll(statementActions);
                assertThat(statement.get("Effect")).isEqualTo("Allow");
                assertThat(statementActions).as(spec.name()).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
                if (asList(statement.get("Resource")).contains("*")) {
                    assertThat(asList(statement.get("Resource")))
                            .as(spec.name())
                            .containsExactly("*");
                    // Mechanical Turk has no resource types, nor has CloudWatch's GetMetricData: their actions can
                    // only be granted on *.
                    assertThat(new HashSet<>(statementActions))
                            .as(spec.name() + ": only X-Ray, Mechanical Turk and GetMetricData may use Resource *")
                            .isIn(
                                    xray,
                                    Set.copyOf(Functions.MECHANICAL_TURK_ACTIONS),
                                    Set.of("cloudwatch:GetMetricData"));
                }
            }
            Set<Access> access = spec.access();
            assertThat(actions.contains("s3:GetObject*"))
                    .as(spec.name() + " read bucket")
                    .isEqualTo(access.contains(Access.BUCKET_READ));
            assertThat(writesAnywhereInTheBucket(statements))
                    .as(spec.name() + " write bucket")
                    .isEqualTo(access.contains(Access.BUCKET_WRITE));
            assertThat(actions).as(spec.name()).doesNotContain("s3:DeleteObject*", "s3:DeleteObject");
            assertThat(actions.contains("dynamodb:Query"))
                    .as(spec.name() + " read table")
                    .isEqualTo(access.contains(Access.TABLE_READ));
            assertThat(actions.contains("dynamodb:PutItem"))
                    .as(spec.name() + " write table")
                    .isEqualTo(access.contains(Access.TABLE_WRITE));
            assertThat(actions.contains("sqs:SendMessage"))
                    .as(spec.name() + " task queues")
                    .isEqualTo(access.contains(Access.TASK_QUEUES));
            assertThat(actions.contains("sns:Subscribe") && !access.contains(Access.TEAM_TOPICS))
                    .as(spec.name() + " input topics")
                    .isEqualTo(access.contains(Access.STREAM_INTAKE_QUEUES));
            assertThat(actions.contains("states:StartExecution"))
                    .as(spec.name() + " start")
                    .isEqualTo(access.contains(Access.START_EXECUTION));
            assertThat(actions.contains("states:SendTaskSuccess"))
                    .as(spec.name() + " task token")
                    .isEqualTo(access.contains(Access.TASK_TOKEN));
            // every invocation stores its counts with its job (the recorded calls cannot show it: the store is
            // made from JsonHandler's frame, after the concrete handler's code returned)
            assertThat(actions).as(spec.name() + " usage meter").contains("dynamodb:UpdateItem");
            assertThat(actions.contains("states:GetExecutionHistory"))
                    .as(spec.name() + " execution history")
                    .isEqualTo(access.contains(Access.EXECUTION_HISTORY));
            assertThat(actions.stream().filter(a -> a.startsWith("events:")))
                    .as(spec.name() + " job events")
                    .containsExactlyElementsOf(
                            access.contains(Access.JOB_EVENTS) ? List.of("events:PutEvents") : List.of());
            assertThat(actions.stream().filter(a -> a.startsWith("mechanicalturk:")))
                    .as(spec.name() + " Mechanical Turk")
                    .containsExactlyInAnyOrderElementsOf(
                            access.contains(Access.CROWD_MARKETPLACE) ? Functions.MECHANICAL_TURK_ACTIONS : List.of());
            assertThat(actions.stream().filter(a -> a.startsWith("cloudwatch:")))
                    .as(spec.name() + " metrics read")
                    .containsExactlyElementsOf(
                            access.contains(Access.METRICS_READ) ? List.of("cloudwatch:GetMetricData") : List.of());
            for (Map<String, Object> statement : statements) {
                if (actions(statement).contains("sqs:CreateQueue")) {
                    assertThat(String.valueOf(statement.get("Resource")))
                            .endsWith(":"
                                    + ("IntakeQueues".equals(statement.get("Sid"))
                                            ? Catalog.INTAKE_QUEUE_PREFIX
                                            : Catalog.TASK_QUEUE_PREFIX)
                                    + "*]]}");
                }
            }
        }
    }

    @Test
    void onlyTheStreamIntakeMakesIntakeQueuesAndSubscribesThemToTheRequestersTopics() {
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            List<Map<String, Object>> intake = statementsOfRole(roleId(spec)).stream()
                    .filter(st -> "IntakeQueues".equals(st.get("Sid")) || "InputTopics".equals(st.get("Sid")))
                    .toList();
            if (!spec.name().equals(Catalog.STREAM_INTAKE)) {
                assertThat(intake).as(spec.name()).isEmpty();
                continue;
            }
            assertThat(intake).hasSize(2).allSatisfy(st -> {
                if (st.get("Sid").equals("IntakeQueues")) {
                    // receives and deletes only: it never sends to the queue, SNS does
                    assertThat(actions(st))
                            .containsExactlyInAnyOrder(
                                    "sqs:CreateQueue",
                                    "sqs:GetQueueUrl",
                                    "sqs:GetQueueAttributes",
                                    "sqs:SetQueueAttributes",
                                    "sqs:ReceiveMessage",
                                    "sqs:DeleteMessage");
                    assertThat(joined(st.get("Resource")))
                            .isEqualTo("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:"
                                    + Catalog.INTAKE_QUEUE_PREFIX + "*");
                } else {
                    assertThat(actions(st)).containsExactlyInAnyOrder("sns:Subscribe", "sns:Unsubscribe");
                    assertThat(joined(st.get("Resource")))
                            .isEqualTo("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*");
                }
            });
        }
    }

    @Test
    void onlyWriteOutputPublishesLabelsToTheRequestersOutputTopicsOfThisAccount() {
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            List<Map<String, Object>> labels = statementsOfRole(roleId(spec)).stream()
                    .filter(st -> "LabelTopics".equals(st.get("Sid")))
                    .toList();
            if (!spec.name().equals(Catalog.WRITE_OUTPUT)) {
                assertThat(labels).as(spec.name()).isEmpty();
                continue;
            }
            assertThat(labels).singleElement().satisfies(st -> {
                assertThat(actions(st)).containsExactly("sns:Publish");
                assertThat(joined(st.get("Resource")))
                        .isEqualTo("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*");
            });
        }
    }

    @Test
    void startJobFromS3MayPutItsRefusalReportsUnderJobsErrorsAndWriteNothingElseToTheBucket() {
        List<Map<String, Object>> statements = statementsOfRole(roleId(Catalog.function(Catalog.START_JOB_FROM_S3)));
        String bucket = logicalId("AWS::S3::Bucket", Map.of("CorsConfiguration", Match.anyValue()));
        List<Map<String, Object>> writes = statements.stream()
                .filter(statement -> actions(statement).stream().anyMatch(VerityStackTest::isS3Write))
                .toList();
        assertThat(writes).singleElement().satisfies(statement -> {
            assertThat(actions(statement)).containsExactly("s3:PutObject");
            assertThat(asList(statement.get("Resource")).stream()
                            .map(VerityStackTest::joined)
                            .toList())
                    .containsExactly("${" + bucket + ".Arn}/" + Catalog.JOB_REQUEST_ERRORS_PREFIX + "*");
        });
        assertThat(Catalog.JOB_REQUEST_ERRORS_PREFIX).isEqualTo("jobs/errors/");
    }

    @Test
    void requestersLambdasMayBeInvokedOnlyUnderTheCustomLambdaPrefixWhichCoversNoVerityFunction() {
        String prefix = Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX;
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            List<Object> invoked = new ArrayList<>();
            for (Map<String, Object> statement : statementsOfRole(roleId(spec))) {
                if (actions(statement).stream().anyMatch(a -> a.startsWith("lambda:"))) {
                    assertThat(actions(statement)).as(spec.name()).containsExactly("lambda:InvokeFunction");
                    invoked.addAll(asList(statement.get("Resource")));
                }
            }
            if (spec.access().contains(Access.USER_FUNCTIONS)) {
                assertThat(invoked.stream().map(VerityStackTest::joined).toList())
                        .as(spec.name())
                        .containsExactly("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:"
                                + prefix + "*");
            } else {
                assertThat(invoked).as(spec.name()).isEmpty();
            }
        }
        for (Map<String, Object> function :
                ofType("AWS::Lambda::Function", Map.of()).values()) {
            Object name = props(function).get("FunctionName");
            if (name != null) {
                assertThat(String.valueOf(name)).doesNotStartWith(prefix);
            }
        }
    }

    // ---------------------------------------------------------------- workforce and notices

    @Test
    void theJobEventsTopicIsEncryptedWithTheSnsKeyAndRefusesRequestsWithoutTls() {
        String topic = logicalId("AWS::SNS::Topic", Map.of("TopicName", Catalog.JOB_EVENTS_TOPIC));
        assertThat(joined(props(resources.get(topic)).get("KmsMasterKeyId"))).endsWith(":alias/aws/sns");
        template.hasResourceProperties(
                "AWS::SNS::TopicPolicy",
                Match.objectLike(Map.of(
                        "Topics",
                        List.of(Map.of("Ref", topic)),
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void onlyTheRequesterApiAndTheSageMakerEndpointManageTheUserPoolsUsersAndTheTeamTopics() {
        String userPool = logicalId("AWS::Cognito::UserPool", Map.of());
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            List<Map<String, Object>> statements = statementsOfRole(roleId(spec));
            var directory = statements.stream()
                    .filter(st -> "WorkforceDirectory".equals(st.get("Sid")))
                    .toList();
            var topics = statements.stream()
                    .filter(st -> "TeamTopics".equals(st.get("Sid")))
                    .toList();
            if (spec.name().equals(Catalog.SAGEMAKER_API)) {
                // work teams, but not their members
                assertThat(directory).as(spec.name()).isEmpty();
                assertThat(topics).as(spec.name()).singleElement();
            } else if (spec.name().equals(Catalog.REQUESTER_API)) {
                assertThat(directory).singleElement().satisfies(st -> {
                    assertThat(actions(st))
                            .allMatch(a -> a.startsWith("cognito-idp:"))
                            .contains("cognito-idp:AdminCreateUser", "cognito-idp:AdminDisableUser");
                    assertThat(st.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of(userPool, "Arn")));
                });
                assertThat(topics)
                        .singleElement()
                        .satisfies(st -> assertThat(joined(st.get("Resource")))
                                .endsWith(":sns:${AWS::Region}:${AWS::AccountId}:verity-team-*"));
            } else {
                assertThat(directory).as(spec.name()).isEmpty();
                assertThat(topics).as(spec.name()).isEmpty();
            }
        }
    }

    @Test
    void theStepsThatStartAndEndJobsMayPublishToTheTeamTopicsAndTheJobEventsTopicOnly() {
        String jobEvents = logicalId("AWS::SNS::Topic", Map.of("TopicName", Catalog.JOB_EVENTS_TOPIC));
        Set<String> publishers = new HashSet<>();
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            for (Map<String, Object> st : statementsOfRole(roleId(spec))) {
                if (actions(st).contains("sns:Publish") && !"LabelTopics".equals(st.get("Sid"))) {
                    publishers.add(spec.name());
                    assertThat(asList(st.get("Resource")).stream().map(VerityStackTest::joined))
                            .containsExactlyInAnyOrder(
                                    "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:verity-team-*",
                                    "${" + jobEvents + "}");
                }
            }
        }
        assertThat(publishers)
                .containsExactlyInAnyOrder(
                        Catalog.DISPATCH_TASKS, Catalog.WRITE_OUTPUT, Catalog.MARK_FAILED, Catalog.REMIND_EXPIRING);
    }

    @Test
    void everyScheduledFunctionsAliasIsInvokedByARuleAtItsRate() {
        for (ScheduleSpec spec : Catalog.SCHEDULES) {
            FunctionSpec function = Catalog.FUNCTIONS.stream()
                    .filter(f -> f.name().equals(spec.function()))
                    .findFirst()
                    .orElseThrow();
            template.hasResourceProperties(
                    "AWS::Events::Rule",
                    Match.objectLike(Map.of(
                            "ScheduleExpression",
                            Schedule.rate(software.amazon.awscdk.Duration.minutes(
                                            spec.rate().toMinutes()))
                                    .getExpressionString(),
                            "Targets",
                            List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId(function))))))));
            template.hasResourceProperties(
                    "AWS::Lambda::Permission",
                    Match.objectLike(Map.of(
                            "Action", "lambda:InvokeFunction",
                            "Principal", "events.amazonaws.com",
                            "FunctionName", Map.of("Ref", aliasId(function)))));
        }
    }

    @Test
    void invitationMailsCarryTheUserNameTheTemporaryPasswordAndThePortalLink() {
        String userPool = logicalId("AWS::Cognito::UserPool", Map.of());
        Map<String, Object> template = map(
                map(props(resources.get(userPool)).get("AdminCreateUserConfig")).get("InviteMessageTemplate"));
        assertThat(joined(template.get("EmailMessage")))
                .contains("{username}", "{####}")
                .contains("https://${" + distributionId() + ".DomainName}/#/work");
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isS3Write(String action) {
        return action.startsWith("s3:Put")
                || action.startsWith("s3:Abort")
                || action.startsWith("s3:Delete")
                || action.equals("s3:*");
    }

    /** True if a statement lets the role put objects under any key of a bucket ({@code <bucket ARN>/*}). */
    private static boolean writesAnywhereInTheBucket(List<Map<String, Object>> statements) {
        return statements.stream()
                .anyMatch(statement -> actions(statement).contains("s3:PutObject")
                        && asList(statement.get("Resource")).stream()
                                .map(VerityStackTest::joined)
                                .anyMatch(resource -> resource.endsWith(".Arn}/*")));
    }

    private static String roleId(FunctionSpec spec) {
        return (String) ((List<?>)
                        map(props(resources.get(functionId(spec))).get("Role")).get("Fn::GetAtt"))
                .get(0);
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<Map<String, Object>> statementsOfRole(String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : ofType("AWS::IAM::Policy", Map.of()).values()) {
            Map<String, Object> props = props(policy);
            if (asList(props.get("Roles")).contains(Map.of("Ref", roleId))) {
                for (Object statement : asList(map(props.get("PolicyDocument")).get("Statement"))) {
                    statements.add(map(statement));
                }
            }
        }
        return statements;
    }

    private static List<String> actions(Map<String, Object> statement) {
        return asList(statement.get("Action")).stream().map(String::valueOf).toList();
    }

    private static Map<String, Map<String, Object>> ofType(String type, Map<String, Object> properties) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> found = (Map<String, Map<String, Object>>)
                (Map<?, ?>) template.findResources(type, Map.of("Properties", Match.objectLike(properties)));
        if (properties.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> all =
                    (Map<String, Map<String, Object>>) (Map<?, ?>) template.findResources(type);
            return all;
        }
        return found;
    }

    private static String logicalId(String type, Map<String, Object> properties) {
        Map<String, Map<String, Object>> found = ofType(type, properties);
        assertThat(found).as(type + " " + properties).hasSize(1);
        return found.keySet().iterator().next();
    }

    private static String functionId(FunctionSpec spec) {
        return logicalId("AWS::Lambda::Function", Map.of("FunctionName", "verity-" + spec.name()));
    }

    private static String aliasId(FunctionSpec spec) {
        return logicalId("AWS::Lambda::Alias", Map.of("FunctionName", Map.of("Ref", functionId(spec))));
    }

    private static String queueId(QueueSpec spec) {
        return logicalId("AWS::SQS::Queue", Map.of("QueueName", spec.name()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> props(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private static List<Object> asList(Object value) {
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        return value == null ? List.of() : List.of(value);
    }
}
