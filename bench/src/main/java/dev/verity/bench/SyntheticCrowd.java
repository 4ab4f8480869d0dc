package dev.verity.bench;

import dev.verity.consolidation.CrowdAnswers;
import java.util.SplittableRandom;

/**
 * A seeded crowd whose truth is known: each item's true class is uniform; each item is answered by distinct workers
 * drawn from a pool whose accuracies spread evenly over [minAccuracy, maxAccuracy]; a wrong answer is uniform over
 * the other classes.
 */
record SyntheticCrowd(
        int items, int answersPerItem, int workers, int classes, double minAccuracy, double maxAccuracy, long seed) {

    /** A million answers: 200,000 items × 5 of 200 workers, 4 classes, worker accuracy 0.45 to 0.95. */
    static final SyntheticCrowd MILLION = new SyntheticCrowd(200_000, 5, 200, 4, 0.45, 0.95, 42);

    CrowdDataset generate() {
        SplittableRandom random = new SplittableRandom(seed);
        double[] accuracy = new double[workers];
        for (int w = 0; w < workers; w++) {
            accuracy[w] = minAccuracy + (maxAccuracy - minAccuracy) * w / (workers - 1);
        }
        CrowdAnswers.Builder builder = CrowdAnswers.builder(classes);
        int[] truth = new int[items];
        int[] chosen = new int[answersPerItem];
        for (int i = 0; i < items; i++) {
            truth[i] = random.nextInt(classes);
            String item = Integer.toString(i);
            for (int n = 0; n < answersPerItem; n++) {
                chosen[n] = distinctWorker(random, workers, chosen, n);
                int w = chosen[n];
                int answer = random.nextDouble() < accuracy[w]
                        ? truth[i]
                        : (truth[i] + 1 + random.nextInt(classes - 1)) % classes;
                builder.add(item, "w" + w, answer);
            }
        }
        // Items are numbered in order of first appearance, which is generation order, so truth lines up.
        return new CrowdDataset("synthetic", builder.build(), truth);
    }

    /** A worker of {@code 0..workers-1} other than the first {@code count} of {@code chosen}. */
    static int distinctWorker(SplittableRandom random, int workers, int[] chosen, int count) {
        while (true) {
            int candidate = random.nextInt(workers);
            boolean taken = false;
            for (int n = 0; n < count; n++) {
                taken |= chosen[n] == candidate;
            }
            if (!taken) {
                return candidate;
            }
        }
    }
}
