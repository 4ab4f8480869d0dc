package dev.verity.labeling;

/** The input manifest cannot be labeled (missing, empty, or too many bad lines): the job fails with this reason. */
public class DatasetRejectedException extends RuntimeException {
    public DatasetRejectedException(String message) {
        super(message);
    }
}
