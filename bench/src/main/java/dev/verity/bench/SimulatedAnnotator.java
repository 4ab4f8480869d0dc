package dev.verity.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A simulated worker's answer to one object: the true class with probability {@code accuracy}, else one of the other
 * classes uniformly. The draw depends only on (seed, worker, object), so a run answers the same whatever order the
 * tasks come in and whichever thread takes them.
 */
record SimulatedAnnotator(double accuracy, int classes, long seed) {

    SimulatedAnnotator {
        if (classes < 2 || accuracy < 0 || accuracy > 1) {
            throw new IllegalArgumentException("need at least 2 classes and an accuracy in [0, 1]");
        }
    }

    /** The class {@code worker} answers for {@code object}, whose true class is {@code truth}. */
    int answer(String worker, String object, int truth) {
        SplittableRandom random = new SplittableRandom(seed ^ fnv1a64(worker + '\u0000' + object));
        if (random.nextDouble() < accuracy) {
            return truth;
        }
        int wrong = random.nextInt(classes - 1);
        return wrong >= truth ? wrong + 1 : wrong;
    }

    /** 64-bit FNV-1a: String.hashCode's 32 bits would make (worker, object) pairs collide in a large job. */
    static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
