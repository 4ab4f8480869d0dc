package dev.verity.tasktype;

import dev.verity.consolidation.MaskSource;
import java.util.Map;

/**
 * A worker's painted PNG read as class indices, row by row: a pixel in a label's colour is that label's class, white
 * or fully transparent (an untouched browser canvas) is the background, anything else is refused. Only the PNG's
 * compressed bytes are held; each reading decodes it afresh in O(width) memory.
 */
final class PaintedMask implements MaskSource {

    private final byte[] png;
    private final PngHeader header;
    private final Map<Integer, Integer> classByRgb;
    private final String path;

    /**
     * @param classByRgb the class index of each label's RGB colour
     * @param path       how the answer names the PNG, for messages
     */
    PaintedMask(byte[] png, PngHeader header, Map<Integer, Integer> classByRgb, String path) {
        this.png = png;
        this.header = header;
        this.classByRgb = Map.copyOf(classByRgb);
        this.path = path;
    }

    @Override
    public int width() {
        return header.width();
    }

    @Override
    public int height() {
        return header.height();
    }

    /**
     * Reads every row once, so a wrong pixel or a malformed PNG is refused now rather than during consolidation.
     *
     * @throws InvalidAnswerException naming the first wrong pixel by its position and colour
     */
    void check() {
        byte[] row = new byte[width()];
        try (Rows rows = rows()) {
            for (int y = 0; y < height(); y++) {
                rows.next(row);
            }
        }
    }

    @Override
    public Rows rows() {
        PngRows decoder = new PngRows(png, header, path);
        int[] argb = new int[width()];
        return new Rows() {
            private int y;

            @Override
            public void next(byte[] classes) {
                decoder.next(argb);
                for (int x = 0; x < argb.length; x++) {
                    classes[x] = (byte) classOf(argb[x], x, y);
                }
                y++;
            }

            @Override
            public void close() {
                decoder.close();
            }
        };
    }

    private int classOf(int argb, int x, int y) {
        int alpha = argb >>> 24;
        int rgb = argb & 0xffffff;
        if (alpha == 0 || (alpha == 0xff && rgb == MaskPalette.BACKGROUND)) {
            return 0;
        }
        if (alpha != 0xff) {
            throw new InvalidAnswerException("pixel (" + x + ", " + y + ") is partly transparent (alpha " + alpha
                    + "); a mask pixel is opaque, or fully transparent for the background");
        }
        Integer classIndex = classByRgb.get(rgb);
        if (classIndex == null) {
            throw new InvalidAnswerException("pixel (" + x + ", " + y + ") has the colour " + MaskPalette.hex(rgb)
                    + ", which is neither the background's " + MaskPalette.hex(MaskPalette.BACKGROUND)
                    + " nor a colour in labelMappings");
        }
        return classIndex;
    }
}
