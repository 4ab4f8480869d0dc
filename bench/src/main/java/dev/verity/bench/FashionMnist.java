package dev.verity.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Fashion-MNIST's test set (Xiao, Rasul and Vollgraf, 2017; Debian package {@code dataset-fashion-mnist}): 10,000
 * 28×28 grey images of clothing in 10 classes, each encoded as a PNG for an {@code ImageMultiClass} job.
 */
final class FashionMnist {

    /** Where the Debian package puts the files. */
    static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The classes in the order of the label file's values 0 to 9. */
    static final List<String> LABELS = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    /** The {@code t10k} images and labels of {@code dir}, gzipped as the package ships them or not. */
    static LabelingDataset load(Path dir) throws IOException {
        IdxFile.Images images = IdxFile.images(existing(dir, "t10k-images-idx3-ubyte"));
        int[] labels = IdxFile.labels(existing(dir, "t10k-labels-idx1-ubyte"));
        if (images.count() != labels.length) {
            throw new IOException(dir + ": " + images.count() + " images but " + labels.length + " labels");
        }
        List<LabelingDataset.Item> items = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= LABELS.size()) {
                throw new IOException(dir + ": image " + i + " has label " + labels[i] + ", not 0 to 9");
            }
            items.add(new LabelingDataset.Item(
                    String.format(Locale.ROOT, "t10k-%05d.png", i),
                    png(images.pixels()[i], images.columns(), images.rows()),
                    null,
                    labels[i]));
        }
        return new LabelingDataset(
                "fashion-mnist",
                "Fashion-MNIST",
                "ImageMultiClass",
                "image-classification",
                "crowd-image-classifier",
                "category",
                "What is the article of clothing?",
                LABELS,
                items,
                List.of(String.format(
                        Locale.ROOT,
                        "the t10k test set of `%s`: %,d images of %d×%d grey pixels,"
                                + " each uploaded as an 8-bit grey PNG",
                        dir,
                        items.size(),
                        images.columns(),
                        images.rows())));
    }

    /** An 8-bit grey PNG of the pixels as stored (0 is the background, so the clothes are light on black). */
    static byte[] png(byte[] pixels, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path existing(Path dir, String name) throws IOException {
        for (Path candidate : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no " + name + "(.gz) in " + dir + "; run bench/setup-datasets.sh or pass --fmnist");
    }
}
