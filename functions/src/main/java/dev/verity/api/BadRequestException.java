package dev.verity.api;

/** The HTTP request itself is malformed (HTTP 400). */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
