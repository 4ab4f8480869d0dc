package dev.verity.monitor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link JobMetrics} as CloudWatch embedded metric format (Powertools for AWS Lambda's Metrics): at each flush one JSON
 * line on standard output per job and team, with the dimensions {@value #JOB_DIMENSION} and
 * {@value #TEAM_DIMENSION} in namespace {@value #NAMESPACE}. In Lambda, CloudWatch Logs turns the lines into metrics;
 * no PutMetricData call is made. Counts added in one invocation are summed into one value; each
 * {@link JobMetric#TimeSpent} stays a value of its own, so its average is per task.
 *
 * <p>The lines are written as in Lambda wherever the function runs (the local runtime, tests): the EMF library's
 * environment detection would otherwise probe for EC2 or a CloudWatch agent.
 */
public final class EmfJobMetrics implements JobMetrics {

    public static final String NAMESPACE = "Verity";
    public static final String JOB_DIMENSION = "LabelingJobName";
    public static final String TEAM_DIMENSION = "Workteam";

    private record Key(String job, String team) {}

    private final Map<Key, Map<JobMetric, List<Double>>> pending = new LinkedHashMap<>();

    @Override
    public synchronized void add(JobMetric metric, String labelingJobName, String workteam, double value) {
        List<Double> values = pending.computeIfAbsent(
                        new Key(labelingJobName, workteam), k -> new EnumMap<>(JobMetric.class))
                .computeIfAbsent(metric, m -> new ArrayList<>());
        if (metric.inSeconds() || values.isEmpty()) {
            values.add(value);
        } else {
            values.set(0, values.get(0) + value);
        }
    }

    @Override
    public void flush() {
        Map<Key, Map<JobMetric, List<Double>>> taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            taken = new LinkedHashMap<>(pending);
            pending.clear();
        }
        taken.forEach((key, values) -> {
            Metrics metrics = new EmfMetricsLogger(new InLambda(), new MetricsContext());
            metrics.setNamespace(NAMESPACE);
            // the default dimensions replace the EMF library's own (LogGroup, ServiceName, ServiceType)
            metrics.setDefaultDimensions(DimensionSet.of(JOB_DIMENSION, key.job(), TEAM_DIMENSION, key.team()));
            // and with no dimension: the totals over every job and team, which the stack's alarms watch
            metrics.addDimension(new DimensionSet());
            values.forEach((metric, list) -> list.forEach(value -> metrics.addMetric(
                    metric.name(), value, metric.inSeconds() ? MetricUnit.SECONDS : MetricUnit.COUNT)));
            metrics.flush();
        });
    }

    /** The Lambda environment, whose sink is standard output, without probing for another. */
    private static final class InLambda extends EnvironmentProvider {
        private static final LambdaEnvironment LAMBDA = new LambdaEnvironment();

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(LAMBDA);
        }

        @Override
        public Environment getDefaultEnvironment() {
            return LAMBDA;
        }
    }
}
