package dev.verity.consolidation;

/**
 * A segmentation mask as class indices, one unsigned byte per pixel in row-major order: 0 is the background,
 * 1..255 the job's labels in category order. The array is shared, not copied, since masks can be 100 MP.
 */
public record ClassMask(int width, int height, byte[] classes) implements MaskSource {

    public ClassMask {
        if (width < 1 || height < 1 || (long) width * height != classes.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + (long) width * height
                    + " class indices, got " + classes.length);
        }
    }

    /** Reads a whole mask. */
    public static ClassMask of(MaskSource source) {
        int width = source.width();
        byte[] classes = new byte[Math.multiplyExact(width, source.height())];
        byte[] row = new byte[width];
        try (Rows rows = source.rows()) {
            for (int y = 0; y < source.height(); y++) {
                rows.next(row);
                System.arraycopy(row, 0, classes, y * width, width);
            }
        }
        return new ClassMask(width, source.height(), classes);
    }

    public int classAt(int x, int y) {
        return classes[y * width + x] & 0xff;
    }

    public boolean sameSize(MaskSource other) {
        return width == other.width() && height == other.height();
    }

    @Override
    public Rows rows() {
        return new Rows() {
            private int y;

            @Override
            public void next(byte[] row) {
                System.arraycopy(classes, y++ * width, row, 0, width);
            }

            @Override
            public void close() {}
        };
    }
}
