package dev.verity.models;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scores a batch of predictions the way automated labeling uses them: how many are right, and how many could be
 * machine-labeled at a given accuracy.
 *
 * @param fractionAt95 the largest share of the objects, taken by decreasing top probability, whose accuracy is at
 *                     least 0.95 ("frac@95")
 */
record Confidence(double accuracy, double fractionAt95, double fractionAt99) {

    /**
     * @param probabilities one distribution per object
     * @param truth         each object's true class
     */
    static Confidence of(double[][] probabilities, int[] truth) {
        int n = truth.length;
        Integer[] order = new Integer[n];
        boolean[] right = new boolean[n];
        double[] top = new double[n];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            int predicted = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                predicted = probabilities[i][c] > probabilities[i][predicted] ? c : predicted;
            }
            top[i] = probabilities[i][predicted];
            right[i] = predicted == truth[i];
            correct += right[i] ? 1 : 0;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -top[i]));
        return new Confidence((double) correct / n, fraction(order, right, 0.95), fraction(order, right, 0.99));
    }

    private static double fraction(Integer[] order, boolean[] right, double accuracy) {
        int correct = 0;
        int best = 0;
        for (int k = 0; k < order.length; k++) {
            correct += right[order[k]] ? 1 : 0;
            if (correct >= accuracy * (k + 1)) {
                best = k + 1;
            }
        }
        return (double) best / order.length;
    }

    @Override
    public String toString() {
        return String.format("accuracy %.3f, frac@95 %.3f, frac@99 %.3f", accuracy, fractionAt95, fractionAt99);
    }
}
