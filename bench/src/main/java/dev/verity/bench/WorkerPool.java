package dev.verity.bench;

import dev.verity.consolidation.CrowdAnswers;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The five-worker pools of the consolidation grid. Each object is answered by {@value #ANSWERS_PER_OBJECT} distinct
 * workers of the pool; an honest worker is right with its accuracy and otherwise gives one of the other classes
 * uniformly. Worker 0 is the odd one out in {@link #SPAMMER} and {@link #ADVERSARY}.
 */
enum WorkerPool {
    /** Every worker right with probability 0.85. */
    EQUAL,
    /** Accuracies spread evenly from 0.60 to 0.95. */
    SPREAD,
    /** One worker in five (20%) answers uniformly at random over all classes; the others are right with 0.85. */
    SPAMMER,
    /**
     * One worker in five answers the true class's successor, (t + 1) mod K: always wrong with two classes, a
     * permutation of the classes with more. The others are right with 0.85.
     */
    ADVERSARY;

    static final int WORKERS = 5;
    static final int ANSWERS_PER_OBJECT = 3;
    static final double HONEST_ACCURACY = 0.85;
    private static final double[] SPREAD_ACCURACY = {0.60, 0.6875, 0.775, 0.8625, 0.95};

    /** Worker {@code worker}'s answer to an object of class {@code truth}. */
    int answer(int worker, int truth, int classes, SplittableRandom random) {
        if (worker == 0 && this == SPAMMER) {
            return random.nextInt(classes);
        }
        if (worker == 0 && this == ADVERSARY) {
            return (truth + 1) % classes;
        }
        double accuracy = this == SPREAD ? SPREAD_ACCURACY[worker] : HONEST_ACCURACY;
        return random.nextDouble() < accuracy ? truth : (truth + 1 + random.nextInt(classes - 1)) % classes;
    }

    /**
     * A new job: {@code objects} objects of uniformly random class, each answered by {@value #ANSWERS_PER_OBJECT}
     * distinct workers drawn uniformly from the pool.
     */
    CrowdDataset job(int objects, int classes, SplittableRandom random) {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(classes);
        int[] truth = new int[objects];
        int[] chosen = new int[ANSWERS_PER_OBJECT];
        for (int i = 0; i < objects; i++) {
            truth[i] = random.nextInt(classes);
            String item = Integer.toString(i);
            for (int n = 0; n < ANSWERS_PER_OBJECT; n++) {
                chosen[n] = SyntheticCrowd.distinctWorker(random, WORKERS, chosen, n);
                builder.add(item, "w" + chosen[n], answer(chosen[n], truth[i], classes, random));
            }
        }
        // Items are numbered in order of first appearance, which is generation order, so truth lines up.
        return new CrowdDataset(name().toLowerCase(Locale.ROOT), builder.build(), truth);
    }
}
