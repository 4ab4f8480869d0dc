package dev.verity.models;

import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Not a test: measures the image pipeline on Fashion-MNIST, each image encoded as a PNG and featurised as in
 * production. Trains on the first N of t10k with 6% of the labels flipped, predicts the first 10,000 of train.
 * It holds both sets in memory: give it {@code -Xmx3g}.
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g [-Dns=500,1000] -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.verity.models.FashionMnistEvaluation \
 *     [/usr/share/datasets/fashion-mnist] [epochs@learningRate ...]
 * </pre>
 */
public final class FashionMnistEvaluation {

    private static final double FLIPPED = 0.06;
    private static final int CLASSES = 10;
    private static final List<String> LABELS =
            IntStream.range(0, CLASSES).mapToObj(c -> "class-" + c).toList();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        List<LinearClassifierTrainer> trainers = args.length > 1
                ? Arrays.stream(args, 1, args.length)
                        .map(FashionMnistEvaluation::trainer)
                        .toList()
                : List.of(LinearClassifierTrainer.IMAGES);
        Featuriser featuriser = new BuiltInModels().featuriser(DataKind.IMAGE);

        List<byte[]> trainPngs = pngs(dir.resolve("t10k-images-idx3-ubyte.gz"), 10_000);
        int[] trainTruth = labels(dir.resolve("t10k-labels-idx1-ubyte.gz"), 10_000);
        List<byte[]> testPngs = pngs(dir.resolve("train-images-idx3-ubyte.gz"), 10_000);
        int[] testTruth = labels(dir.resolve("train-labels-idx1-ubyte.gz"), 10_000);

        long start = System.nanoTime();
        List<Features> trainFeatures =
                trainPngs.stream().map(featuriser::featurise).toList();
        List<Features> testFeatures =
                testPngs.stream().map(featuriser::featurise).toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "featurised %d PNGs in %.1f s: %.0f images/s (one thread)%n",
                trainPngs.size() + testPngs.size(), seconds, (trainPngs.size() + testPngs.size()) / seconds);

        int[] noisy = flip(trainTruth, new Random(7));
        for (LinearClassifierTrainer trainer : trainers) {
            for (int n : Arrays.stream(
                            System.getProperty("ns", "1000,3000,10000").split(","))
                    .mapToInt(Integer::parseInt)
                    .toArray()) {
                List<Features> examples = trainFeatures.subList(0, n);
                int[] classes = Arrays.copyOf(noisy, n);
                long t0 = System.nanoTime();
                LinearClassifier model = trainer.train(featuriser.name(), examples, classes, LABELS, 42);
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                double[][] predicted =
                        testFeatures.stream().map(model::probabilities).toArray(double[][]::new);
                double predictSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf(
                        "%s N=%d: %s; trained in %.1f s, predicted %d in %.1f s, model %d kB%n",
                        trainer,
                        n,
                        Confidence.of(predicted, testTruth),
                        trainSeconds,
                        predicted.length,
                        predictSeconds,
                        model.save().length >> 10);
            }
        }
    }

    private static LinearClassifierTrainer trainer(String spec) {
        String[] parts = spec.split("@");
        return new LinearClassifierTrainer(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]), true);
    }

    /** Each label moved, with probability {@link #FLIPPED}, to one of the other classes. */
    private static int[] flip(int[] truth, Random random) {
        int[] noisy = truth.clone();
        for (int i = 0; i < noisy.length; i++) {
            if (random.nextDouble() < FLIPPED) {
                noisy[i] = (truth[i] + 1 + random.nextInt(CLASSES - 1)) % CLASSES;
            }
        }
        return noisy;
    }

    private static List<byte[]> pngs(Path file, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            int stored = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            List<byte[]> pngs = new ArrayList<>();
            byte[] pixels = new byte[rows * columns];
            for (int i = 0; i < Math.min(count, stored); i++) {
                in.readFully(pixels);
                BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setDataElements(0, 0, columns, rows, pixels);
                pngs.add(png(image));
            }
            return pngs;
        }
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] labels(Path file, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            int stored = in.readInt();
            int[] labels = new int[Math.min(count, stored)];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
            }
            return labels;
        }
    }
}
