package dev.verity.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 13's benchmarks in one command, each in a JVM of its own with the options it is documented with, one after
 * the other (they share two cores): the cost of a job per task type, local throughput, ingestion of a million-line
 * manifest, the functions' cold starts and a large job (10,000 objects) through every step. Each writes its own
 * section of {@code docs/benchmarks.md}; arguments are passed to every one (e.g. {@code --out -} to print only).
 *
 * <pre>
 * mvn -B -ntp -q install -DskipTests
 * java -cp bench/target/verity-bench-*.jar dev.verity.bench.PerformanceBenchmarks
 * </pre>
 */
public final class PerformanceBenchmarks {

    /** A benchmark, the JVM options it runs with, and its arguments after the command line's (the first wins). */
    private record Run(Class<?> benchmark, List<String> jvmOptions, List<String> arguments) {}

    private static final List<Run> RUNS = List.of(
            new Run(CostBenchmark.class, List.of(), List.of()),
            new Run(ThroughputBenchmark.class, List.of(), List.of()),
            new Run(IngestionBenchmark.class, List.of("-Xmx256m"), List.of()),
            new Run(ColdStartBenchmark.class, List.of(), List.of()),
            // 100,000 objects take over an hour of labeling on two cores; ScaleBenchmark alone runs them
            new Run(ScaleBenchmark.class, List.of("-Xmx2g"), List.of("--objects", "10000")));

    private PerformanceBenchmarks() {}

    public static void main(String[] args) throws Exception {
        String classpath = System.getProperty("java.class.path");
        List<String> failed = new ArrayList<>();
        for (Run run : RUNS) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(run.jvmOptions());
            command.addAll(List.of("-cp", classpath, run.benchmark().getName()));
            command.addAll(List.of(args));
            command.addAll(run.arguments());
            System.out.println("$ " + String.join(" ", command));
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                failed.add(run.benchmark().getSimpleName() + " (exit " + exit + ")");
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("failed: " + String.join(", ", failed));
            System.exit(1);
        }
    }
}
