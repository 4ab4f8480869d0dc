package dev.verity.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Local throughput: {@code verity demo} (image classification, 3 workers per object from 5 simulated workers who
 * answer at once) run by a runtime jar in a fresh JVM, {@code --runs} times; with {@code --baseline} an older
 * runtime jar runs the same demo, interleaved, so before and after share the machine's load. Labeling time is read
 * from the job's own worker-response files (first acceptance to last submission); the AWS calls the handlers make are
 * counted by {@link CallCounter}, put on the runtime's classpath. Writes the {@value #SECTION} section of
 * {@code docs/benchmarks.md} ({@link ThroughputReport}).
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -cp bench/target/verity-bench-*.jar dev.verity.bench.ThroughputBenchmark
 * </pre>
 *
 * <p>Options: {@code --runtime <jar>} (default: the local module's runtime jar), {@code --baseline <jar>},
 * {@code --objects <n>} (default {@value #OBJECTS}), {@code --runs <n>} (default {@value #RUNS}),
 * {@code --out <file>} ({@code -} prints only).
 */
public final class ThroughputBenchmark {

    static final String COMMAND = "java -cp bench/target/verity-bench-*.jar dev.verity.bench.ThroughputBenchmark";
    static final String SECTION = "throughput";
    static final int OBJECTS = 300;
    static final int RUNS = 3;
    static final int WORKERS_PER_OBJECT = 3;
    private static final long DEMO_TIMEOUT_MINUTES = 20;

    private ThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = ConsolidationBenchmark.findUp(Path.of("").toAbsolutePath(), Path.of("bench/pom.xml"))
                .getParent()
                .getParent();
        Path runtime = ConsolidationBenchmark.option(args, "--runtime")
                .map(Path::of)
                .orElseGet(() -> runtimeJar(root.resolve("local/target")));
        Path baseline =
                ConsolidationBenchmark.option(args, "--baseline").map(Path::of).orElse(null);
        int objects = Integer.parseInt(
                ConsolidationBenchmark.option(args, "--objects").orElse(Integer.toString(OBJECTS)));
        int runs =
                Integer.parseInt(ConsolidationBenchmark.option(args, "--runs").orElse(Integer.toString(RUNS)));
        String out = ConsolidationBenchmark.option(args, "--out").orElse(null);

        Path work = Files.createTempDirectory("verity-throughput");
        Path counter = extractCounter(work.resolve("counter"));
        ThroughputReport report = new ThroughputReport(runtime, baseline, objects);
        for (int run = 1; run <= runs; run++) {
            if (baseline != null) {
                report.add(true, demo(baseline, counter, work.resolve("before-" + run), objects));
            }
            report.add(false, demo(runtime, counter, work.resolve("after-" + run), objects));
        }
        MarkdownSections.publish(out, SECTION, report.markdown(COMMAND, runs));
    }

    /** One run's figures. */
    record Run(double labelingSeconds, int answers, double cpuSeconds, Map<String, Long> calls) {}

    private static Run demo(Path jar, Path counter, Path stateDir, int objects)
            throws IOException, InterruptedException {
        Path calls = stateDir.resolveSibling(stateDir.getFileName() + "-calls.txt");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-D" + CallCounter.FILE_PROPERTY + "=" + calls,
                "-cp",
                jar + java.io.File.pathSeparator + counter,
                "dev.verity.local.VerityCli",
                "demo",
                "--objects",
                Integer.toString(objects),
                "--workers-per-object",
                Integer.toString(WORKERS_PER_OBJECT),
                "--state-dir",
                stateDir.toString(),
                "--port",
                Integer.toString(freePort()));
        System.out.println("$ " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(DEMO_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the demo did not end in " + DEMO_TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0 || !output.contains(": Completed")) {
            throw new IllegalStateException("the demo failed (exit " + process.exitValue() + "):\n" + output);
        }
        LabelingWindow window = LabelingWindow.of(stateDir);
        Map<String, Long> counted = new LinkedHashMap<>();
        double cpu = 0;
        for (String line : Files.readAllLines(calls, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            long value = Long.parseLong(line.substring(space + 1));
            if (line.startsWith(CallCounter.CPU_LINE + " ")) {
                cpu = value / 1e9;
            } else {
                counted.put(line.substring(0, space), value);
            }
        }
        Run run = new Run(window.seconds(), objects * WORKERS_PER_OBJECT, cpu, counted);
        System.out.printf(
                "%s: %.1f s of labeling, %.1f objects/s, %d calls%n",
                jar.getFileName(),
                run.labelingSeconds(),
                objects / run.labelingSeconds(),
                counted.values().stream().mapToLong(Long::longValue).sum());
        return run;
    }

    /** First acceptance to last submission, over the demo job's worker-response files in the runtime's state. */
    record LabelingWindow(double seconds) {
        static LabelingWindow of(Path stateDir) throws IOException {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<Path> files;
            try (Stream<Path> walk = Files.walk(stateDir.resolve("data"))) {
                files = walk.filter(p -> p.toString().contains("/annotations/worker-response/")
                                && p.toString().endsWith(".json"))
                        .toList();
            }
            // a file per object (per answer in runtimes before 2026-12-07): every answer in each
            for (Path file : files) {
                for (var answer :
                        dev.verity.json.Json.parse(Files.readString(file)).path("answers")) {
                    first = Math.min(
                            first, instant(answer.path("acceptanceTime").asText()));
                    last = Math.max(last, instant(answer.path("submissionTime").asText()));
                }
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("no worker-response file under " + stateDir);
            }
            return new LabelingWindow((last - first) / 1e9);
        }

        private static long instant(String text) {
            java.time.Instant at = java.time.Instant.parse(text);
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path runtimeJar(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runtime.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runtime jar in " + target + ": build local"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + target, e);
        }
    }

    /**
     * The counter alone in a directory, registered as an SDK global interceptor: with the bench jar on the runtime's
     * classpath, its copies of the SDK and the rest would stand in for the runtime's own.
     */
    private static Path extractCounter(Path directory) throws IOException {
        String resource = CallCounter.class.getName().replace('.', '/') + ".class";
        Path target = directory.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = ThroughputBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the classpath");
            }
            Files.copy(in, target);
        }
        Path registration = directory.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(registration.getParent());
        Files.writeString(registration, CallCounter.class.getName() + "\n");
        return directory;
    }
}
