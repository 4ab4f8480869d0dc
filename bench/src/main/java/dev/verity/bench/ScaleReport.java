package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scale benchmark's section of {@code docs/benchmarks.md}: each workflow step's runs, invocations, time and heap,
 * then what a job of {@value #PROJECTED} objects asks of one invocation of each step's function.
 */
final class ScaleReport {

    static final int PROJECTED = 1_000_000;
    /** Objects per chunk file ({@code JobLayout.CHUNK_SIZE}): the unit of every Map over chunks. */
    static final int CHUNK_SIZE = 2_000;
    /** The Maps' MaxConcurrency in the state machine. */
    static final int MAP_CONCURRENCY = 10;

    static final double LAMBDA_SECONDS = 900;
    static final long LAMBDA_MIB = 10_240;
    /** Step Functions' limit on a state's input or output. */
    static final long PAYLOAD_KIB = 256;

    /** How a step's work grows with the job, for the projection. */
    enum Growth {
        /** A Map iteration: one chunk of {@value #CHUNK_SIZE} objects, whatever the job's size. */
        CHUNK("one chunk"),
        /** One invocation streaming the whole job: time grows with the job, memory does not. */
        STREAM("streams the job"),
        /** One invocation holding a compact form of every answer: time and memory grow with the job. */
        REDUCE("every answer, compact"),
        /** One invocation sending at most a window of {@code MaxConcurrentTaskCount} objects. */
        WINDOW("one window");

        final String what;

        Growth(String what) {
            this.what = what;
        }
    }

    /** The states that invoke a function, in workflow order, and how each grows. */
    static final Map<String, Growth> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("PrepareDataset", Growth.STREAM);
        STEPS.put("SelectObjects", Growth.STREAM);
        STEPS.put("DispatchTasks", Growth.WINDOW);
        STEPS.put("GatherChunk", Growth.CHUNK);
        STEPS.put("EstimateWorkers", Growth.REDUCE);
        STEPS.put("ConsolidateChunk", Growth.CHUNK);
        STEPS.put("WriteOutput", Growth.STREAM);
    }

    private ScaleReport() {}

    static String section(
            String command,
            int objects,
            int threads,
            ScaleBenchmark.Labeling labeling,
            JsonNode done,
            Map<String, List<StepTimeline.Visit>> steps,
            HeapTimeline heap,
            boolean sameJvm,
            ReduceMemory reduce) {
        StringBuilder out = new StringBuilder("## Scale\n\n");
        out.append(MarkdownSections.generatedBy(command)).append('\n');
        double scale = PROJECTED / (double) objects;
        int chunks = (objects + CHUNK_SIZE - 1) / CHUNK_SIZE;
        int projectedChunks = (PROJECTED + CHUNK_SIZE - 1) / CHUNK_SIZE;
        out.append(String.format(
                Locale.ROOT,
                "One text-classification job of %,d objects (%,d chunks of %,d) through a local runtime in the"
                        + " benchmark's JVM (`VerityRuntime`, as `verity up`): one answer per object from %d simulated"
                        + " workers answering at once through the worker API (next task, submit, no think time),"
                        + " `MaxConcurrentTaskCount` %,d. Job status %s, %,d objects labeled. Labeling took %.0f s"
                        + " (%,.1f answers/s, %d failed calls). Each step's time is from the execution's Step"
                        + " Functions history: the state's, entered to exited, and its Lambda invocations' (a task's"
                        + " start to its result; for DispatchTasks, which waits for the workers, until its invocation"
                        + " returned). Heap is the most the whole JVM (runtime, embedded services and workers"
                        + " included) had in use while the step ran, sampled every 100 ms%s.%n%n",
                objects,
                chunks,
                CHUNK_SIZE,
                threads,
                ScaleJob.WINDOW,
                done.path("LabelingJobStatus").asText(),
                done.at("/LabelCounters/TotalLabeled").asLong(),
                labeling.seconds(),
                labeling.answersPerSecond(),
                labeling.errors(),
                sameJvm ? "" : " (of the benchmark's JVM only: the runtime ran elsewhere, so these say nothing)"));
        out.append("| step | state runs | invocations | step's time, s | per invocation, mean s | longest"
                + " invocation, s | peak heap while it ran, MiB | largest output, KiB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<StepTimeline.Visit>> step : steps.entrySet()) {
            List<StepTimeline.Visit> visits = step.getValue();
            if (visits.isEmpty()) {
                continue;
            }
            int invocations = invocations(visits);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s%s | %,d | %,d | %.1f | %s | %s | %,d | %.1f |%n",
                    STEPS.get(step.getKey()) == Growth.CHUNK ? "… " : "",
                    step.getKey(),
                    visits.size(),
                    invocations,
                    seconds(Duration.between(from(visits), to(visits))),
                    invocations == 0 ? "" : String.format(Locale.ROOT, "%.2f", meanInvocation(visits)),
                    invocations == 0 ? "" : String.format(Locale.ROOT, "%.2f", longestInvocation(visits)),
                    heap.peakBetween(from(visits), to(visits)) >> 20,
                    outputKib(visits)));
        }
        out.append(String.format(
                Locale.ROOT,
                "%n### A job of %,d objects (%,d chunks)%n%n"
                        + "Projected from the run above. A Map iteration works on one chunk whatever the job's size, so"
                        + " its longest invocation is what one needs at any size, and the Map takes chunks × mean"
                        + " invocation ÷ %d (MaxConcurrency). A step that streams the whole job in one invocation takes"
                        + " its time × %,.0f, in the memory it took here (it holds one chunk or line at a time)."
                        + " EstimateWorkers reads every chunk's gathered answers in one invocation: its time × %,.0f,"
                        + " and the memory measured below for %,d objects. DispatchTasks sends at most one window"
                        + " (%,d objects, the first) per invocation, here as at any size; the submit path sends the"
                        + " rest as objects complete. Memory is the whole JVM's peak while the step ran (for a Map, up"
                        + " to %d chunks at once), an upper bound of one invocation's. Lambda allows %.0f s and %,d MiB"
                        + " per invocation; Step Functions %,d KiB per state's output (a Map's is the list of its"
                        + " iterations' results, so it grows with the chunks).%n%n",
                PROJECTED,
                projectedChunks,
                MAP_CONCURRENCY,
                scale,
                scale,
                PROJECTED,
                ScaleJob.WINDOW,
                MAP_CONCURRENCY,
                LAMBDA_SECONDS,
                LAMBDA_MIB,
                PAYLOAD_KIB));
        out.append("| step | one invocation works on | one invocation, s (of 900) | step's time, s | memory, MiB"
                + " (of 10,240) | its state's output, KiB (of 256) |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Growth> step : STEPS.entrySet()) {
            List<StepTimeline.Visit> visits = steps.get(step.getKey());
            if (visits == null || visits.isEmpty()) {
                continue;
            }
            long peak = heap.peakBetween(from(visits), to(visits)) >> 20;
            double mean = meanInvocation(visits);
            double longest = longestInvocation(visits);
            String invocation;
            String wall;
            String memory = String.format(Locale.ROOT, "≤ %,d", peak);
            String output = String.format(Locale.ROOT, "%.1f", outputKib(visits));
            switch (step.getValue()) {
                case CHUNK -> {
                    invocation = String.format(Locale.ROOT, "%.1f", longest);
                    wall = String.format(Locale.ROOT, "%.0f", projectedChunks * mean / MAP_CONCURRENCY);
                    String map = step.getKey().equals("GatherChunk") ? "GatherAnswers" : "Consolidate";
                    List<StepTimeline.Visit> mapVisits = steps.get(map);
                    if (mapVisits != null && !mapVisits.isEmpty()) {
                        output = String.format(
                                Locale.ROOT,
                                "%.1f (the Map's: ≤ %.1f)",
                                outputKib(visits),
                                outputKib(mapVisits) * projectedChunks / chunks);
                    }
                }
                case STREAM -> {
                    invocation = String.format(Locale.ROOT, "%.0f", longest * scale);
                    wall = invocation;
                }
                case REDUCE -> {
                    invocation = String.format(Locale.ROOT, "%.0f", longest * scale);
                    wall = invocation;
                    memory = reduce == null
                            ? "not measured"
                            : String.format(Locale.ROOT, "%,d (+ runtime)", reduce.peakBytes() >> 20);
                }
                default -> {
                    invocation = String.format(Locale.ROOT, "%.1f", longest);
                    wall = "while workers answer";
                }
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s |%n",
                    step.getKey(),
                    step.getValue().what,
                    invocation,
                    wall,
                    memory,
                    output));
        }
        if (reduce != null) {
            out.append('\n').append(reduce.describe());
        }
        return out.toString();
    }

    private static Instant from(List<StepTimeline.Visit> visits) {
        return visits.stream()
                .map(StepTimeline.Visit::entered)
                .min(Instant::compareTo)
                .orElseThrow();
    }

    private static Instant to(List<StepTimeline.Visit> visits) {
        return visits.stream()
                .map(StepTimeline.Visit::exited)
                .max(Instant::compareTo)
                .orElseThrow();
    }

    private static double outputKib(List<StepTimeline.Visit> visits) {
        return visits.stream().mapToLong(StepTimeline.Visit::outputBytes).max().orElse(0) / 1024.0;
    }

    private static int invocations(List<StepTimeline.Visit> visits) {
        return visits.stream().mapToInt(StepTimeline.Visit::invocations).sum();
    }

    /** Mean time of one invocation (an attempt), over every run of the state. */
    private static double meanInvocation(List<StepTimeline.Visit> visits) {
        int invocations = invocations(visits);
        return invocations == 0
                ? 0
                : visits.stream().mapToDouble(v -> seconds(v.invoked())).sum() / invocations;
    }

    /** The longest run's invocation time (its attempts together). */
    private static double longestInvocation(List<StepTimeline.Visit> visits) {
        return visits.stream().mapToDouble(v -> seconds(v.invoked())).max().orElse(0);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
