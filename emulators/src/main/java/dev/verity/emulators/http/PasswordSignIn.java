package dev.verity.emulators.http;

/**
 * What {@link LocalSignIn}'s password form asks of a user directory: the local Cognito user pool
 * ({@code CognitoEmulator}) is one.
 */
@FunctionalInterface
public interface PasswordSignIn {
    /**
     * Who signs in as {@code username} with {@code password}.
     *
     * @throws AuthenticationException naming why not: an unknown user, a wrong password, or (with the right
     *     password) a disabled user
     */
    SignedInUser authenticate(String username, String password) throws AuthenticationException;
}
