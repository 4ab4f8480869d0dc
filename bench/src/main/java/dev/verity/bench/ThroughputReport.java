package dev.verity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The demo runs {@link ThroughputBenchmark} measured, before and after, and its section of the document. */
final class ThroughputReport {

    private final Path runtime;
    private final Path baseline;
    private final int objects;
    private final List<ThroughputBenchmark.Run> after = new ArrayList<>();
    private final List<ThroughputBenchmark.Run> before = new ArrayList<>();

    ThroughputReport(Path runtime, Path baseline, int objects) {
        this.runtime = runtime;
        this.baseline = baseline;
        this.objects = objects;
    }

    void add(boolean isBaseline, ThroughputBenchmark.Run run) {
        (isBaseline ? before : after).add(run);
    }

    String markdown(String command, int runs) {
        StringBuilder md = new StringBuilder("## Local throughput\n\n").append(MarkdownSections.generatedBy(command));
        md.append("\n`verity demo --objects ")
                .append(objects)
                .append("` (image classification, ")
                .append(ThroughputBenchmark.WORKERS_PER_OBJECT)
                .append(" answers per object from 5 simulated workers with no think time, each taking a task, loading"
                        + " its image through the presigned URL and submitting, through the local API gateway) run"
                        + " by the runtime jar in a fresh JVM, ")
                .append(runs)
                .append(" times")
                .append(baseline == null ? "" : ", interleaved with the baseline jar's runs")
                .append(". Labeling time is the job's first acceptance to its last submission (from its worker-response"
                        + " files); medians. *AWS calls* are the requests Verity's handlers send (SDK transmissions,"
                        + " counted by an interceptor on the runtime's classpath; presigning sends none), per answer,"
                        + " the cost metering's own included where the runtime meters (one UpdateItem per"
                        + " invocation, about two per answer);"
                        + " *JVM CPU* is the runtime process's CPU time for the whole demo (start, staging and"
                        + " output included; the DynamoDB emulator runs in its own Node process, not counted) per"
                        + " answer. Goal: ≥ 100 objects/s. The machine's other work shares its two cores, so read"
                        + " the rows against each other.\n\n");
        if (baseline != null) {
            md.append("- before: `").append(describe(baseline)).append("`\n");
        }
        md.append("- after: `").append(describe(runtime)).append("`\n\n");
        md.append(
                        "| runtime | labeling (s) | objects/s | answers/s | JVM CPU per answer (ms) | AWS calls per answer |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        if (!before.isEmpty()) {
            row(md, "before", before);
        }
        row(md, "after", after);
        md.append("\nAWS calls per answer, by operation:\n\n");
        Map<String, Double> perAnswerBefore = perAnswer(before);
        Map<String, Double> perAnswerAfter = perAnswer(after);
        TreeSet<String> calls = new TreeSet<>(perAnswerAfter.keySet());
        calls.addAll(perAnswerBefore.keySet());
        md.append(
                before.isEmpty()
                        ? "| call | per answer |\n|---|---:|\n"
                        : "| call | before | after |\n|---|---:|---:|\n");
        for (String call : calls) {
            md.append("| ").append(call).append(" | ");
            if (!before.isEmpty()) {
                md.append(fmt(perAnswerBefore.getOrDefault(call, 0.0))).append(" | ");
            }
            md.append(fmt(perAnswerAfter.getOrDefault(call, 0.0))).append(" |\n");
        }
        return md.toString();
    }

    private void row(StringBuilder md, String name, List<ThroughputBenchmark.Run> runs) {
        double seconds = median(runs.stream()
                .mapToDouble(ThroughputBenchmark.Run::labelingSeconds)
                .toArray());
        int answers = runs.get(0).answers();
        double cpu = median(runs.stream()
                .mapToDouble(r -> r.cpuSeconds() * 1000 / r.answers())
                .toArray());
        double calls = perAnswer(runs).values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        md.append(String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f | %.0f | %.1f |%n",
                name,
                seconds,
                objects / seconds,
                answers / seconds,
                cpu,
                calls));
    }

    /** Mean calls per answer over the runs, by "Service Operation". */
    private static Map<String, Double> perAnswer(List<ThroughputBenchmark.Run> runs) {
        Map<String, Double> sums = new TreeMap<>();
        for (ThroughputBenchmark.Run run : runs) {
            run.calls().forEach((call, count) -> sums.merge(call, (double) count / run.answers(), Double::sum));
        }
        sums.replaceAll((call, sum) -> sum / Math.max(1, runs.size()));
        return sums;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String describe(Path jar) {
        try {
            return jar.getFileName() + ", " + Files.size(jar) / 1_000_000 + " MB, built "
                    + Files.getLastModifiedTime(jar).toString().substring(0, 16).replace('T', ' ');
        } catch (java.io.IOException e) {
            return jar.toString();
        }
    }
}
