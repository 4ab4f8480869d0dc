package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.catalog.QueueSpec;
import dev.verity.monitor.EmfJobMetrics;
import dev.verity.monitor.JobMetric;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alarms (any message in a dead-letter queue, a failed or timed-out job execution, a failed job, any function error),
 * an optional SNS topic that e-mails them, and one dashboard: the infrastructure's metrics and the job and task metrics
 * the functions publish as embedded metric format ({@link EmfJobMetrics}: namespace {@value EmfJobMetrics#NAMESPACE},
 * per job and team, and totals without dimensions).
 */
public class Monitoring extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);

    private final List<IAlarm> alarms = new ArrayList<>();
    private final Topic topic;
    private final Dashboard dashboard;

    public Monitoring(
            Construct scope,
            String id,
            VerityConfig config,
            Queues queues,
            StateMachine stateMachine,
            Functions functions,
            HttpApi api) {
        super(scope, id);

        if (config.alarmEmail() != null) {
            topic = Topic.Builder.create(this, "AlarmTopic")
                    .displayName("Verity alarms" + (config.stage() == null ? "" : " (" + config.stage() + ")"))
                    .enforceSsl(true)
                    .build();
            topic.addSubscription(new EmailSubscription(config.alarmEmail()));
            NagSuppressions.addResourceSuppressions(
                    topic,
                    List.of(NagPackSuppression.builder()
                            .id("AwsSolutions-SNS2")
                            .reason(
                                    "CloudWatch alarm actions cannot publish to a topic encrypted with the AWS managed SNS key, "
                                            + "and the messages are alarm state changes with no customer data, so a customer managed "
                                            + "KMS key would add cost without protecting anything.")
                            .build()));
        } else {
            topic = null;
        }

        for (Map.Entry<QueueSpec, Queue> dlq : queues.deadLetterQueues().entrySet()) {
            alarm(
                    Names.pascal(dlq.getKey().name()) + "NotEmpty",
                    dlq.getValue().metricApproximateNumberOfMessagesVisible(options("Maximum")),
                    ComparisonOperator.GREATER_THAN_THRESHOLD,
                    0,
                    "Messages in dead-letter queue " + dlq.getKey().name()
                            + ": they failed repeatedly; inspect and redrive.");
        }
        alarm(
                "ExecutionsFailed",
                stateMachine.metricFailed(options("Sum")),
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                1,
                "A labeling job execution failed (the job is marked Failed with the error).");
        alarm(
                "ExecutionsTimedOut",
                stateMachine.metricTimedOut(options("Sum")),
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                1,
                "A labeling job execution timed out.");
        alarm(
                "JobsFailed",
                jobMetric(JobMetric.JobsFailed, "Sum", null),
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                1,
                "A labeling job failed (its FailureReason says why; DescribeLabelingJob or the job page shows it).");
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            alarm(
                    Names.pascal(spec.name()) + "Errors",
                    functions.function(spec.name()).metricErrors(options("Sum")),
                    ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    1,
                    "Function " + spec.name() + " raised errors (" + spec.description() + ").");
        }

        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(config.physicalName("verity"))
                .build();
        dashboard.addWidgets(
                graph(
                        "Job executions",
                        List.of(
                                stateMachine.metricStarted(options("Sum")),
                                stateMachine.metricSucceeded(options("Sum")),
                                stateMachine.metricFailed(options("Sum")),
                                stateMachine.metricTimedOut(options("Sum")),
                                stateMachine.metricAborted(options("Sum")))),
                graph(
                        "Function errors",
                        perFunction(
                                spec -> functions.function(spec.name()).metricErrors(labelled("Sum", spec.name())))));
        dashboard.addWidgets(
                graph(
                        "Function duration (p99)",
                        perFunction(
                                spec -> functions.function(spec.name()).metricDuration(labelled("p99", spec.name())))),
                graph(
                        "Queue depth (visible messages)",
                        Catalog.QUEUES.stream()
                                .map(spec -> (IMetric) queues.get(spec)
                                        .metricApproximateNumberOfMessagesVisible(labelled("Maximum", spec.name())))
                                .toList()));
        dashboard.addWidgets(
                graph(
                        "API requests and errors",
                        List.of(
                                api.metricCount(labelled("Sum", "requests")),
                                api.metricClientError(labelled("Sum", "4xx")),
                                api.metricServerError(labelled("Sum", "5xx")))),
                AlarmStatusWidget.Builder.create()
                        .title("Alarms")
                        .alarms(alarms)
                        .width(12)
                        .build());
        dashboard.addWidgets(
                graph(
                        "Tasks (all jobs)",
                        List.of(
                                jobMetric(JobMetric.TasksAccepted, "Sum", "accepted"),
                                jobMetric(JobMetric.TasksSubmitted, "Sum", "submitted"),
                                jobMetric(JobMetric.TasksReturned, "Sum", "returned"),
                                jobMetric(JobMetric.TasksDeclined, "Sum", "declined"),
                                jobMetric(JobMetric.TasksExpired, "Sum", "expired"))),
                graph(
                        "Time per task (seconds)",
                        List.of(
                                jobMetric(JobMetric.TimeSpent, "Average", "average"),
                                jobMetric(JobMetric.TimeSpent, "p90", "p90"))));
        dashboard.addWidgets(
                graph(
                        "Jobs ended",
                        List.of(
                                jobMetric(JobMetric.JobsSucceeded, "Sum", "succeeded"),
                                jobMetric(JobMetric.JobsFailed, "Sum", "failed"),
                                jobMetric(JobMetric.JobsStopped, "Sum", "stopped"))),
                graph(
                        "Objects labeled at the jobs' end",
                        List.of(
                                jobMetric(JobMetric.DatasetObjectsHumanAnnotated, "Sum", "by humans"),
                                jobMetric(JobMetric.DatasetObjectsAutoAnnotated, "Sum", "by a model"))));
        dashboard.addWidgets(
                graph("Tasks submitted per job and team", List.of(perJobAndTeam(JobMetric.TasksSubmitted, "Sum"))),
                graph(
                        "Time per task per job and team (average seconds)",
                        List.of(perJobAndTeam(JobMetric.TimeSpent, "Average"))));
    }

    /** A job metric's total over every job and team (the dimensionless series the functions publish). */
    private static Metric jobMetric(JobMetric metric, String statistic, String label) {
        Metric.Builder builder = Metric.Builder.create()
                .namespace(EmfJobMetrics.NAMESPACE)
                .metricName(metric.name())
                .statistic(statistic)
                .period(PERIOD);
        if (label != null) {
            builder.label(label);
        }
        return builder.build();
    }

    /** One line per job and team: a search over the metric's series with both dimensions. */
    private static MathExpression perJobAndTeam(JobMetric metric, String statistic) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + EmfJobMetrics.NAMESPACE + "," + EmfJobMetrics.JOB_DIMENSION + ","
                        + EmfJobMetrics.TEAM_DIMENSION + "} MetricName=\"" + metric.name() + "\"', '" + statistic
                        + "', " + PERIOD.toSeconds() + ")")
                .usingMetrics(Map.of())
                .label("")
                .period(PERIOD)
                .build();
    }

    private void alarm(String id, Metric metric, ComparisonOperator operator, double threshold, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .comparisonOperator(operator)
                .threshold(threshold)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        if (topic != null) {
            alarm.addAlarmAction(new SnsAction(topic));
        }
        alarms.add(alarm);
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    private static MetricOptions labelled(String statistic, String label) {
        return MetricOptions.builder()
                .statistic(statistic)
                .period(PERIOD)
                .label(label)
                .build();
    }

    private static List<IMetric> perFunction(Function<FunctionSpec, Metric> metric) {
        return Catalog.FUNCTIONS.stream()
                .map(spec -> (IMetric) metric.apply(spec))
                .toList();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(metrics)
                .width(12)
                .height(6)
                .build();
    }

    public List<IAlarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The alarm topic, or null when no alarm e-mail was configured. */
    public Topic topic() {
        return topic;
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
