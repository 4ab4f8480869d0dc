package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/** The load benchmark's section of docs/benchmarks.md. */
final class LoadReport {

    private LoadReport() {}

    static String section(
            String command,
            String target,
            LoadJob.Settings job,
            double startSeconds,
            LoadRun run,
            AnswerAudit.Result audit,
            JsonNode stopped) {
        StringBuilder md = new StringBuilder("## Load\n\n");
        md.append(MarkdownSections.generatedBy(command)).append('\n');
        md.append("Set-up: `mvn -B -ntp -q -pl bench -am package -DskipTests`. Add"
                + " `--runtime-json .verity/runtime.json` to load a running `verity up` instead (its state folder"
                + " also holds the sign-in secret the workers need).\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Against %s. One image-classification job (`PRE-ImageMultiClass`, human"
                        + " work only) of %,d objects, %d workers per object, `MaxConcurrentTaskCount` %,d, staged"
                        + " through the runtime's S3 and started by uploading `jobs/%s.json`; in progress %.1f s"
                        + " after the staging began. %d simulated workers, each signed in as its own user through"
                        + " `POST /local-auth/token`, each on its own HTTP connection, loop `POST"
                        + " /worker/jobs/{name}/tasks/next` then `POST /worker/assignments/{id}` with no think time"
                        + " (a 204 or an error costs a 50 ms pause); the first %.0f s are a warm-up, not counted, then"
                        + " %.1f s are measured (until the last worker's last call came back). A latency is the wall"
                        + " time of one HTTP call as the worker sees it, JSON parsing included. The workers run on the"
                        + " same machine%s, so they take part of its %d cores.%n%n",
                target,
                job.objects(),
                job.workersPerObject(),
                job.window(),
                job.name(),
                startSeconds,
                run.workers(),
                run.warmUpSeconds(),
                run.measuredSeconds(),
                target.startsWith("a local runtime") ? " and in the same JVM as the runtime" : " as the runtime",
                Runtime.getRuntime().availableProcessors()));

        long[] range = run.answersPerWorkerRange();
        md.append("| | |\n|---|---:|\n");
        row(md, "workers", String.valueOf(run.workers()));
        row(md, "measured time", String.format(Locale.ROOT, "%.1f s", run.measuredSeconds()));
        row(md, "answers accepted (2xx)", String.format(Locale.ROOT, "%,d", run.answers()));
        row(md, "**answers per second**", String.format(Locale.ROOT, "**%.1f**", run.answersPerSecond()));
        row(md, "answers per worker, fewest / most", range[0] + " / " + range[1]);
        row(md, "`next` calls that found no task (204)", String.format(Locale.ROOT, "%,d", run.empty()));
        row(
                md,
                "system load average (1 min), start / end",
                String.format(
                        Locale.ROOT,
                        "%.1f / %.1f",
                        run.machine().loadAtStart(),
                        run.machine().loadAtEnd()));
        row(
                md,
                "CPU used by the benchmark's JVM",
                String.format(
                        Locale.ROOT,
                        "%.2f of %d cores",
                        run.machine().coresUsed(),
                        Runtime.getRuntime().availableProcessors()));
        md.append('\n');

        md.append("| call | calls | p50 ms | p95 ms | p99 ms | max ms | mean ms |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        latencyRow(md, "`next`", run.next());
        latencyRow(md, "`submit`", run.submit());
        md.append('\n');

        Map<String, Long> errors = run.errors();
        md.append("Errors by status (warm-up included): ");
        if (errors.isEmpty()) {
            md.append("none.\n\n");
        } else {
            md.append(String.join(
                            ", ",
                            errors.entrySet().stream()
                                    .map(e -> String.format(Locale.ROOT, "`%s` × %,d", e.getKey(), e.getValue()))
                                    .toList()))
                    .append(".\n\n");
        }

        md.append(String.format(
                Locale.ROOT,
                "Lost or duplicated answers: %s. Every answer a worker got a 2xx for"
                        + " (%,d, warm-up included; %,d of them for an object the same worker had answered before)"
                        + " looked up where the job keeps it. *Lost*: accepted, not found; *duplicated*: found more"
                        + " than once; *over-answered*: an object with more than %d answers; *without a 2xx*: found,"
                        + " though its worker got an error or no answer.%n%n",
                audit.clean() ? "**none**" : "**found, see below**",
                audit.accepted(),
                audit.acceptedTwice(),
                job.workersPerObject()));
        md.append("| where | answers found | lost | duplicated | over-answered objects | without a 2xx |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (AnswerAudit.Check check : audit.checks()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | %d | %d | %d |%n",
                    check.place(),
                    check.stored(),
                    check.lost(),
                    check.duplicated(),
                    check.overAnswered(),
                    check.unacknowledged()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nThen the job was stopped: status %s, label counters %s.%n",
                stopped.path("LabelingJobStatus").asText("unknown"),
                stopped.path("LabelCounters")));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static void latencyRow(StringBuilder md, String name, LatencySamples samples) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                name,
                samples.count(),
                samples.percentileMillis(50),
                samples.percentileMillis(95),
                samples.percentileMillis(99),
                samples.maxMillis(),
                samples.meanMillis()));
    }
}
