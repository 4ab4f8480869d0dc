package dev.verity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The most heap seen in use while it runs, sampled every {@value #PERIOD_MS} ms on a daemon thread: all of it
 * (garbage not yet collected included, so it grows with the maximum heap the JVM is given) and what each heap pool
 * held after its latest collection (closer to the live data, though a young collection leaves the old generation's
 * garbage in place). The runtime's services share the benchmark's JVM, so both are the whole process's.
 */
final class HeapSampler implements AutoCloseable {

    private static final long PERIOD_MS = 200;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
            .toList();
    private final SamplingThread thread;
    private long peak;
    private long peakAfterGc;

    HeapSampler() {
        sample();
        thread = new SamplingThread("heap-sampler", PERIOD_MS, this::sample);
    }

    /** The peak of the heap in use, in bytes. */
    synchronized long peakBytes() {
        sample();
        return peak;
    }

    /** The peak of what collections left in the heap, in bytes. */
    synchronized long peakAfterGcBytes() {
        sample();
        return peakAfterGc;
    }

    private synchronized void sample() {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        long afterGc = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage usage = pool.getCollectionUsage();
            afterGc += usage == null ? 0 : usage.getUsed();
        }
        peakAfterGc = Math.max(peakAfterGc, afterGc);
    }

    @Override
    public void close() {
        thread.close();
    }
}
