package dev.verity.tasktype;

/** An image's size in pixels, as its header gives it. */
public record ImageSize(int width, int height) {

    public ImageSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image is at least 1x1, got " + width + "x" + height);
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
