package dev.verity.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load benchmark measured: every worker's result merged, over the measured time (after the warm-up, until
 * the last worker's last call came back), and how busy the machine was meanwhile.
 */
record LoadRun(
        int workers,
        double measuredSeconds,
        double warmUpSeconds,
        List<LoadWorker.Result> results,
        MachineLoad machine) {

    /**
     * The 1-minute system load average at the start and end of the measured time (other programs count too), and
     * the CPU time this JVM used over it, in cores (the runtime too, when it runs in this JVM).
     */
    record MachineLoad(double loadAtStart, double loadAtEnd, double coresUsed) {}

    long answers() {
        return results.stream().mapToLong(LoadWorker.Result::measured).sum();
    }

    double answersPerSecond() {
        return answers() / measuredSeconds;
    }

    LatencySamples next() {
        LatencySamples all = new LatencySamples();
        results.forEach(r -> all.addAll(r.next()));
        return all;
    }

    LatencySamples submit() {
        LatencySamples all = new LatencySamples();
        results.forEach(r -> all.addAll(r.submit()));
        return all;
    }

    long empty() {
        return results.stream().mapToLong(LoadWorker.Result::empty).sum();
    }

    /** Failed calls by route and status, over every worker, warm-up included. */
    Map<String, Long> errors() {
        Map<String, Long> all = new TreeMap<>();
        results.forEach(r -> r.errors().forEach((k, v) -> all.merge(k, v, Long::sum)));
        return all;
    }

    /** Every answer a worker got a 2xx for, warm-up included. */
    List<AnswerAudit.Answer> accepted() {
        return results.stream()
                .flatMap(r -> r.accepted().stream().map(o -> new AnswerAudit.Answer(o, r.workerId())))
                .toList();
    }

    /** The fewest and most answers one worker gave in the measured time: whether the work was shared out evenly. */
    long[] answersPerWorkerRange() {
        return new long[] {
            results.stream().mapToLong(LoadWorker.Result::measured).min().orElse(0),
            results.stream().mapToLong(LoadWorker.Result::measured).max().orElse(0)
        };
    }
}
