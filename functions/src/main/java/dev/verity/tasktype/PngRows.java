package dev.verity.tasktype;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a mask PNG of a format {@link PngHeader} accepts one row at a time, as ARGB colours, holding two rows of
 * image data whatever the image's size. The image data must inflate to exactly the header's rows: a PNG whose data
 * would inflate further (a decompression bomb) is refused after one byte too many, one that ends early is refused as
 * truncated. Close it to free the inflater's native memory.
 */
final class PngRows implements AutoCloseable {

    static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504c5445;
    private static final int TRNS = 0x74524e53;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454e44;

    private final PngHeader header;
    private final String path;
    private final ByteBuffer chunks;
    private final Inflater inflater = new Inflater();
    private final int bytesPerPixel;
    private byte[] previous;
    private byte[] current;
    private int[] palette;
    private int transparentRgb = -1;
    private int rowsRead;
    private boolean inImageData;

    /** @param path how the answer names the PNG, for messages */
    PngRows(byte[] png, PngHeader header, String path) {
        this.header = header;
        this.path = path;
        this.chunks = ByteBuffer.wrap(png, PngHeader.LENGTH, png.length - PngHeader.LENGTH);
        this.bytesPerPixel = header.bytesPerPixel();
        this.previous = new byte[1 + header.width() * bytesPerPixel];
        this.current = new byte[previous.length];
    }

    int width() {
        return header.width();
    }

    int height() {
        return header.height();
    }

    /**
     * Decodes the next row into {@code argb}; after the last row, checks that the image data ends there.
     *
     * @throws InvalidAnswerException if the PNG is malformed or truncated
     */
    void next(int[] argb) {
        if (rowsRead == header.height()) {
            throw new IllegalStateException("all " + rowsRead + " rows were read");
        }
        inflateFully(current);
        unfilter();
        toArgb(argb);
        byte[] swap = previous;
        previous = current;
        current = swap;
        if (++rowsRead == header.height()) {
            checkDataEnds();
        }
    }

    @Override
    public void close() {
        inflater.end();
    }

    private void inflateFully(byte[] row) {
        int filled = 0;
        try {
            while (filled < row.length) {
                int n = inflater.inflate(row, filled, row.length - filled);
                filled += n;
                if (n == 0 && !feed()) {
                    throw invalid("is truncated: its image data ends in row " + rowsRead + " of " + header.height());
                }
            }
        } catch (DataFormatException e) {
            throw invalid("has corrupt image data: " + e.getMessage());
        }
    }

    /** After the last row the compressed stream must end: a bomb is caught after inflating one byte too many. */
    private void checkDataEnds() {
        byte[] one = new byte[1];
        try {
            while (!inflater.finished()) {
                if (inflater.inflate(one) > 0) {
                    throw invalid("holds more image data than its " + header.size() + " header says");
                }
                if (!inflater.finished() && !feed()) {
                    throw invalid("is truncated: its image data does not end");
                }
            }
        } catch (DataFormatException e) {
            throw invalid("has corrupt image data: " + e.getMessage());
        }
    }

    /** Gives the inflater the next IDAT chunk's data, reading PLTE and tRNS on the way; false if there is none. */
    private boolean feed() {
        if (inflater.finished()) {
            return false;
        }
        if (inflater.needsDictionary()) {
            throw invalid("has image data that needs a preset dictionary");
        }
        if (!inflater.needsInput()) {
            return true; // input is left: inflating goes on
        }
        while (chunks.remaining() > 0) {
            if (chunks.remaining() < 12) {
                throw invalid("is truncated: it ends inside a chunk");
            }
            int length = chunks.getInt();
            int type = chunks.getInt();
            if (length < 0 || length > chunks.remaining() - 4) {
                throw invalid("is truncated: a chunk of " + Integer.toUnsignedString(length) + " bytes runs past its "
                        + "end");
            }
            int start = chunks.position();
            CRC32 crc = new CRC32();
            crc.update(chunks.array(), start - 4, length + 4);
            chunks.position(start + length);
            if ((int) crc.getValue() != chunks.getInt()) {
                throw invalid("has a chunk whose CRC does not match: it is damaged");
            }
            if (type == IDAT) {
                inImageData = true;
                inflater.setInput(chunks.array(), start, length);
                if (length > 0) {
                    return true;
                }
            } else if (inImageData || type == IEND) {
                return false; // image data is consecutive IDAT chunks
            } else if (type == PLTE) {
                readPalette(start, length);
            } else if (type == TRNS) {
                readTransparency(start, length);
            } else if (isCritical(type)) {
                throw invalid("has a critical chunk this decoder does not know: " + name(type));
            }
        }
        return false;
    }

    private void readPalette(int start, int length) {
        if (length % 3 != 0 || length == 0 || length > 256 * 3) {
            throw invalid("has a PLTE chunk of " + length + " bytes");
        }
        palette = new int[length / 3];
        byte[] b = chunks.array();
        for (int i = 0; i < palette.length; i++) {
            int at = start + 3 * i;
            palette[i] = 0xff000000 | (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | b[at + 2] & 0xff;
        }
    }

    private void readTransparency(int start, int length) {
        byte[] b = chunks.array();
        if (header.colourType() == PngHeader.INDEXED && palette != null && length <= palette.length) {
            for (int i = 0; i < length; i++) {
                palette[i] = (b[start + i] & 0xff) << 24 | palette[i] & 0xffffff;
            }
        } else if (header.colourType() == PngHeader.TRUECOLOUR && length == 6) {
            // Three 16-bit samples; at bit depth 8 their high bytes are 0.
            transparentRgb = (b[start + 1] & 0xff) << 16 | (b[start + 3] & 0xff) << 8 | b[start + 5] & 0xff;
        } else {
            throw invalid("has a tRNS chunk that does not fit its colour type or palette");
        }
    }

    /** Reverses the row's filter in place (PNG spec §9) against the row above, all zero above the first row. */
    private void unfilter() {
        byte[] row = current;
        byte[] up = previous;
        int bpp = bytesPerPixel;
        int filter = row[0];
        for (int i = 1; i < row.length; i++) {
            int a = i > bpp ? row[i - bpp] & 0xff : 0;
            int b = up[i] & 0xff;
            int c = i > bpp ? up[i - bpp] & 0xff : 0;
            int predicted = switch (filter) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) >>> 1;
                case 4 -> paeth(a, b, c);
                default -> throw invalid("has row " + rowsRead + " with unknown filter type " + filter);
            };
            row[i] = (byte) (row[i] + predicted);
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private void toArgb(int[] argb) {
        byte[] row = current;
        for (int x = 0, i = 1; x < header.width(); x++, i += bytesPerPixel) {
            argb[x] = switch (header.colourType()) {
                case PngHeader.TRUECOLOUR -> {
                    int rgb = (row[i] & 0xff) << 16 | (row[i + 1] & 0xff) << 8 | row[i + 2] & 0xff;
                    yield rgb == transparentRgb ? rgb : 0xff000000 | rgb;
                }
                case PngHeader.TRUECOLOUR_ALPHA ->
                    (row[i + 3] & 0xff) << 24 | (row[i] & 0xff) << 16 | (row[i + 1] & 0xff) << 8 | row[i + 2] & 0xff;
                default -> paletteColour(row[i] & 0xff, x);
            };
        }
    }

    private int paletteColour(int index, int x) {
        if (palette == null) {
            throw invalid("is an indexed-colour PNG without a PLTE chunk before its image data");
        }
        if (index >= palette.length) {
            throw invalid("has pixel (" + x + ", " + rowsRead + ") at palette index " + index + ", but its palette "
                    + "has " + palette.length + " colours");
        }
        return palette[index];
    }

    private static boolean isCritical(int type) {
        return (type & 0x20000000) == 0;
    }

    private static String name(int type) {
        return new String(
                new byte[] {(byte) (type >> 24), (byte) (type >> 16), (byte) (type >> 8), (byte) type},
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private InvalidAnswerException invalid(String problem) {
        return new InvalidAnswerException(path + " " + problem);
    }
}
