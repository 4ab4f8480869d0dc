package dev.verity.autolabel;

import java.util.List;

/**
 * The port to Verity's built-in models: featurisers and classifiers that run inside the train and infer functions,
 * with nothing downloaded at run time. The implementation lives in the {@code models} module, so the other
 * functions do not carry its libraries.
 */
public interface LabelingModels {

    /** The featuriser for a kind of data. */
    Featuriser featuriser(DataKind kind);

    /**
     * Trains a classifier on labeled examples.
     *
     * @param examples one feature vector per example, from {@link #featuriser(DataKind)}
     * @param classes  each example's class index into {@code labels}
     * @param labels   the class names; the model predicts one probability for each
     * @param seed     the same examples, labels and seed give the same model
     * @throws IllegalArgumentException if there are no examples
     */
    LabelingModel train(DataKind kind, List<Features> examples, int[] classes, List<String> labels, long seed);

    /**
     * Reads a model that {@link LabelingModel#save()} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not such a model
     */
    LabelingModel load(byte[] saved);
}
