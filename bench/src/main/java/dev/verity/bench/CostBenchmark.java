package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.local.ApiClient;
import dev.verity.local.Demo;
import dev.verity.local.VerityRuntime;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a job costs in AWS, per task type: for each, a job of {@code --objects} objects (default 100) with 3
 * simulated workers per object, run to its end through a local runtime in this JVM (the demos' data, workers and
 * answers), then its {@code GET /jobs/{name}/cost} read and written as cost per 1,000 objects, beside Ground Truth's
 * per-object price; and the requests each answer took, by service and operation.
 */
public final class CostBenchmark {

    static final String SECTION = "cost";
    private static final String COMMAND = "java -cp bench/target/verity-bench-*.jar dev.verity.bench.CostBenchmark";
    private static final int OBJECTS = 100;
    private static final int WORKERS_PER_OBJECT = 3;
    private static final int WORKERS = 5;
    private static final double ACCURACY = 0.9;
    static final List<String> TASK_TYPES = List.of(
            "image-classification",
            "text-classification",
            "image-multilabel",
            "bounding-box",
            "semantic-segmentation",
            "named-entity-recognition");
    /** Each invocation stores its counts when it returns: the last step's arrive just after the job completes. */
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private CostBenchmark() {}

    public static void main(String[] args) throws Exception {
        int objects = ConsolidationBenchmark.option(args, "--objects")
                .map(Integer::parseInt)
                .orElse(OBJECTS);
        List<String> taskTypes = ConsolidationBenchmark.option(args, "--task-types")
                .map(t -> Arrays.asList(t.split(",")))
                .orElse(TASK_TYPES);
        String out = ConsolidationBenchmark.option(args, "--out").orElse(null);
        Path state = Files.createTempDirectory("verity-cost-bench-");
        List<CostReport.Run> runs = new ArrayList<>();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (VerityRuntime runtime = VerityRuntime.start(new VerityRuntime.Options(state, 0))) {
            ApiClient requester = runtime.api(runtime.token("cost-requester", Set.of("requesters")));
            // the first job in a fresh JVM pays for class loading and the JIT: an unreported one goes first
            System.out.println("warm-up: an unreported image-classification job of 30 objects");
            new Demo(
                            runtime,
                            new Demo.Options(TASK_TYPES.get(0), 30, WORKERS, WORKERS_PER_OBJECT, ACCURACY, 3),
                            new PrintStream(OutputStream.nullOutputStream()))
                    .execute();
            for (String taskType : taskTypes) {
                System.out.printf(Locale.ROOT, "%s: %d objects, %d workers per object%n", taskType, objects, 3);
                Demo.Report report = new Demo(
                                runtime,
                                new Demo.Options(taskType, objects, WORKERS, WORKERS_PER_OBJECT, ACCURACY, 7),
                                new PrintStream(OutputStream.nullOutputStream()))
                        .execute();
                if (!report.status().equals("Completed")) {
                    throw new IllegalStateException(
                            taskType + " ended " + report.status() + ": " + report.description());
                }
                JsonNode cost = settledCost(requester, report.job());
                runs.add(new CostReport.Run(taskType, report.job(), report.answers(), report.wall(), cost));
                System.out.printf(
                        Locale.ROOT,
                        "  %s: %d answers in %.1f s, $%.5f, $%.4f per 1,000 objects%n",
                        report.job(),
                        report.answers(),
                        report.wall().toMillis() / 1000.0,
                        cost.path("totalDollars").asDouble(),
                        cost.path("dollarsPerObject").asDouble() * 1000);
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String command = COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args));
        MarkdownSections.publish(
                out, SECTION, CostReport.section(command, objects, WORKERS_PER_OBJECT, runs, loadBefore, loadAfter));
    }

    /**
     * The job's cost once WriteOutput's own count is in: read until it shows and two reads a second apart agree on
     * everything but the reads themselves.
     */
    private static JsonNode settledCost(ApiClient requester, String job) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonNode last = null;
        while (true) {
            JsonNode cost = requester.expect(requester.get("/jobs/" + job + "/cost"), "the cost of " + job);
            boolean written = false;
            for (JsonNode f : cost.path("functions")) {
                written |= f.path("function").asText().equals("write-output");
            }
            if (written && last != null && withoutReads(cost).equals(withoutReads(last))
                    || System.nanoTime() > deadline) {
                return cost;
            }
            last = cost;
            Thread.sleep(1000);
        }
    }

    /** The counts of the workflow's and workers' functions: the requester API's changes with each read. */
    private static String withoutReads(JsonNode cost) {
        StringBuilder counts =
                new StringBuilder().append(cost.path("stateTransitions").asLong());
        for (JsonNode f : cost.path("functions")) {
            if (!f.path("function").asText().equals("requester-api")) {
                counts.append(f.path("function").asText())
                        .append(f.path("invocations").asLong());
            }
        }
        return counts.toString();
    }
}
