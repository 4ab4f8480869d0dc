package dev.verity.tasktype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngRowsTest {

    private static final String PATH = "\"mask\"";

    @ParameterizedTest(name = "BufferedImage type {0}")
    @ValueSource(
            ints = {
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_BYTE_INDEXED
            })
    void decodesEveryPixelToTheColourJavasOwnDecoderGives(int type) throws IOException {
        byte[] png = SegmentationAnswers.encode(noise(97, 61, type, new Random(type)));

        assertThat(decode(png)).isDeepEqualTo(decodeWithImageIo(png));
    }

    @Test
    void appliesAPalettesTransparency() throws IOException {
        byte[] grey = {0, (byte) 0x80, (byte) 0xff};
        IndexColorModel palette = new IndexColorModel(8, 3, grey, grey, grey, new byte[] {0, (byte) 0xff, 0x40});
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setSample(1, 1, 0, 1);
        image.getRaster().setSample(2, 2, 0, 2);
        byte[] png = SegmentationAnswers.encode(image);

        int[][] argb = decode(png);

        assertThat(argb).isDeepEqualTo(decodeWithImageIo(png));
        assertThat(argb[0][0]).isEqualTo(0x00000000);
        assertThat(argb[1][1]).isEqualTo(0xff808080);
        assertThat(argb[2][2]).isEqualTo(0x40ffffff);
    }

    @Test
    void refusesAPngTruncatedInItsImageData() {
        byte[] whole = SegmentationAnswers.encode(noise(40, 40, BufferedImage.TYPE_INT_RGB, new Random(1)));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> decode(truncated))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageStartingWith(PATH + " is truncated: ");
    }

    @Test
    void refusesImageDataThatEndsBeforeTheLastRow() {
        byte[] png = PngFiles.zeroRows(8, 4, 8, PngHeader.TRUECOLOUR_ALPHA, 4, 3);

        assertThatThrownBy(() -> decode(png))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage(PATH + " is truncated: its image data ends in row 3 of 4");
    }

    @Test
    void refusesImageDataThatInflatesBeyondTheHeadersRowsAfterOneByteTooMany() {
        // 4x4 pixels, but 50 MB of zero rows deflated into 50 kB.
        byte[] bomb = PngFiles.zeroRows(4, 4, 8, PngHeader.TRUECOLOUR_ALPHA, 4, 50_000_000 / 17);

        assertThat(bomb.length).isLessThan(100_000);
        assertThatThrownBy(() -> decode(bomb))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage(PATH + " holds more image data than its 4x4 header says");
    }

    @Test
    void refusesAChunkWhoseCrcDoesNotMatch() {
        byte[] png = SegmentationAnswers.encode(noise(4, 4, BufferedImage.TYPE_INT_RGB, new Random(2)));
        png[PngHeader.LENGTH + 9] ^= 1; // a byte of the first chunk after IHDR

        assertThatThrownBy(() -> decode(png))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage(PATH + " has a chunk whose CRC does not match: it is damaged");
    }

    private static int[][] decode(byte[] png) {
        PngHeader header = PngHeader.read(png, PATH, Long.MAX_VALUE);
        int[][] argb = new int[header.height()][header.width()];
        try (PngRows rows = new PngRows(png, header, PATH)) {
            for (int[] row : argb) {
                rows.next(row);
            }
        }
        return argb;
    }

    /** What the decoder before this one gave: ImageIO's whole image, as ARGB. */
    private static int[][] decodeWithImageIo(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[][] argb = new int[image.getHeight()][image.getWidth()];
        for (int y = 0; y < argb.length; y++) {
            image.getRGB(0, y, image.getWidth(), 1, argb[y], 0, image.getWidth());
        }
        return argb;
    }

    /** Random pixels, in runs so that the encoder's adaptive filtering uses every filter type. */
    private static BufferedImage noise(int width, int height, int type, Random random) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = random.nextInt(4) == 0 || x == 0 ? random.nextInt() : image.getRGB(x - 1, y) + y;
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }
}
