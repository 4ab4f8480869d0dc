package dev.verity.models;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decodes an encoded image (PNG, JPEG, or another format javax.imageio reads) in memory. */
final class ImageDecoder {

    /** Bigger images are decoded subsampled, so a huge image cannot exhaust a function's memory. */
    private static final long MAX_PIXELS = 1L << 24;

    private ImageDecoder() {}

    /** @throws IllegalArgumentException if the bytes are not an image javax.imageio can decode */
    static BufferedImage decode(byte[] content) {
        // A memory stream: ImageIO's default would cache to a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            ImageReader reader = readerFor(in);
            if (reader != null) {
                return read(reader, in);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot decode the image (" + content.length + " bytes): " + e, e);
        }
        throw new IllegalArgumentException("not an image: " + content.length
                + " bytes in no format javax.imageio reads (PNG, JPEG, GIF, BMP, TIFF)");
    }

    private static ImageReader readerFor(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            // WBMP has no signature: its reader claims any bytes that start with two zeros.
            if (!reader.getFormatName().equalsIgnoreCase("wbmp")) {
                return reader;
            }
        }
        return null;
    }

    private static BufferedImage read(ImageReader reader, ImageInputStream in) throws IOException {
        try {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            int step = (int) Math.ceil(Math.sqrt(pixels / (double) MAX_PIXELS));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }
}
