package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.local.ApiClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load on the local runtime: {@code --workers} simulated workers (each their own identity) take the next task of one
 * image-classification job and answer it at once, over and over, for {@code --seconds}; then the benchmark checks that
 * every answer the service accepted is stored exactly once ({@link AnswerAudit}), stops the job, prints the figures
 * and writes them as the {@value #SECTION} section of {@code docs/benchmarks.md} ({@link LoadReport}).
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -cp bench/target/verity-bench-*.jar dev.verity.bench.LoadBenchmark
 * </pre>
 *
 * <p>Options: {@code --workers <n>} (default {@value #WORKERS}), {@code --seconds <n>} (measured time, default
 * {@value #SECONDS}), {@code --warm-up <n>} (seconds of the same load before measuring, default {@value #WARM_UP}),
 * {@code --objects <n>} (the job's data objects, default {@value #OBJECTS}: far more than the run can answer on two
 * cores; the report's count of 204s shows if a run ever found none left),
 * {@code --workers-per-object <n>} (default {@value #WORKERS_PER_OBJECT}), {@code --window <n>}
 * ({@code MaxConcurrentTaskCount}, default {@value #WINDOW} as in Ground Truth),
 * {@code --runtime-json <state dir>/runtime.json} (load a running {@code verity up} instead of starting a runtime in
 * this JVM), {@code --out <file>} (default
 * {@code docs/benchmarks.md}; {@code -} prints only).
 */
public final class LoadBenchmark {

    static final String COMMAND = "java -cp bench/target/verity-bench-*.jar dev.verity.bench.LoadBenchmark";
    static final String SECTION = "load";
    static final int WORKERS = 50;
    static final int SECONDS = 60;
    static final int WARM_UP = 10;
    static final int OBJECTS = 5_000;
    static final int WORKERS_PER_OBJECT = 3;
    static final int WINDOW = 1_000;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int workers = intOption(args, "--workers", WORKERS);
        int seconds = intOption(args, "--seconds", SECONDS);
        int warmUp = intOption(args, "--warm-up", WARM_UP);
        String job = "load-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        LoadJob.Settings settings = new LoadJob.Settings(
                job,
                intOption(args, "--objects", OBJECTS),
                intOption(args, "--workers-per-object", WORKERS_PER_OBJECT),
                intOption(args, "--window", WINDOW));
        Path runtimeJson = ConsolidationBenchmark.option(args, "--runtime-json")
                .map(Path::of)
                .orElse(null);
        String out = ConsolidationBenchmark.option(args, "--out").orElse(null);

        String section;
        try (LoadTarget target = runtimeJson == null ? LoadTarget.startInProcess() : LoadTarget.attach(runtimeJson)) {
            ApiClient requester = target.signIn("load-requester", "requesters");
            Instant staging = Instant.now();
            System.out.printf(
                    Locale.ROOT,
                    "staging %,d objects for job %s (%s)%n",
                    settings.objects(),
                    job,
                    target.description());
            new LoadJob(target).stage(settings);
            JsonNode status = requester.awaitJob(job, Set.of("InProgress"), START_TIMEOUT);
            if (!status.path("LabelingJobStatus").asText().equals("InProgress")) {
                throw new IllegalStateException("job " + job + " did not start: " + status);
            }
            double startSeconds = Duration.between(staging, Instant.now()).toMillis() / 1000.0;
            System.out.printf(
                    Locale.ROOT,
                    "job in progress after %.1f s; %d workers, %d s warm-up, %d s measured%n",
                    startSeconds,
                    workers,
                    warmUp,
                    seconds);

            LoadRun run = load(target, job, workers, warmUp, seconds);
            System.out.printf(
                    Locale.ROOT,
                    "%,d answers in %.1f s (%.1f/s); checking the stored answers%n",
                    run.answers(),
                    run.measuredSeconds(),
                    run.answersPerSecond());
            AnswerAudit.Result audit =
                    new AnswerAudit(target, requester, job, settings.workersPerObject()).run(run.accepted());

            System.out.println("stopping the job");
            requester.expect(requester.post("/jobs/" + job + "/stop", null), "stopping the job");
            JsonNode stopped = requester.awaitJob(job, Set.of("Stopped"), STOP_TIMEOUT);
            String command = COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args));
            section = LoadReport.section(command, target.description(), settings, startSeconds, run, audit, stopped);
        }
        MarkdownSections.publish(out, SECTION, section);
    }

    /** Signs the workers in, runs them all from the same moment, and waits for each one's last call. */
    private static LoadRun load(LoadTarget target, String job, int workers, int warmUp, int seconds) throws Exception {
        List<String> usernames = new ArrayList<>();
        List<ApiClient> clients = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            usernames.add("load-worker-" + i);
            clients.add(target.signIn(usernames.get(i - 1), "workers"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            long measureFrom = start + Duration.ofSeconds(warmUp).toNanos();
            long deadline = measureFrom + Duration.ofSeconds(seconds).toNanos();
            List<Future<LoadWorker.Result>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(new LoadWorker(
                        LocalTokenIssuer.subject(usernames.get(i)), clients.get(i), job, measureFrom, deadline)));
            }
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double loadAtStart = os.getSystemLoadAverage();
            long cpuAtStart = os.getProcessCpuTime();
            List<LoadWorker.Result> results = new ArrayList<>();
            for (Future<LoadWorker.Result> result : running) {
                results.add(result.get());
            }
            double measured = (System.nanoTime() - measureFrom) / 1e9;
            LoadRun.MachineLoad machine = new LoadRun.MachineLoad(
                    loadAtStart, os.getSystemLoadAverage(), (os.getProcessCpuTime() - cpuAtStart) / 1e9 / measured);
            return new LoadRun(workers, measured, warmUp, results, machine);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int intOption(String[] args, String name, int otherwise) {
        return ConsolidationBenchmark.option(args, name).map(Integer::parseInt).orElse(otherwise);
    }
}
