package dev.verity.tasktype;

import dev.verity.consolidation.ClassMask;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** PNG masks: reading a worker's painted mask, writing a consolidated one. */
final class MaskPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private MaskPng() {
    }

    /**
     * Decodes a worker's mask after checking, from the header alone, that it is a PNG of the image's size, so a
     * wrong or oversized mask costs no decoding.
     *
     * @throws InvalidAnswerException if it is not a PNG, cannot be decoded, or has another size
     */
    static BufferedImage read(byte[] png, int imageWidth, int imageHeight, String path) {
        if (png.length < SIGNATURE.length || !Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new InvalidAnswerException(path + " is not a PNG image");
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != imageWidth || height != imageHeight) {
                throw new InvalidAnswerException("the mask is " + width + "x" + height + " but the image is "
                        + imageWidth + "x" + imageHeight);
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidAnswerException invalid) {
                throw invalid;
            }
            throw new InvalidAnswerException(path + " could not be decoded as a PNG: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

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
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, palette.length, r, g, b));
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(mask.classes(), 0, pixels, 0, pixels.length);
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
