package dev.verity.local;

/** A labeled box in pixels from the image's top-left corner. */
record DemoBox(String label, double left, double top, double width, double height) {

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }

    double iou(DemoBox other) {
        double w = Math.min(right(), other.right()) - Math.max(left, other.left);
        double h = Math.min(bottom(), other.bottom()) - Math.max(top, other.top);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        return intersection / (width * height + other.width * other.height - intersection);
    }

    DemoBox withLabel(String other) {
        return new DemoBox(other, left, top, width, height);
    }

    /** This box with each edge moved by up to {@code pixels} (whole pixels), kept inside the image and non-empty. */
    DemoBox jittered(java.util.SplittableRandom random, int pixels, int imageWidth, int imageHeight) {
        int l = clamp((int) Math.round(left) + shift(random, pixels), 0, imageWidth - 2);
        int t = clamp((int) Math.round(top) + shift(random, pixels), 0, imageHeight - 2);
        int r = clamp((int) Math.round(right()) + shift(random, pixels), l + 2, imageWidth);
        int b = clamp((int) Math.round(bottom()) + shift(random, pixels), t + 2, imageHeight);
        return new DemoBox(label, l, t, r - l, b - t);
    }

    private static int shift(java.util.SplittableRandom random, int pixels) {
        return pixels == 0 ? 0 : random.nextInt(-pixels, pixels + 1);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
