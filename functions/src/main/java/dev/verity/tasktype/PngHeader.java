package dev.verity.tasktype;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The signature and IHDR chunk of a worker's mask PNG, read before any pixel is decoded so that a mask of another
 * size or format, or a header promising more pixels than allowed, costs no decoding.
 *
 * <p>Only the formats mask painters write are accepted, all 8 bits per sample and not interlaced: truecolour (Java's
 * ImageIO for an opaque image), truecolour with alpha (a browser canvas's {@code toBlob}, as the web UI's tool sends)
 * and indexed colour (Ground Truth's and Verity's own consolidated masks, which adjusting workers start from).
 */
record PngHeader(int width, int height, int colourType) {

    static final int TRUECOLOUR = 2;
    static final int INDEXED = 3;
    static final int TRUECOLOUR_ALPHA = 6;
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Signature, then the IHDR chunk: length, type, 13 bytes of data, CRC. */
    static final int LENGTH = SIGNATURE.length + 4 + 4 + 13 + 4;

    /**
     * @param path      how the answer names the PNG, for messages
     * @param maxPixels the most pixels a mask may have
     * @throws InvalidAnswerException if it is not a PNG, is of an unaccepted format, or has more than maxPixels
     */
    static PngHeader read(byte[] png, String path, long maxPixels) {
        if (png.length < SIGNATURE.length || !Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new InvalidAnswerException(path + " is not a PNG image");
        }
        ByteBuffer in = ByteBuffer.wrap(png, SIGNATURE.length, png.length - SIGNATURE.length);
        if (png.length < LENGTH || in.getInt() != 13 || in.getInt() != PngRows.IHDR) {
            throw new InvalidAnswerException(path + " is not a PNG image: it does not start with a whole IHDR chunk");
        }
        long width = Integer.toUnsignedLong(in.getInt());
        long height = Integer.toUnsignedLong(in.getInt());
        int bitDepth = in.get() & 0xff;
        int colourType = in.get() & 0xff;
        int compression = in.get() & 0xff;
        int filter = in.get() & 0xff;
        int interlace = in.get() & 0xff;
        if (width < 1 || height < 1 || width * height > maxPixels) {
            throw new InvalidAnswerException(path + " is a " + width + "x" + height + " PNG; a mask has at least 1 and"
                    + " at most " + maxPixels + " pixels");
        }
        if (bitDepth != 8 || (colourType != TRUECOLOUR && colourType != INDEXED && colourType != TRUECOLOUR_ALPHA)) {
            throw new InvalidAnswerException(path + " is a PNG of bit depth " + bitDepth + " and colour type "
                    + colourType + "; a mask must be 8-bit RGB (type 2), RGBA (type 6) or indexed colour (type 3)");
        }
        if (compression != 0 || filter != 0) {
            throw new InvalidAnswerException(path + " is a PNG of unknown compression or filter method");
        }
        if (interlace != 0) {
            throw new InvalidAnswerException(path + " is an interlaced PNG; a mask must not be interlaced");
        }
        return new PngHeader((int) width, (int) height, colourType);
    }

    ImageSize size() {
        return new ImageSize(width, height);
    }

    /** Bytes per pixel in the image data. */
    int bytesPerPixel() {
        return switch (colourType) {
            case TRUECOLOUR -> 3;
            case TRUECOLOUR_ALPHA -> 4;
            default -> 1;
        };
    }
}
