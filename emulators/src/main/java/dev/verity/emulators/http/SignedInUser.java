package dev.verity.emulators.http;

import java.util.List;

/**
 * Who a {@link PasswordSignIn} let in: the user pool's Username, {@code sub}, {@code email} (or null) and the groups
 * in the order of their precedence, as Cognito orders {@code cognito:groups}.
 */
public record SignedInUser(String username, String sub, String email, List<String> groups) {
    public SignedInUser {
        groups = List.copyOf(groups);
    }
}
