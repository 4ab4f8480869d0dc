package dev.verity.models;

import dev.verity.autolabel.Features;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a multinomial logistic regression with Tribuo: SGD, one example a step, AdaGrad. Nothing else regularises
 * the model, so the epochs and the learning rate also decide how far it fits noisy labels; both were chosen on
 * Fashion-MNIST and SpamAssassin (see FashionMnistEvaluation and SpamAssassinEvaluation).
 * <p>
 * Not Adam: Tribuo 4.3.2's Adam multiplies by the root of the second moment instead of dividing (fixed upstream in
 * oracle/tribuo#401), so it barely moves on unit-length text vectors, and a fixed release would change every
 * image model.
 *
 * @param standardise whether the features are dense and need standardising (images); text vectors have unit
 *                    length already
 */
record LinearClassifierTrainer(int epochs, double learningRate, boolean standardise) {

    static final LinearClassifierTrainer IMAGES = new LinearClassifierTrainer(15, 0.002, true);
    static final LinearClassifierTrainer TEXTS = new LinearClassifierTrainer(10, 0.3, false);
    private static final double EPSILON = 1e-6;
    private static final int NO_LOGGING = -1;
    private static final int MINIBATCH = 1;

    LinearClassifier train(String featuriser, List<Features> examples, int[] classes, List<String> labels, long seed) {
        check(examples, classes, labels);
        // A canonical order: the model depends on the examples and the seed, not on the order they came in.
        List<Integer> order = IntStream.range(0, examples.size())
                .boxed()
                .sorted(Comparator.<Integer, Features>comparing(examples::get, LinearClassifierTrainer::compare)
                        .thenComparingInt(i -> classes[i]))
                .toList();
        List<Features> sorted = order.stream().map(examples::get).toList();
        Standardiser standardiser = standardise ? Standardiser.fit(sorted) : null;
        FeatureNames names = FeatureNames.of(sorted);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("verity", factory), factory);
        for (int i : order) {
            Features features = examples.get(i);
            data.add(names.example(
                    new Label(Integer.toString(classes[i])),
                    features.indices(),
                    LinearClassifier.values(standardiser, features)));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(
                new LogMulticlass(), new AdaGrad(learningRate, EPSILON), epochs, NO_LOGGING, MINIBATCH, seed);
        Model<Label> model = trainer.train(data);
        return new LinearClassifier(labels, featuriser, standardiser, model);
    }

    private static void check(List<Features> examples, int[] classes, List<String> labels) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        if (examples.size() != classes.length) {
            throw new IllegalArgumentException(examples.size() + " examples but " + classes.length + " classes");
        }
        for (int c : classes) {
            if (c < 0 || c >= labels.size()) {
                throw new IllegalArgumentException("class " + c + " is not one of the " + labels.size() + " labels");
            }
        }
    }

    private static int compare(Features a, Features b) {
        int byIndices = Arrays.compare(a.indices(), b.indices());
        return byIndices != 0 ? byIndices : Arrays.compare(a.values(), b.values());
    }
}
