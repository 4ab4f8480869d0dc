package dev.verity.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The synthetic grid of the consolidation comparison: jobs of {@link #OBJECTS} objects × {@link #CLASSES} classes ×
 * each {@link WorkerPool}, every point run on {@code seeds} new jobs (objects, truth and answers drawn from a seeded
 * {@link SplittableRandom}) and labeled by each {@link ComparedMethod}.
 *
 * <p>{@code main} prints just the grid table, for tuning: arguments {@code <seeds> <maxObjects>} (default
 * {@value #DEFAULT_SEEDS} and the largest size); points with more objects than {@code maxObjects} are skipped.
 */
public final class ConsolidationGrid {

    static final int[] OBJECTS = {20, 50, 100, 300, 1_000, 10_000};
    static final int[] CLASSES = {2, 4, 10};
    static final int DEFAULT_SEEDS = 100;

    /**
     * @param markdown the table and its summary line
     * @param pooled   each method's calibration pooled over every item of every point, by {@link ComparedMethod}
     */
    record Result(String markdown, ExpectedCalibrationError[] pooled) {}

    private ConsolidationGrid() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SEEDS;
        int maxObjects = args.length > 1 ? Integer.parseInt(args[1]) : OBJECTS[OBJECTS.length - 1];
        long start = System.nanoTime();
        System.out.print(run(seeds, maxObjects, true).markdown());
        System.out.printf(Locale.ROOT, "%n%.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    static Result run(int seeds, int maxObjects, boolean progress) {
        ExpectedCalibrationError[] pooled = new ExpectedCalibrationError[ComparedMethod.values().length];
        for (int m = 0; m < pooled.length; m++) {
            pooled[m] = new ExpectedCalibrationError();
        }
        StringBuilder md = new StringBuilder(String.format(
                        Locale.ROOT,
                        "%d jobs per point. Pools of %d workers, %d distinct workers answering each object, a wrong answer"
                                + " uniform over the other classes: *equal* (all right with %.2f), *spread* (0.60, 0.6875,"
                                + " 0.775, 0.8625, 0.95), *spammer* (one of the five answers uniformly at random, the others"
                                + " %.2f), *adversary* (one of the five answers the true class's successor, (t + 1) mod K:"
                                + " always wrong with K = 2, a permutation of the classes above; the others %.2f). Accuracy is"
                                + " the mean over the jobs; *< MV* is the share of jobs where the method is less accurate"
                                + " than majority vote; ECE is the expected calibration error (10 equal-width bins of the"
                                + " chosen class's unrounded posterior, or MV's vote share) pooled over all items of the"
                                + " point's jobs.%n%n",
                        seeds,
                        WorkerPool.WORKERS,
                        WorkerPool.ANSWERS_PER_OBJECT,
                        WorkerPool.HONEST_ACCURACY,
                        WorkerPool.HONEST_ACCURACY,
                        WorkerPool.HONEST_ACCURACY))
                .append("| objects | K | pool ")
                .append(MethodComparison.HEADER)
                .append("\n|---:|---:|---|")
                .append(MethodComparison.ALIGN)
                .append('\n');
        int points = 0;
        int passed = 0;
        for (int objects : OBJECTS) {
            if (objects > maxObjects) {
                continue;
            }
            for (int classes : CLASSES) {
                for (WorkerPool pool : WorkerPool.values()) {
                    long started = System.nanoTime();
                    long key = ((long) objects * 31 + classes) * 31 + pool.ordinal();
                    MethodComparison point = MethodComparison.over(
                            seeds, s -> pool.job(objects, classes, new SplittableRandom(key * 1_000_003L + s)));
                    for (ComparedMethod method : ComparedMethod.values()) {
                        pooled[method.ordinal()].merge(point.calibration(method));
                    }
                    points++;
                    passed += point.verityHoldsUp() ? 1 : 0;
                    String row = String.format(
                                    Locale.ROOT,
                                    "| %,d | %d | %s |",
                                    objects,
                                    classes,
                                    pool.name().toLowerCase(Locale.ROOT))
                            + point.cells();
                    md.append(row).append('\n');
                    if (progress) {
                        System.err.printf(Locale.ROOT, "%s  (%.1f s)%n", row, (System.nanoTime() - started) / 1e9);
                    }
                }
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "%nVerity ≥ max(MV, GT DS) − %s on %d of %d points.%n",
                MethodComparison.MARGIN,
                passed,
                points));
        return new Result(md.toString(), pooled);
    }
}
