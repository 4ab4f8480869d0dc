package dev.verity.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;
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
    private final InLambda environment;

    /** Lines to standard output, as in Lambda. */
    public EmfJobMetrics() {
        this(null);
    }

    /** @param file where the lines go instead of standard output; null: standard output */
    public EmfJobMetrics(Path file) {
        this.environment = new InLambda(file);
    }

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
            Metrics metrics = new EmfMetricsLogger(environment, new MetricsContext());
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

    /** The Lambda environment without probing for another; its sink standard output, or the given file. */
    private static final class InLambda extends EnvironmentProvider {
        private final LambdaEnvironment lambda;

        InLambda(Path file) {
            lambda = file == null
                    ? new LambdaEnvironment()
                    : new LambdaEnvironment() {
                        @Override
                        public ISink getSink() {
                            return new FileSink(file);
                        }
                    };
        }

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(lambda);
        }

        @Override
        public Environment getDefaultEnvironment() {
            return lambda;
        }
    }

    /** Appends each EMF line to a file; a line that cannot be written is dropped, as a metric must not fail a call. */
    private record FileSink(Path file) implements ISink {

        @Override
        public void accept(MetricsContext context) {
            try {
                StringBuilder lines = new StringBuilder();
                for (String line : context.serialize()) {
                    lines.append(line).append('\n');
                }
                synchronized (FileSink.class) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.writeString(
                            file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                LoggerFactory.getLogger(EmfJobMetrics.class).warn("could not write metrics to {}", file, e);
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
