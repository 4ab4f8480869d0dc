package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.local.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * One large job through the local runtime, step by step: {@code --objects} texts (default {@value #OBJECTS}), one
 * simulated worker's answer each through the worker API, then each workflow step's duration (from the execution's
 * Step Functions history, every Map iteration included) and the heap in use while it ran, and from the per-chunk
 * figures a projection for a job of a million objects against Lambda's limits ({@link ScaleReport}).
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -Xmx2g -cp bench/target/verity-bench-*.jar dev.verity.bench.ScaleBenchmark
 * </pre>
 *
 * <p>Options: {@code --objects <n>}, {@code --threads <n>} (simulated workers answering at once, default {@value
 * #THREADS}), {@code --runtime-json <state dir>/runtime.json} (a running {@code verity up} instead of a runtime in this
 * JVM; its heap is then not this JVM's, and the heap columns say nothing), {@code --out <file>} (default {@code
 * docs/benchmarks.md}; {@code -} prints only).
 */
public final class ScaleBenchmark {

    static final String COMMAND = "java -Xmx2g -cp bench/target/verity-bench-*.jar dev.verity.bench.ScaleBenchmark";
    static final String SECTION = "scale";
    static final int OBJECTS = 100_000;
    static final int THREADS = 8;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(60);
    private static final long PAUSE_MILLIS = 50;
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(3);

    private ScaleBenchmark() {}

    /** How the workers fared: answers accepted, calls that failed, and the time from the first to the last answer. */
    record Labeling(long answers, long errors, double seconds) {

        double answersPerSecond() {
            return answers / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int objects = ConsolidationBenchmark.option(args, "--objects")
                .map(Integer::parseInt)
                .orElse(OBJECTS);
        int threads = ConsolidationBenchmark.option(args, "--threads")
                .map(Integer::parseInt)
                .orElse(THREADS);
        String out = ConsolidationBenchmark.option(args, "--out").orElse(null);
        java.nio.file.Path runtimeJson = ConsolidationBenchmark.option(args, "--runtime-json")
                .map(java.nio.file.Path::of)
                .orElse(null);
        String job = "scale-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        String section;
        try (HeapTimeline heap = new HeapTimeline();
                LoadTarget target =
                        runtimeJson == null ? LoadTarget.startInProcess() : LoadTarget.attach(runtimeJson)) {
            ApiClient requester = target.signIn("scale-requester", "requesters");
            System.out.printf(Locale.ROOT, "staging %,d objects for job %s%n", objects, job);
            Instant staged = Instant.now();
            new ScaleJob(target).stage(job, objects);
            JsonNode status = requester.awaitJob(job, Set.of("InProgress"), START_TIMEOUT);
            if (!status.path("LabelingJobStatus").asText().equals("InProgress")) {
                throw new IllegalStateException("job " + job + " did not start: " + status);
            }
            System.out.printf(
                    Locale.ROOT,
                    "in progress after %.1f s; %d workers answering%n",
                    Duration.between(staged, Instant.now()).toMillis() / 1000.0,
                    threads);
            Labeling labeling = label(target, job, objects, threads);
            System.out.printf(
                    Locale.ROOT,
                    "%,d answers in %.1f s (%.1f/s), %d failed calls; waiting for the output%n",
                    labeling.answers(),
                    labeling.seconds(),
                    labeling.answersPerSecond(),
                    labeling.errors());
            JsonNode done = requester.awaitJob(job, Set.of("Completed"), FINISH_TIMEOUT);
            SfnClient sfn = target.sfn();
            String execution = executionArn(sfn, job);
            awaitEnd(sfn, execution); // the job is Completed inside WriteOutput, before the state exits
            Map<String, List<StepTimeline.Visit>> steps = StepTimeline.of(sfn, execution);
            String command = COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args));
            section = ScaleReport.section(
                    command,
                    objects,
                    threads,
                    labeling,
                    done,
                    steps,
                    heap,
                    runtimeJson == null,
                    ReduceMemory.measure());
        }
        MarkdownSections.publish(out, SECTION, section);
    }

    /** The job's execution (named after the job) in the runtime's one state machine. */
    private static String executionArn(SfnClient sfn, String job) {
        String stateMachine = sfn.listStateMachines().stateMachines().get(0).stateMachineArn();
        return sfn.listExecutionsPaginator(b -> b.stateMachineArn(stateMachine)).executions().stream()
                .filter(e -> e.name().equals(job))
                .map(ExecutionListItem::executionArn)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no execution named " + job));
    }

    /** Waits until the execution is no longer running. */
    private static void awaitEnd(SfnClient sfn, String execution) throws InterruptedException {
        Instant deadline = Instant.now().plus(FINISH_TIMEOUT);
        while (sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.RUNNING) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("execution " + execution + " still running after " + FINISH_TIMEOUT);
            }
            Thread.sleep(500);
        }
    }

    /** Workers take the next task and answer it at once until every object has its answer. */
    private static Labeling label(LoadTarget target, String job, int objects, int threads) throws Exception {
        List<ApiClient> clients = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            clients.add(target.signIn("scale-worker-" + i, "workers"));
        }
        AtomicLong answers = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ApiClient client : clients) {
                running.add(pool.submit(() -> {
                    while (!done.get()) {
                        ApiClient.Response next = client.post("/worker/jobs/" + job + "/tasks/next", null);
                        if (!next.ok() || next.status() == 204) {
                            errors.addAndGet(next.ok() ? 0 : 1);
                            if (System.nanoTime() - Math.max(last.get(), started) > IDLE_LIMIT.toNanos()) {
                                return null; // nothing to answer for long: the job lost tasks or ended
                            }
                            Thread.sleep(PAUSE_MILLIS);
                            continue;
                        }
                        JsonNode task = next.body();
                        ApiClient.Response submit = client.post(
                                "/worker/assignments/"
                                        + task.path("assignmentId").asText(),
                                ScaleJob.REQUEST.answer(
                                        task.path("datasetObjectId").asText()));
                        if (!submit.ok()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.set(now);
                        long count = answers.incrementAndGet();
                        if (count % 1000 == 0) {
                            System.out.printf(Locale.ROOT, "%,d answers%n", count);
                        }
                        if (count >= objects) {
                            done.set(true);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Labeling(answers.get(), errors.get(), (last.get() - first.get()) / 1e9);
    }
}
