package dev.verity.emulators.cognito;

import java.util.List;

/**
 * Who {@link CognitoEmulator#authenticate} let in: the pool's Username, {@code sub} (which equals
 * {@code LocalTokenIssuer.subject(<the name the user signed in with>)}), the {@code email} attribute (or null) and
 * the groups, by precedence (lowest first, then by name), as Cognito orders {@code cognito:groups}.
 */
public record SignedInUser(String username, String sub, String email, List<String> groups) {
    public SignedInUser {
        groups = List.copyOf(groups);
    }
}
