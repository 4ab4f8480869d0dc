package dev.verity.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The ingestion benchmark's section of {@code docs/benchmarks.md}: per step its best rate over its runs, that rate
 * as a share of the bare parse's best, its highest peak heap, and whether it met the goal.
 */
final class IngestionReport {

    static final String BARE_PARSE = "Bare Jackson parse";
    static final double GOAL_SHARE = 0.5;
    static final long GOAL_HEAP_BYTES = 256L << 20;

    private IngestionReport() {}

    static String section(String command, int lines, long bytes, List<StepMeasurement> runs, List<String> notes) {
        Map<String, List<StepMeasurement>> byStep = new LinkedHashMap<>();
        for (StepMeasurement run : runs) {
            byStep.computeIfAbsent(run.step(), s -> new ArrayList<>()).add(run);
        }
        double bare = best(byStep.get(BARE_PARSE), StepMeasurement::linesPerSecond);
        double bareCpu = best(byStep.get(BARE_PARSE), StepMeasurement::linesPerCpuSecond);
        StringBuilder out = new StringBuilder("## Manifest ingestion\n\n");
        out.append(MarkdownSections.generatedBy(command)).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "A synthetic image manifest of %,d lines (%,.1f MiB; `source-ref` plus camera, score, capture time and"
                        + " tags) in the embedded S3, read through the S3 and DynamoDB adapters the Lambdas use. Each"
                        + " of three jobs (all objects, a seeded 10%% sample, the filter `%s`) runs a bare Jackson"
                        + " streaming parse of the same object, then PrepareDataset, then SelectObjects, after an unreported round of the same on 100,000 lines for the JIT; a rate is the"
                        + " manifest's lines (for SelectObjects, the prepared objects it reads) per second, best of"
                        + " the runs, by the clock and per second of the process's processor time (on a busy machine"
                        + " the clock is the noisier). Peak heap is the whole process's, the embedded S3, SQS and Step Functions"
                        + " included, sampled every 200 ms: all of it, and what collections left. Goal: at least %.0f%%"
                        + " of the bare parse's rate in at most %d MiB of heap.%n%n",
                lines,
                bytes / (double) (1 << 20),
                ImageManifest.FILTER_QUERY,
                GOAL_SHARE * 100,
                GOAL_HEAP_BYTES >> 20));
        out.append("| Step | Runs | Lines/s | Share of bare parse | Lines per CPU-s | Share of bare parse"
                + " | Peak heap (MiB) | After GC (MiB) | Goal |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        byStep.forEach((step, stepRuns) -> {
            double rate = best(stepRuns, StepMeasurement::linesPerSecond);
            double cpuRate = best(stepRuns, StepMeasurement::linesPerCpuSecond);
            long peak = stepRuns.stream()
                    .mapToLong(StepMeasurement::peakHeapBytes)
                    .max()
                    .orElse(0);
            long afterGc = stepRuns.stream()
                    .mapToLong(StepMeasurement::peakAfterGcBytes)
                    .max()
                    .orElse(0);
            boolean baseline = step.equals(BARE_PARSE);
            String goal = (rate >= GOAL_SHARE * bare ? "rate met" : "rate missed") + ", "
                    + (peak <= GOAL_HEAP_BYTES ? "heap met" : "heap missed");
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %,.0f | %s | %,.0f | %s | %,d | %,d | %s |%n",
                    step,
                    stepRuns.size(),
                    rate,
                    baseline ? "1" : String.format(Locale.ROOT, "%.2f", rate / bare),
                    cpuRate,
                    baseline ? "1" : String.format(Locale.ROOT, "%.2f", cpuRate / bareCpu),
                    peak >> 20,
                    afterGc >> 20,
                    baseline ? "baseline" : goal));
        });
        out.append('\n');
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        return out.toString();
    }

    private static double best(List<StepMeasurement> runs, ToDoubleFunction<StepMeasurement> rate) {
        return runs.stream().mapToDouble(rate).max().orElse(0);
    }
}
