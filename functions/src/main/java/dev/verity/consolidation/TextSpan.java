package dev.verity.consolidation;

/**
 * A labeled stretch of text, {@code [startOffset, endOffset)}: offsets count Unicode code points, and the end is the
 * first character after the span, as Ground Truth's {@code crowd-entity-annotation} reports them.
 */
public record TextSpan(String label, int startOffset, int endOffset) {

    public TextSpan {
        if (startOffset < 0 || startOffset >= endOffset) {
            throw new IllegalArgumentException(
                    "a span needs 0 <= startOffset < endOffset, got [" + startOffset + ", " + endOffset + ")");
        }
    }

    public int length() {
        return endOffset - startOffset;
    }

    /** True if the two spans share at least one character; spans that only touch do not overlap. */
    public boolean overlaps(TextSpan other) {
        return startOffset < other.endOffset && other.startOffset < endOffset;
    }

    /** Shared characters over characters in either span (the Jaccard index of their character sets), 0 to 1. */
    public double jaccard(TextSpan other) {
        int shared = Math.min(endOffset, other.endOffset) - Math.max(startOffset, other.startOffset);
        return shared <= 0 ? 0 : (double) shared / (length() + other.length() - shared);
    }
}
