package dev.verity.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.autolabel.Features;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageFeaturiserTest {

    private final ImageFeaturiser featuriser = new ImageFeaturiser();

    @Test
    void anImageBecomesADenseVectorOfHogPixelsColoursAndFilterResponses() {
        Features features = featuriser.featurise(Images.encode(picture(40, 30), "png"));

        assertThat(features.isDense()).isTrue();
        assertThat(features.size()).isEqualTo(1296 + 196 + 24 + 512).isEqualTo(ImageFeaturiser.LENGTH);
        assertThat(featuriser.name()).isEqualTo("image-hog-v2");
    }

    @Test
    void theSamePixelsGiveTheSameVectorInEveryLosslessEncoding() {
        BufferedImage rgb = picture(40, 30);
        Features png = featuriser.featurise(Images.encode(rgb, "png"));

        assertThat(featuriser.featurise(Images.encode(Images.convert(rgb, BufferedImage.TYPE_INT_ARGB), "png")))
                .isEqualTo(png);
        assertThat(featuriser.featurise(Images.encode(rgb, "bmp"))).isEqualTo(png);
        assertThat(featuriser.featurise(Images.encode(rgb, "tiff"))).isEqualTo(png);
        assertThat(featuriser.featurise(Images.encode(sixteenBitCopy(rgb), "png")))
                .isEqualTo(png);
    }

    @Test
    void aPaletteImageGivesTheSameVectorAsItsRgbCopy() {
        BufferedImage palette = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = palette.createGraphics();
        g.setColor(Color.RED);
        g.fillOval(4, 4, 20, 20);
        g.dispose();
        assertThat(palette.getColorModel()).isInstanceOf(IndexColorModel.class);

        assertThat(featuriser.featurise(Images.encode(palette, "png")))
                .isEqualTo(featuriser.featurise(
                        Images.encode(Images.convert(palette, BufferedImage.TYPE_INT_RGB), "png")));
    }

    @Test
    void aGreyImageGivesTheSameVectorAsItsRgbCopyWhateverItsDepth() {
        BufferedImage grey = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage deepGrey = new BufferedImage(30, 20, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage rgb = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                int level = random.nextInt(256);
                grey.getRaster().setSample(x, y, 0, level);
                deepGrey.getRaster().setSample(x, y, 0, level * 257);
                rgb.setRGB(x, y, level * 0x010101);
            }
        }
        Features fromRgb = featuriser.featurise(Images.encode(rgb, "png"));

        assertThat(featuriser.featurise(Images.encode(grey, "png"))).isEqualTo(fromRgb);
        assertThat(featuriser.featurise(Images.encode(deepGrey, "png"))).isEqualTo(fromRgb);
    }

    @Test
    void transparentPixelsCountAsWhite() {
        BufferedImage transparent = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);
        BufferedImage white = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                boolean ink = x > 5 && x < 12;
                transparent.setRGB(x, y, ink ? 0xff000000 : 0x00000000);
                white.setRGB(x, y, ink ? 0x000000 : 0xffffff);
            }
        }

        assertThat(featuriser.featurise(Images.encode(transparent, "png")))
                .isEqualTo(featuriser.featurise(Images.encode(white, "png")));
    }

    @Test
    void aJpegDecodesToNearlyTheVectorOfItsPng() {
        BufferedImage rgb = picture(96, 64);

        float[] png = featuriser.featurise(Images.encode(rgb, "png")).values();
        float[] jpeg = featuriser.featurise(Images.encode(rgb, "jpeg")).values();

        assertThat(cosine(png, jpeg)).isGreaterThan(0.95);
    }

    @Test
    void aOnePixelImageWorks() {
        BufferedImage dot = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        dot.setRGB(0, 0, 0x336699);

        Features features = featuriser.featurise(Images.encode(dot, "png"));

        assertThat(features.size()).isEqualTo(ImageFeaturiser.LENGTH);
        assertThat(features.values()).doesNotContain(Float.NaN);
    }

    @Test
    void aFourKImageWorks() {
        Features features = featuriser.featurise(Images.encode(picture(3840, 2160), "png"));

        assertThat(features.size()).isEqualTo(ImageFeaturiser.LENGTH);
    }

    @Test
    void anImageOfMoreThanSixteenMegapixelsGivesTheVectorOfASmallCopy() {
        // Decoded subsampled, to bound memory; black and white halves survive that unchanged.
        Features huge = featuriser.featurise(Images.encode(halves(6000, 3000), "png"));
        Features small = featuriser.featurise(Images.encode(halves(600, 300), "png"));

        assertThat(cosine(huge.values(), small.values())).isGreaterThan(0.999);
    }

    @Test
    void bytesThatAreNoImageAreRefusedWithAReason() {
        byte[] text = "{\"source\": \"not a picture\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> featuriser.featurise(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an image: 27 bytes");
        assertThatThrownBy(() -> featuriser.featurise(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an image");
    }

    @Test
    void aTruncatedImageIsRefusedWithAReason() {
        byte[] png = Images.encode(picture(64, 64), "png");

        assertThatThrownBy(() -> featuriser.featurise(Arrays.copyOf(png, png.length / 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot decode the image");
    }

    /** Colourful shapes on a gradient, so every part of the vector has something to say. */
    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x++) {
            g.setColor(new Color(x * 255 / width, 80, 160));
            g.drawLine(x, 0, x, height);
        }
        g.setColor(Color.YELLOW);
        g.fillOval(width / 8, height / 8, width / 2, height / 2);
        g.setColor(Color.BLACK);
        g.fillRect(width / 2, height / 2, width / 3, height / 3);
        g.dispose();
        return image;
    }

    private static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(width / 2, 0, width / 2, height);
        g.dispose();
        return image;
    }

    /** The same pixels as 16-bit RGB: each 8-bit level v becomes v × 257. */
    private static BufferedImage sixteenBitCopy(BufferedImage rgb) {
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                false,
                false,
                ComponentColorModel.OPAQUE,
                DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                raster.setPixel(x, y, new int[] {(p >> 16 & 0xff) * 257, (p >> 8 & 0xff) * 257, (p & 0xff) * 257});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }
}
