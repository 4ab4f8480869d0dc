package dev.verity.models;

import dev.verity.autolabel.Features;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * Tribuo knows features by name. This holds one name per feature index a model knows, shared by every example
 * (thousands of examples never copy a name), and drops indices the model never saw.
 */
final class FeatureNames {

    private static final String PREFIX = "f";
    /** Tribuo refuses an example without features (an empty text): every example has this one, valued 1. */
    private static final String CONSTANT = "constant";

    private final int[] indices;
    private final String[] names;

    private FeatureNames(int[] indices) {
        this.indices = indices;
        this.names = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            names[i] = name(indices[i]);
        }
    }

    /** The indices found in the training examples. */
    static FeatureNames of(List<Features> examples) {
        BitSet seen = new BitSet();
        for (Features example : examples) {
            for (int index : example.indices()) {
                seen.set(index);
            }
        }
        return new FeatureNames(seen.stream().toArray());
    }

    /** The indices a trained Tribuo model knows. */
    static FeatureNames of(ImmutableFeatureMap features) {
        List<Integer> indices = new ArrayList<>();
        for (VariableInfo feature : features) {
            if (!feature.getName().equals(CONSTANT)) {
                indices.add(Integer.parseInt(feature.getName().substring(PREFIX.length())));
            }
        }
        return new FeatureNames(
                indices.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    /** A Tribuo example of the known features among {@code indices}, with their {@code values}. */
    Example<Label> example(Label label, int[] indices, double[] values) {
        String[] exampleNames = new String[indices.length + 1];
        double[] exampleValues = new double[indices.length + 1];
        exampleNames[0] = CONSTANT;
        exampleValues[0] = 1;
        int known = 1;
        for (int i = 0; i < indices.length; i++) {
            int at = Arrays.binarySearch(this.indices, indices[i]);
            if (at >= 0) {
                exampleNames[known] = names[at];
                exampleValues[known++] = values[i];
            }
        }
        return new ArrayExample<>(label, Arrays.copyOf(exampleNames, known), Arrays.copyOf(exampleValues, known));
    }

    /** Zero-padded, so names sort as their indices do. */
    private static String name(int index) {
        String digits = Integer.toString(index);
        return PREFIX + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }
}
