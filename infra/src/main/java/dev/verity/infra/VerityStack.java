package dev.verity.infra;

import dev.verity.catalog.Catalog;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Verity in one stack, built from {@link Catalog}: data store, queues, functions, job intake, workflow, web UI,
 * identity, HTTP API and monitoring.
 */
public class VerityStack extends Stack {

    /** Context flag: publish public-crowd jobs to Mechanical Turk's sandbox (no money moves) instead of production. */
    public static final String CONTEXT_MTURK_SANDBOX = "mturkSandbox";

    private final VerityConfig config;
    private final DataStore dataStore;
    private final Queues queues;
    private final Functions functions;
    private final Workflow workflow;
    private final Identity identity;
    private final Notifications notifications;
    private final Api api;
    private final Monitoring monitoring;
    private final Web web;

    /** @param webDist the built web UI ({@code web/dist}: {@code index.html} and its assets) */
    public VerityStack(Construct scope, String id, StackProps props, VerityConfig config, Path webDist) {
        super(scope, id, props);
        this.config = config;
        String stateMachineName = config.physicalName(Catalog.STATE_MACHINE.name());

        dataStore = new DataStore(this, "DataStore", config);
        queues = new Queues(this, "Queues", config);
        // The distribution comes first: the user pool client's callback and the CORS rules of the API and the
        // data bucket name its origin, while it references none of them (no dependency cycle).
        web = new Web(this, "Web", config, dataStore.accessLogs());
        List<String> browserOrigins = config.allowedOrigins(web.url());
        dataStore.allowBrowserAccess(browserOrigins);
        identity = new Identity(this, "Identity", config, web.url());
        notifications = new Notifications(this, "Notifications", config);
        functions = new Functions(
                this,
                "Functions",
                config,
                dataStore.bucket(),
                dataStore.table(),
                stateMachineName,
                new Functions.Workforce(identity.userPool(), notifications, web.url()));
        // -c mturkSandbox=true publishes public-crowd HITs to Mechanical Turk's sandbox.
        if ("true".equals(String.valueOf(getNode().tryGetContext(CONTEXT_MTURK_SANDBOX)))) {
            functions.addEnvironment(Catalog.ENV_MTURK_SANDBOX, "true");
        }
        new JobIntake(
                this,
                "JobIntake",
                dataStore.bucket(),
                queues.get(Catalog.JOB_REQUESTS),
                functions.alias(Catalog.START_JOB_FROM_S3));
        workflow = new Workflow(this, "Workflow", stateMachineName, functions);
        new Schedules(this, "Schedules", config, functions);
        api = new Api(this, "Api", config, functions, identity, browserOrigins);
        monitoring =
                new Monitoring(this, "Monitoring", config, queues, workflow.stateMachine(), functions, api.httpApi());
        web.publish(webDist, api, identity);

        output(
                "BucketName",
                dataStore.bucket().getBucketName(),
                "Data bucket: job requests go to " + Catalog.JOB_REQUEST_PREFIX + "<name>"
                        + Catalog.JOB_REQUEST_SUFFIX);
        output("TableName", dataStore.table().getTableName(), "DynamoDB table");
        output("ApiUrl", api.url(), "HTTP API base URL");
        output(
                "UserPoolId",
                identity.userPool().getUserPoolId(),
                "Cognito user pool (groups: " + Identity.REQUESTERS + ", " + Identity.WORKERS + ")");
        output(
                "UserPoolClientId",
                identity.client().getUserPoolClientId(),
                "Cognito app client for the web UI and CLI");
        output(
                "WebUrl",
                web.url() + "/",
                "Web UI: worker portal and requester console (sign in with a user of the pool)");
        if (identity.oidcProvider() != null) {
            output(
                    "OidcRedirectUri",
                    identity.domain().baseUrl() + "/oauth2/idpresponse",
                    "Redirect URI to register with the OIDC identity provider ("
                            + config.oidc().name() + " on the sign-in page)");
        }
        output("StateMachineArn", workflow.stateMachine().getStateMachineArn(), "Labeling job state machine");
        output("DashboardName", monitoring.dashboard().getDashboardName(), "CloudWatch dashboard");
        output(
                "JobEventsTopicArn",
                notifications.jobEvents().getTopicArn(),
                "SNS topic of the job-completed/failed/stopped notices: subscribe your address to it");
        if (monitoring.topic() != null) {
            output("AlarmTopicArn", monitoring.topic().getTopicArn(), "SNS topic of the alarms");
        }
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public VerityConfig config() {
        return config;
    }

    public DataStore dataStore() {
        return dataStore;
    }

    public Queues queues() {
        return queues;
    }

    public Functions functions() {
        return functions;
    }

    public Workflow workflow() {
        return workflow;
    }

    public Identity identity() {
        return identity;
    }

    public Notifications notifications() {
        return notifications;
    }

    public Api api() {
        return api;
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    public Web web() {
        return web;
    }
}
