package dev.verity.autolabel;

import java.util.Arrays;

/**
 * One object's feature vector, sparse: strictly increasing indices with their values. A dense featuriser fills
 * every index from 0; {@link #isDense()} says so, and {@link FeatureFile} then stores the values alone.
 */
public record Features(int[] indices, float[] values) {

    public Features {
        if (indices.length != values.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
        }
        for (int i = 1; i < indices.length; i++) {
            if (indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException(
                        "feature indices must increase: " + indices[i - 1] + ", " + indices[i]);
            }
        }
        if (indices.length > 0 && indices[0] < 0) {
            throw new IllegalArgumentException("negative feature index " + indices[0]);
        }
    }

    /** A dense vector: index i holds {@code values[i]}. */
    public static Features dense(float[] values) {
        int[] indices = new int[values.length];
        Arrays.setAll(indices, i -> i);
        return new Features(indices, values.clone());
    }

    public int size() {
        return indices.length;
    }

    /** True if the indices are exactly 0, 1, …, size − 1. */
    public boolean isDense() {
        return indices.length == 0 || indices[indices.length - 1] == indices.length - 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Features f && Arrays.equals(indices, f.indices) && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Features[" + indices.length + (isDense() ? " dense" : " sparse") + "]";
    }
}
