package dev.verity.consolidation;

/**
 * A segmentation mask as class indices, one unsigned byte per pixel in row-major order: 0 is the background,
 * 1..255 the job's labels in category order. The array is shared, not copied, since masks can be 100 MP.
 */
public record ClassMask(int width, int height, byte[] classes) {

    public ClassMask {
        if (width < 1 || height < 1 || (long) width * height != classes.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + (long) width * height
                    + " class indices, got " + classes.length);
        }
    }

    public int classAt(int x, int y) {
        return classes[y * width + x] & 0xff;
    }

    public boolean sameSize(ClassMask other) {
        return width == other.width && height == other.height;
    }
}
