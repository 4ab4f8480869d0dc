package dev.verity.tasktype;

import dev.verity.consolidation.ClassMask;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes consolidated masks as PNGs; {@link PngHeader} and {@link PngRows} read workers' masks. */
final class MaskPng {

    private MaskPng() {}

    /**
     * An indexed PNG of the mask whose palette index is the class index, so readers get Ground Truth's colours and,
     * if they want them, the class ids.
     *
     * @param palette RGB colour per class index, at least as many as the mask's highest class + 1
     */
    static byte[] write(ClassMask mask, int[] palette) {
        byte[] r = new byte[palette.length];
        byte[] g = new byte[palette.length];
        byte[] b = new byte[palette.length];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        // The raster wraps the mask's own bytes rather than a copy: a 100 MP mask is 100 MB.
        WritableRaster raster = Raster.createInterleavedRaster(
                new DataBufferByte(mask.classes(), mask.classes().length),
                mask.width(),
                mask.height(),
                mask.width(),
                1,
                new int[] {0},
                null);
        BufferedImage image = new BufferedImage(new IndexColorModel(8, palette.length, r, g, b), raster, false, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A memory-cached stream: ImageIO would otherwise cache through a temporary file.
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image, "png", stream);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory", e);
        }
        return out.toByteArray();
    }
}
