package dev.verity.bench;

import dev.verity.consolidation.CrowdAnswers;
import dev.verity.consolidation.DawidSkene;
import dev.verity.consolidation.JobAnswers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What EstimateWorkers needs for a job of {@value ScaleReport#PROJECTED} objects, measured on synthetic answers in
 * this JVM: the chunk files GatherAnswers would write ({@value ScaleReport#CHUNK_SIZE} objects each, 100 workers, 3
 * classes), their bytes, the heap {@link JobAnswers} keeps after appending them all (after a collection, against
 * before), the bytes the Dawid–Skene estimate allocates on top (an upper bound of its extra heap), and the time of
 * both.
 */
record ReduceMemory(List<Row> rows) {

    /** One job size: objects, answers per object and the figures. */
    record Row(
            int objects,
            int answersPerObject,
            long fileBytes,
            long retainedBytes,
            long estimateAllocatedBytes,
            double appendSeconds,
            double estimateSeconds) {

        long answers() {
            return (long) objects * answersPerObject;
        }

        long peakBytes() {
            return retainedBytes + estimateAllocatedBytes;
        }
    }

    private static final int WORKERS = 100;
    private static final int CLASSES = 3;

    static ReduceMemory measure() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int perObject : new int[] {1, 3}) {
            rows.add(row(ScaleReport.PROJECTED, perObject));
        }
        return new ReduceMemory(rows);
    }

    /** The first row's peak: one answer per object, as the benchmark's job. */
    long peakBytes() {
        return rows.get(0).peakBytes();
    }

    private static Row row(int objects, int perObject) throws IOException {
        Random random = new Random(42);
        List<byte[]> files = new ArrayList<>();
        long fileBytes = 0;
        for (int from = 0; from < objects; from += ScaleReport.CHUNK_SIZE) {
            CrowdAnswers.Builder chunk = CrowdAnswers.builder(CLASSES);
            for (int item = from; item < Math.min(objects, from + ScaleReport.CHUNK_SIZE); item++) {
                int truth = item % CLASSES;
                for (int n = 0; n < perObject; n++) {
                    int worker = (item + n * 37) % WORKERS;
                    boolean right = random.nextDouble() < 0.6 + 0.004 * worker;
                    chunk.add("object-" + item, "worker-" + worker, right ? truth : (truth + 1) % CLASSES);
                }
            }
            CrowdAnswers answers = chunk.build();
            int[] known = new int[answers.items()];
            Arrays.fill(known, -1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JobAnswers.write(new JobAnswers.Chunk(answers, known), out);
            files.add(out.toByteArray());
            fileBytes += out.size();
        }
        long before = usedAfterGc();
        long start = System.nanoTime();
        JobAnswers job = new JobAnswers(CLASSES);
        for (byte[] file : files) {
            job.add(new ByteArrayInputStream(file));
        }
        CrowdAnswers all = job.answers();
        int[] known = job.known();
        double append = (System.nanoTime() - start) / 1e9;
        long retained = usedAfterGc() - before;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        start = System.nanoTime();
        new DawidSkene(DawidSkene.Options.GROUND_TRUTH).run(all, known).model();
        double estimate = (System.nanoTime() - start) / 1e9;
        allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        if (job.answers().answers() != (long) objects * perObject) {
            throw new IllegalStateException("appended " + job.answers().answers() + " answers");
        }
        return new Row(objects, perObject, fileBytes, retained, allocated, append, estimate);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    String describe() {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "EstimateWorkers' memory for %,d objects, measured in this JVM on synthetic answers (%d workers, %d"
                        + " classes) written as GatherAnswers writes them, %,d objects a file: the chunk files' size,"
                        + " the heap `JobAnswers` keeps after appending every file (after a collection, against before),"
                        + " and what the Dawid–Skene estimate allocates on top (an upper bound of its extra heap).%n%n",
                ScaleReport.PROJECTED,
                WORKERS,
                CLASSES,
                ScaleReport.CHUNK_SIZE));
        out.append("| answers per object | answers | files, MiB | bytes per answer, kept | heap kept, MiB"
                + " | estimate allocates, MiB | append s | estimate s |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %,d | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |%n",
                    row.answersPerObject(),
                    row.answers(),
                    row.fileBytes() / (double) (1 << 20),
                    row.retainedBytes() / (double) row.answers(),
                    row.retainedBytes() / (double) (1 << 20),
                    row.estimateAllocatedBytes() / (double) (1 << 20),
                    row.appendSeconds(),
                    row.estimateSeconds()));
        }
        return out.toString();
    }
}
