package dev.verity.bench;

/**
 * One timed pass over the manifest's lines: how long it took and the most heap the process used meanwhile (all of
 * it, and what collections left), from a {@link HeapSampler} started with it.
 */
record StepMeasurement(String step, long lines, double seconds, long peakHeapBytes, long peakAfterGcBytes) {

    /** A step that reads the manifest's lines and answers how many it read. */
    @FunctionalInterface
    interface Step {
        long run() throws Exception;
    }

    /** Runs {@code step} from a collected heap, so each step's peak is its own. */
    static StepMeasurement of(String name, Step step) throws Exception {
        System.gc();
        try (HeapSampler heap = new HeapSampler()) {
            long start = System.nanoTime();
            long lines = step.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new StepMeasurement(name, lines, seconds, heap.peakBytes(), heap.peakAfterGcBytes());
        }
    }

    double linesPerSecond() {
        return lines / seconds;
    }
}
