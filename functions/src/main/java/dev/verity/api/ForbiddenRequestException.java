package dev.verity.api;

/** The caller is known but may not use this route (HTTP 403). */
public class ForbiddenRequestException extends RuntimeException {
    public ForbiddenRequestException(String message) {
        super(message);
    }
}
