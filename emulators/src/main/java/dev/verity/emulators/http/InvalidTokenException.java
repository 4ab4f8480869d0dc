package dev.verity.emulators.http;

/** A token the issuer does not accept; the message names the problem (expired, bad signature, wrong audience...). */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }
}
