package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void encodesEachImageAsAGreyPngWithThePixelsAsStored() throws Exception {
        byte[] pixels = new byte[28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(FashionMnist.png(pixels, 28, 28)));

        assertThat(image.getWidth()).isEqualTo(28);
        assertThat(image.getHeight()).isEqualTo(28);
        assertThat(image.getRaster().getNumBands()).isEqualTo(1);
        assertThat(image.getRaster().getSample(5, 3, 0)).isEqualTo(pixels[3 * 28 + 5] & 0xFF);
    }

    @Test
    void loadsTheTestSetAsImageClassificationWithTheTenClassNames() throws Exception {
        IdxFileTest.write(
                dir.resolve("t10k-images-idx3-ubyte.gz"), true, 0x0803, new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
        IdxFileTest.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), true, 0x0801, new int[] {2}, new byte[] {9, 0});

        LabelingDataset dataset = FashionMnist.load(dir);

        assertThat(dataset.taskType()).isEqualTo("ImageMultiClass");
        assertThat(dataset.algorithm()).isEqualTo("image-classification");
        assertThat(dataset.labels()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(dataset.items())
                .extracting(LabelingDataset.Item::name)
                .containsExactly("t10k-00000.png", "t10k-00001.png");
        assertThat(dataset.items()).extracting(LabelingDataset.Item::truth).containsExactly(9, 0);
        assertThat(dataset.items().get(0).png()).isNotEmpty();
    }

    @Test
    void refusesImagesAndLabelsThatDoNotPair() throws Exception {
        IdxFileTest.write(dir.resolve("t10k-images-idx3-ubyte"), false, 0x0803, new int[] {2, 1, 1}, new byte[2]);
        IdxFileTest.write(dir.resolve("t10k-labels-idx1-ubyte"), false, 0x0801, new int[] {1}, new byte[] {1});

        assertThatThrownBy(() -> FashionMnist.load(dir)).hasMessageContaining("2 images but 1 labels");
    }
}
