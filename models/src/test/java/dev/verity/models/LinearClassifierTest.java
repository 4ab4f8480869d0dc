package dev.verity.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.LabelingModel;
import dev.verity.autolabel.LabelingModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinearClassifierTest {

    private static final List<String> LABELS = List.of("cat", "dog", "bird");

    private final LabelingModels models = new BuiltInModels();

    /** Three clusters of dense points, each around its own corner, plus dimensions of pure noise. */
    private record Toy(List<Features> examples, int[] classes) {

        static Toy dense(int perClass, long seed) {
            Random random = new Random(seed);
            List<Features> examples = new ArrayList<>();
            int[] classes = new int[3 * perClass];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = i % 3;
                float[] values = new float[8];
                for (int d = 0; d < values.length; d++) {
                    values[d] = (float) (random.nextGaussian() * 0.3 + (d == classes[i] ? 3 : 0));
                }
                examples.add(Features.dense(values));
            }
            return new Toy(examples, classes);
        }

        /** Each example has its class's marker feature and a few random ones shared by all classes. */
        static Toy sparse(int perClass, long seed) {
            Random random = new Random(seed);
            List<Features> examples = new ArrayList<>();
            int[] classes = new int[3 * perClass];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = i % 3;
                int[] indices = IntStream.concat(IntStream.of(1000 * (classes[i] + 1)), random.ints(5, 5000, 6000))
                        .distinct()
                        .sorted()
                        .toArray();
                float[] values = new float[indices.length];
                Arrays.fill(values, (float) (1 / Math.sqrt(indices.length)));
                examples.add(new Features(indices, values));
            }
            return new Toy(examples, classes);
        }
    }

    @Test
    void learnsALinearlySeparableDenseSetPerfectly() {
        Toy toy = Toy.dense(20, 1);

        LabelingModel model = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 7);

        assertThat(accuracy(model, toy)).isEqualTo(1.0);
    }

    @Test
    void learnsALinearlySeparableSparseSetPerfectly() {
        Toy toy = Toy.sparse(20, 1);

        LabelingModel model = models.train(DataKind.TEXT, toy.examples(), toy.classes(), LABELS, 7);

        assertThat(accuracy(model, toy)).isEqualTo(1.0);
    }

    @Test
    void probabilitiesLieBetweenZeroAndOneAndSumToOne() {
        Toy toy = Toy.dense(20, 1);
        LabelingModel model = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 7);

        for (Features features : Toy.dense(10, 2).examples()) {
            double[] probabilities = model.probabilities(features);
            assertThat(probabilities).hasSize(3);
            for (double p : probabilities) {
                assertThat(p).isBetween(0.0, 1.0);
            }
            assertThat(sum(probabilities)).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        Toy toy = Toy.dense(20, 1);

        LabelingModel first = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 7);
        LabelingModel second = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 7);

        for (Features features : Toy.dense(5, 2).examples()) {
            assertThat(second.probabilities(features)).containsExactly(first.probabilities(features));
        }
    }

    @Test
    void anotherSeedShufflesTheExamplesDifferently() {
        Toy toy = Toy.dense(20, 1);
        Features probe = Toy.dense(1, 2).examples().get(0);

        LabelingModel first = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 7);
        LabelingModel second = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 8);

        assertThat(second.probabilities(probe)).isNotEqualTo(first.probabilities(probe));
    }

    @Test
    void theOrderOfTheExamplesDoesNotChangeTheModel() {
        Toy toy = Toy.sparse(20, 1);
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, toy.classes().length).boxed().toList());
        Collections.shuffle(order, new Random(3));
        List<Features> shuffled = order.stream().map(toy.examples()::get).toList();
        int[] shuffledClasses = order.stream().mapToInt(i -> toy.classes()[i]).toArray();

        LabelingModel first = models.train(DataKind.TEXT, toy.examples(), toy.classes(), LABELS, 7);
        LabelingModel second = models.train(DataKind.TEXT, shuffled, shuffledClasses, LABELS, 7);

        for (Features features : Toy.sparse(5, 2).examples()) {
            assertThat(second.probabilities(features)).containsExactly(first.probabilities(features));
        }
    }

    @Test
    void aClassNobodyLabeledHasProbabilityZero() {
        Toy toy = Toy.dense(20, 1);
        int[] noBirds = IntStream.of(toy.classes()).map(c -> c == 2 ? 0 : c).toArray();

        LabelingModel model = models.train(DataKind.IMAGE, toy.examples(), noBirds, LABELS, 7);

        double[] probabilities = model.probabilities(toy.examples().get(2));
        assertThat(probabilities[2]).isZero();
        assertThat(sum(probabilities)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aModelOfOneClassIsCertainOfIt() {
        Toy toy = Toy.sparse(5, 1);
        int[] allDogs = new int[toy.classes().length];
        Arrays.fill(allDogs, 1);

        LabelingModel model = models.train(DataKind.TEXT, toy.examples(), allDogs, LABELS, 7);

        assertThat(model.probabilities(toy.examples().get(0))).containsExactly(0.0, 1.0, 0.0);
    }

    @Test
    void aTextWithoutKnownFeaturesStillGetsProbabilities() {
        Toy toy = Toy.sparse(10, 1);
        LabelingModel model = models.train(DataKind.TEXT, toy.examples(), toy.classes(), LABELS, 7);

        double[] empty = model.probabilities(new Features(new int[0], new float[0]));
        double[] unknown = model.probabilities(new Features(new int[] {99_999}, new float[] {1}));

        assertThat(sum(empty)).isCloseTo(1.0, within(1e-9));
        assertThat(unknown).containsExactly(empty);
    }

    @Test
    void aSavedModelLoadsBackAndPredictsExactlyTheSame() {
        Toy dense = Toy.dense(20, 1);
        Toy sparse = Toy.sparse(20, 1);
        LabelingModel images = models.train(DataKind.IMAGE, dense.examples(), dense.classes(), LABELS, 7);
        LabelingModel texts = models.train(DataKind.TEXT, sparse.examples(), sparse.classes(), LABELS, 7);

        LabelingModel imagesBack = models.load(images.save());
        LabelingModel textsBack = models.load(texts.save());

        assertThat(imagesBack.labels()).isEqualTo(LABELS);
        assertThat(imagesBack.featuriser()).isEqualTo("image-hog-v2");
        assertThat(textsBack.featuriser()).isEqualTo("text-ngrams-v1");
        for (Features features : Toy.dense(5, 2).examples()) {
            assertThat(imagesBack.probabilities(features)).containsExactly(images.probabilities(features));
        }
        for (Features features : Toy.sparse(5, 2).examples()) {
            assertThat(textsBack.probabilities(features)).containsExactly(texts.probabilities(features));
        }
    }

    @Test
    void loadingRandomBytesIsRefused() {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);

        assertThatThrownBy(() -> models.load(noise))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Verity model");
    }

    @Test
    void loadingATruncatedModelIsRefused() {
        Toy toy = Toy.dense(5, 1);
        byte[] saved = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 7)
                .save();

        for (int length : new int[] {0, 6, 40, saved.length / 2, saved.length - 1}) {
            assertThatThrownBy(() -> models.load(Arrays.copyOf(saved, length)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anImageModelRefusesFeaturesOfAnotherShape() {
        Toy toy = Toy.dense(5, 1);
        LabelingModel model = models.train(DataKind.IMAGE, toy.examples(), toy.classes(), LABELS, 7);

        assertThatThrownBy(() -> model.probabilities(Features.dense(new float[3])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 features");
    }

    @Test
    void trainingRefusesNoExamplesAndUnknownClasses() {
        Toy toy = Toy.dense(1, 1);

        assertThatThrownBy(() -> models.train(DataKind.IMAGE, List.of(), new int[0], LABELS, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no examples");
        assertThatThrownBy(() -> models.train(DataKind.IMAGE, toy.examples(), new int[] {0, 1, 3}, LABELS, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 3");
        assertThatThrownBy(() -> models.train(DataKind.IMAGE, toy.examples(), new int[] {0, 1}, LABELS, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 examples but 2 classes");
    }

    private static double accuracy(LabelingModel model, Toy toy) {
        int right = 0;
        for (int i = 0; i < toy.classes().length; i++) {
            double[] p = model.probabilities(toy.examples().get(i));
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                best = p[c] > p[best] ? c : best;
            }
            right += best == toy.classes()[i] ? 1 : 0;
        }
        return (double) right / toy.classes().length;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
