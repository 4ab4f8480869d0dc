package dev.verity.selection;

/** A filter query that is malformed or uses a construct Verity does not support; says where and what. */
public final class FilterSyntaxException extends IllegalArgumentException {

    private final int position;

    FilterSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** The 1-based character position in the query where the problem is (length + 1 for the end of the query). */
    public int position() {
        return position;
    }
}
