package dev.verity.job;

/** The request clashes with the current state, e.g. a job name in use or a job that has ended (HTTP 409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
