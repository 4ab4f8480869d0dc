package dev.verity.labeling;

/** The caller may not act on this resource, e.g. another worker's assignment (HTTP 403). */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
