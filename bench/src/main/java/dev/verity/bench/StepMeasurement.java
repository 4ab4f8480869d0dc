package dev.verity.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * One timed pass over the manifest's lines: how long it took, the processor time the process spent meanwhile (the
 * embedded S3's included: a busy machine stretches the first, hardly the second) and the most heap the process used
 * (all of it, and what collections left), from a {@link HeapSampler} started with it.
 */
record StepMeasurement(
        String step, long lines, double seconds, double cpuSeconds, long peakHeapBytes, long peakAfterGcBytes) {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** A step that reads the manifest's lines and answers how many it read. */
    @FunctionalInterface
    interface Step {
        long run() throws Exception;
    }

    /** Runs {@code step} from a collected heap, so each step's peak is its own. */
    static StepMeasurement of(String name, Step step) throws Exception {
        System.gc();
        try (HeapSampler heap = new HeapSampler()) {
            long cpuStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            long lines = step.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (OS.getProcessCpuTime() - cpuStart) / 1e9;
            return new StepMeasurement(name, lines, seconds, cpuSeconds, heap.peakBytes(), heap.peakAfterGcBytes());
        }
    }

    double linesPerSecond() {
        return lines / seconds;
    }

    double linesPerCpuSecond() {
        return lines / cpuSeconds;
    }
}
