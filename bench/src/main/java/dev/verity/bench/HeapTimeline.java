package dev.verity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap in use over a whole run, sampled every {@value #PERIOD_MS} ms on a daemon thread, so that each workflow
 * step's peak can be read afterwards from the time it ran ({@link #peakBetween}). The runtime, its services and the
 * simulated workers share the JVM, so a figure is the whole process's: an upper bound of the step's own.
 */
final class HeapTimeline implements AutoCloseable {

    private static final long PERIOD_MS = 100;

    private record Sample(long epochMillis, long usedBytes) {}

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<Sample> samples = new ArrayList<>();
    private final SamplingThread thread;

    HeapTimeline() {
        thread = new SamplingThread("heap-timeline", PERIOD_MS, this::sample);
    }

    private synchronized void sample() {
        samples.add(new Sample(
                System.currentTimeMillis(), memory.getHeapMemoryUsage().getUsed()));
    }

    /** The most heap in use from {@code from} to {@code to}, or at the first sample after them if none fell between. */
    synchronized long peakBetween(Instant from, Instant to) {
        long peak = -1;
        for (Sample sample : samples) {
            if (sample.epochMillis() >= from.toEpochMilli() && sample.epochMillis() <= to.toEpochMilli()) {
                peak = Math.max(peak, sample.usedBytes());
            } else if (sample.epochMillis() > to.toEpochMilli()) {
                return peak >= 0 ? peak : sample.usedBytes();
            }
        }
        return Math.max(peak, 0);
    }

    @Override
    public void close() {
        thread.close();
    }
}
