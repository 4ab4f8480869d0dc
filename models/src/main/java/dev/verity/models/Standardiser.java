package dev.verity.models;

import dev.verity.autolabel.Features;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Rescales each feature of a dense vector to mean 0 and deviation 1 over the training set, so features of different
 * ranges (gradients, grey levels, colour shares) learn at the same pace.
 */
record Standardiser(double[] means, double[] deviations) {

    /** Floors a deviation, so a near-constant feature is not blown up into noise. */
    static final double MIN_DEVIATION = 1e-2;

    /** @throws IllegalArgumentException unless the examples are dense vectors of one length */
    static Standardiser fit(List<Features> examples) {
        int length = examples.get(0).size();
        double[] means = new double[length];
        for (Features example : examples) {
            checkShape(example, length);
            float[] values = example.values();
            for (int i = 0; i < length; i++) {
                means[i] += values[i];
            }
        }
        for (int i = 0; i < length; i++) {
            means[i] /= examples.size();
        }
        double[] deviations = new double[length];
        for (Features example : examples) {
            float[] values = example.values();
            for (int i = 0; i < length; i++) {
                double d = values[i] - means[i];
                deviations[i] += d * d;
            }
        }
        for (int i = 0; i < length; i++) {
            deviations[i] = Math.max(MIN_DEVIATION, Math.sqrt(deviations[i] / examples.size()));
        }
        return new Standardiser(means, deviations);
    }

    /** @throws IllegalArgumentException unless the features are dense and as long as the training set's */
    double[] apply(Features features) {
        checkShape(features, means.length);
        float[] values = features.values();
        double[] out = new double[means.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (values[i] - means[i]) / deviations[i];
        }
        return out;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(means.length);
        for (int i = 0; i < means.length; i++) {
            out.writeDouble(means[i]);
            out.writeDouble(deviations[i]);
        }
    }

    static Standardiser read(DataInputStream in) throws IOException {
        int length = in.readInt();
        // Models are read from memory, where available() is what is left: corrupt bytes cannot ask for gigabytes.
        if (length < 0 || 16L * length > in.available()) {
            throw new IOException("truncated standardisation of " + length + " features");
        }
        double[] means = new double[length];
        double[] deviations = new double[length];
        for (int i = 0; i < length; i++) {
            means[i] = in.readDouble();
            deviations[i] = in.readDouble();
        }
        return new Standardiser(means, deviations);
    }

    private static void checkShape(Features features, int length) {
        if (!features.isDense() || features.size() != length) {
            throw new IllegalArgumentException("expected a dense vector of " + length + " features, got " + features);
        }
    }
}
