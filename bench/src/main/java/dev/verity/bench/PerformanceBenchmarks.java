package dev.verity.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 13's benchmarks in one command, each in a JVM of its own with the options it is documented with, one after
 * the other (they share two cores): the cost of a job per task type, local throughput, ingestion of a million-line
 * manifest, the functions' cold starts and a large job through every step. Each writes its own section of
 * {@code docs/benchmarks.md}; arguments are passed to every one (e.g. {@code --out -} to print only).
 *
 * <pre>
 * mvn -B -ntp -q install -DskipTests
 * java -cp bench/target/verity-bench-*.jar dev.verity.bench.PerformanceBenchmarks
 * </pre>
 */
public final class PerformanceBenchmarks {

    /** A benchmark and the JVM options it runs with. */
    private record Run(Class<?> benchmark, List<String> jvmOptions) {}

    private static final List<Run> RUNS = List.of(
            new Run(CostBenchmark.class, List.of()),
            new Run(ThroughputBenchmark.class, List.of()),
            new Run(IngestionBenchmark.class, List.of("-Xmx256m")),
            new Run(ColdStartBenchmark.class, List.of()),
            new Run(ScaleBenchmark.class, List.of("-Xmx2g")));

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
