package dev.verity.models;

import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;
import dev.verity.autolabel.LabelingModel;
import dev.verity.autolabel.LabelingModels;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Verity's built-in models: HOG features for images, hashed n-grams for texts, a linear classifier for both. */
public final class BuiltInModels implements LabelingModels {

    // Held: java.util.logging keeps loggers weakly, and a collected logger forgets its level. Tribuo logs every
    // training at INFO.
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    static {
        TRIBUO.setLevel(Level.WARNING);
    }

    private final Featuriser images = new ImageFeaturiser();
    private final Featuriser texts = new TextFeaturiser();

    @Override
    public Featuriser featuriser(DataKind kind) {
        return switch (kind) {
            case IMAGE -> images;
            case TEXT -> texts;
        };
    }

    @Override
    public LabelingModel train(DataKind kind, List<Features> examples, int[] classes, List<String> labels, long seed) {
        LinearClassifierTrainer trainer = switch (kind) {
            case IMAGE -> LinearClassifierTrainer.IMAGES;
            case TEXT -> LinearClassifierTrainer.TEXTS;
        };
        return trainer.train(featuriser(kind).name(), examples, classes, labels, seed);
    }

    @Override
    public LabelingModel load(byte[] saved) {
        return LinearClassifier.load(saved);
    }
}
