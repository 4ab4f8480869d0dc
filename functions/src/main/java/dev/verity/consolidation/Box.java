package dev.verity.consolidation;

/** An axis-aligned box in image pixels, measured from the top-left corner, with the class it was drawn for. */
public record Box(int classId, double left, double top, double width, double height) {

    public double right() {
        return left + width;
    }

    public double bottom() {
        return top + height;
    }

    /** The Jaccard index: overlap area over union area, 0 for disjoint boxes, 1 for equal ones. */
    public double iou(Box other) {
        double overlapWidth = Math.min(right(), other.right()) - Math.max(left, other.left);
        double overlapHeight = Math.min(bottom(), other.bottom()) - Math.max(top, other.top);
        if (overlapWidth <= 0 || overlapHeight <= 0) {
            return 0;
        }
        double overlap = overlapWidth * overlapHeight;
        return overlap / (width * height + other.width * other.height - overlap);
    }
}
