package dev.verity.bench;

import java.util.Arrays;

/**
 * Every latency of one kind of request, in nanoseconds. Each worker thread fills its own (no locking on the hot
 * path); the benchmark merges them at the end and reads exact percentiles from the sorted samples.
 */
final class LatencySamples {

    private long[] samples = new long[1024];
    private int size;
    private boolean sorted = true;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
        sorted = false;
    }

    void addAll(LatencySamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
    }

    int count() {
        return size;
    }

    /** The nearest-rank percentile ({@code p} in 0..100) in milliseconds; NaN without samples. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return samples[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    double meanMillis() {
        if (size == 0) {
            return Double.NaN;
        }
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += samples[i];
        }
        return sum / 1e6 / size;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(samples, 0, size);
            sorted = true;
        }
    }
}
