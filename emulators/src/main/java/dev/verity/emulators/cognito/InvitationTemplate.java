package dev.verity.emulators.cognito;

import java.util.Objects;

/**
 * The invitation e-mail AdminCreateUser sends, as a user pool's {@code AdminCreateUserConfig.InviteMessageTemplate}
 * (CDK's {@code UserInvitationConfig}) has it: {@code {username}} stands for the name the user signs in with and
 * {@code {####}} for the temporary password; Cognito requires both in the body.
 */
public record InvitationTemplate(String subject, String body) {
    /** Cognito's (and CDK's) default subject. */
    public static final String DEFAULT_SUBJECT = "Your temporary password";
    /** Cognito's (and CDK's) default body. */
    public static final String DEFAULT_BODY = "Your username is {username} and temporary password is {####}.";

    public static final String USERNAME = "{username}";
    public static final String PASSWORD = "{####}";

    public InvitationTemplate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (!body.contains(USERNAME) || !body.contains(PASSWORD)) {
            throw new IllegalArgumentException("an invitation body must contain " + USERNAME + " and " + PASSWORD
                    + ", as Cognito requires: " + body);
        }
    }

    public static InvitationTemplate defaults() {
        return new InvitationTemplate(DEFAULT_SUBJECT, DEFAULT_BODY);
    }

    String subjectFor(String username, String password) {
        return fill(subject, username, password);
    }

    String bodyFor(String username, String password) {
        return fill(body, username, password);
    }

    private static String fill(String text, String username, String password) {
        return text.replace(USERNAME, username).replace(PASSWORD, password);
    }
}
