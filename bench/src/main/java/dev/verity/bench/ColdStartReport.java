package dev.verity.bench;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The cold starts {@link ColdStartBenchmark} measured, as medians per function, and its section of the document. */
final class ColdStartReport {

    /** Milliseconds of one cold start's phases, and what the first request answered. */
    record Phases(long jvm, long load, long construct, long request, long total, String outcome) {

        /** From the launcher's line: {@code MARKER main loaded constructed answered outcome…} (epoch ms). */
        static Phases parse(long started, String line) {
            String[] parts = line.split(" ", 6);
            long main = Long.parseLong(parts[1]);
            long loaded = Long.parseLong(parts[2]);
            long constructed = Long.parseLong(parts[3]);
            long answered = Long.parseLong(parts[4]);
            return new Phases(
                    main - started,
                    loaded - main,
                    constructed - loaded,
                    answered - constructed,
                    answered - started,
                    parts[5]);
        }
    }

    private final Map<FunctionSpec.Bundle, Path> jars;
    private final Map<FunctionSpec.Bundle, Path> baseline;
    private final Map<String, List<Phases>> current = new LinkedHashMap<>();
    private final Map<String, List<Phases>> before = new LinkedHashMap<>();

    ColdStartReport(Map<FunctionSpec.Bundle, Path> jars, Map<FunctionSpec.Bundle, Path> baseline) {
        this.jars = jars;
        this.baseline = baseline;
    }

    void add(FunctionSpec function, boolean isBaseline, Phases phases) {
        (isBaseline ? before : current)
                .computeIfAbsent(function.name(), k -> new ArrayList<>())
                .add(phases);
    }

    String markdown(String command, int runs) {
        StringBuilder md = new StringBuilder("## Cold start\n\n").append(MarkdownSections.generatedBy(command));
        md.append("\nEach function of the catalog in a fresh JVM (`java -cp <its Lambda jar>` with Lambda's java17/21"
                        + " options `")
                .append(String.join(" ", ColdStartBenchmark.LAMBDA_JVM_OPTIONS))
                .append("` and `-Xmx` at 85% of its memory; no SnapStart) that loads the handler class, constructs it"
                        + " with its no-arg constructor, as the Lambda runtime does, and answers one representative"
                        + " event against the embedded emulators (API functions: an API Gateway event, `GET /jobs`,"
                        + " `GET /worker/jobs`, `ListLabelingJobs`, a HIT's task page; workflow steps: the payload of"
                        + " a job that does not exist, so each reads the table and fails as Step Functions would see"
                        + " it). Medians of ")
                .append(runs)
                .append(" runs, in ms; *JVM* is process start to `main`, *total* process start to the answer. Goal:"
                        + " total ≤ 1,000 ms per function on this machine; Lambda jar ≤ 25 MB for the API functions."
                        + " The machine's other work shares its cores, so read the figures against each other.\n\n");
        for (FunctionSpec.Bundle bundle : jars.keySet()) {
            md.append("- ")
                    .append(bundle.name().toLowerCase(Locale.ROOT))
                    .append(" jar: ")
                    .append(describe(jars.get(bundle)));
            if (baseline.containsKey(bundle)) {
                md.append("; before: ").append(describe(baseline.get(bundle)));
            }
            md.append('\n');
        }
        boolean compared = !before.isEmpty();
        md.append("\n| function | jar MB | JVM | class loaded | constructed | first request | total | answer |");
        md.append(compared ? " total before | answer before |\n" : "\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|").append(compared ? "---:|---|\n" : "\n");
        for (FunctionSpec function : Catalog.FUNCTIONS) {
            List<Phases> runsOf = current.get(function.name());
            if (runsOf == null) {
                continue;
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %d | %d | %d | %d | %d | %s |",
                    function.name(),
                    megabytes(jars.get(function.bundle())),
                    median(runsOf, Phases::jvm),
                    median(runsOf, Phases::load),
                    median(runsOf, Phases::construct),
                    median(runsOf, Phases::request),
                    median(runsOf, Phases::total),
                    runsOf.get(0).outcome()));
            if (compared) {
                List<Phases> was = before.get(function.name());
                md.append(
                        was == null
                                ? " | |"
                                : String.format(
                                        Locale.ROOT,
                                        " %d | %s |",
                                        median(was, Phases::total),
                                        was.get(0).outcome()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String describe(Path jar) {
        return String.format(Locale.ROOT, "`%s`, %.1f MB", jar.getFileName(), megabytes(jar));
    }

    private static double megabytes(Path jar) {
        try {
            return Files.size(jar) / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long median(List<Phases> runs, ToLongFunction<Phases> phase) {
        long[] values = runs.stream().mapToLong(phase).sorted().toArray();
        return values[values.length / 2];
    }
}
