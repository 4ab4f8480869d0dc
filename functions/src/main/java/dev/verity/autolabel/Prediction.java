package dev.verity.autolabel;

/** A model's label for one object: the class index and its probability (a round's inference, or a machine label). */
public record Prediction(String datasetObjectId, int label, double confidence) {}
