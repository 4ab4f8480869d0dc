package dev.verity.autolabel;

import java.util.List;

/** A trained classifier: for one object's features, a probability per class. */
public interface LabelingModel {

    /** The class names, in class-index order (the job's label categories when it was trained). */
    List<String> labels();

    /** The name of the featuriser whose features the model takes. */
    String featuriser();

    /** One probability per class, in class-index order; they sum to 1. */
    double[] probabilities(Features features);

    /** The model as bytes that {@link LabelingModels#load} reads back into an equal model. */
    byte[] save();
}
