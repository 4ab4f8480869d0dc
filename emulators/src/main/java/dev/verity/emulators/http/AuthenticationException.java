package dev.verity.emulators.http;

/** Why a {@link PasswordSignIn} let nobody in: {@link #reason()} and a message that names the user. */
public final class AuthenticationException extends Exception {
    /** Why a sign-in was refused. */
    public enum Reason {
        UNKNOWN_USER,
        WRONG_PASSWORD,
        DISABLED
    }

    private final Reason reason;

    public AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
