package dev.verity.emulators.cognito;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one user pool is set up: its id, the invitation AdminCreateUser mails, the address it mails from, the password
 * policy and whether users sign in with their e-mail address instead of a username.
 *
 * <p>{@code signInWithEmail} is Cognito's {@code UsernameAttributes: [email]} (CDK:
 * {@code signInAliases: {email: true, username: false}}): AdminCreateUser's Username must then be an e-mail address,
 * which becomes the user's {@code email} attribute, while the user's Username is a generated UUID, the same as its
 * {@code sub}; the Admin operations and sign-in accept either.
 */
public record UserPoolConfig(
        String id,
        InvitationTemplate invitation,
        String fromAddress,
        PasswordPolicy passwordPolicy,
        boolean signInWithEmail) {
    /** Where Cognito's default e-mail configuration sends from. */
    public static final String DEFAULT_FROM_ADDRESS = "no-reply@verificationemail.com";

    private static final Pattern ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");

    public UserPoolConfig {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches() || id.length() > 55) {
            throw new IllegalArgumentException("a user pool id looks like us-east-1_verity, not " + id);
        }
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
    }

    /** A pool with Cognito's defaults: the default invitation and password policy, usernames to sign in with. */
    public static UserPoolConfig of(String id) {
        return new UserPoolConfig(
                id, InvitationTemplate.defaults(), DEFAULT_FROM_ADDRESS, PasswordPolicy.defaults(), false);
    }

    public UserPoolConfig withInvitation(InvitationTemplate invitation) {
        return new UserPoolConfig(id, invitation, fromAddress, passwordPolicy, signInWithEmail);
    }

    public UserPoolConfig withFromAddress(String fromAddress) {
        return new UserPoolConfig(id, invitation, fromAddress, passwordPolicy, signInWithEmail);
    }

    public UserPoolConfig withPasswordPolicy(PasswordPolicy passwordPolicy) {
        return new UserPoolConfig(id, invitation, fromAddress, passwordPolicy, signInWithEmail);
    }

    public UserPoolConfig withSignInWithEmail(boolean signInWithEmail) {
        return new UserPoolConfig(id, invitation, fromAddress, passwordPolicy, signInWithEmail);
    }
}
