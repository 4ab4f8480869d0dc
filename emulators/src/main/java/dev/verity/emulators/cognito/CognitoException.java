package dev.verity.emulators.cognito;

/** A Cognito error: its {@code __type} (which the SDK maps to an exception class) and message; always HTTP 400. */
final class CognitoException extends RuntimeException {
    private final String type;

    CognitoException(String type, String message) {
        super(message);
        this.type = type;
    }

    static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", message);
    }

    static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", "User does not exist.");
    }

    static CognitoException groupNotFound() {
        return new CognitoException("ResourceNotFoundException", "Group not found.");
    }

    String type() {
        return type;
    }
}
