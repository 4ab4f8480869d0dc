package dev.verity.bench;

import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.LabelingModels;
import dev.verity.models.BuiltInModels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Times one training of Verity's built-in model on every object of a dataset, with its true labels: the largest
 * training a round of a job this size could ask for (a round trains on the human labels outside the validation set,
 * fewer in the benchmark's runs), which has to fit one Lambda invocation. Measured in this JVM, as the local runtime
 * runs its train function, outside the loop.
 */
final class TrainingProbe {

    /** How many examples, and how long featurising them and training on them took. */
    record Timing(int examples, double featuriseSeconds, double trainSeconds) {}

    private final LabelingModels models = new BuiltInModels();

    Timing run(LabelingDataset dataset, long seed) {
        DataKind kind = dataset.items().get(0).png() != null ? DataKind.IMAGE : DataKind.TEXT;
        long start = System.nanoTime();
        List<Features> examples = new ArrayList<>(dataset.items().size());
        int[] classes = new int[dataset.items().size()];
        for (int i = 0; i < classes.length; i++) {
            LabelingDataset.Item item = dataset.items().get(i);
            examples.add(models.featuriser(kind)
                    .featurise(kind == DataKind.IMAGE ? item.png() : item.text().getBytes(StandardCharsets.UTF_8)));
            classes[i] = item.truth();
        }
        long featurised = System.nanoTime();
        models.train(kind, examples, classes, dataset.labels(), seed);
        long trained = System.nanoTime();
        return new Timing(classes.length, (featurised - start) / 1e9, (trained - featurised) / 1e9);
    }
}
