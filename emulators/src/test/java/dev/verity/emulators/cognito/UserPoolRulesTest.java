package dev.verity.emulators.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules the user-pool emulator applies without any server: filters, templates, passwords. */
class UserPoolRulesTest {
    private static final User ANA = new User(
            "ana",
            Map.of("sub", "s-1", "email", "ana@example.com"),
            true,
            User.FORCE_CHANGE_PASSWORD,
            Instant.EPOCH,
            Instant.EPOCH,
            "x",
            Set.of());

    @Test
    void aListUsersFilterMatchesExactlyOrByPrefixOnSearchableAttributes() {
        assertThat(UserFilter.parse("email = \"ana@example.com\"").matches(ANA)).isTrue();
        assertThat(UserFilter.parse("email=\"ANA@example.com\"").matches(ANA)).isFalse();
        assertThat(UserFilter.parse("username ^= \"an\"").matches(ANA)).isTrue();
        assertThat(UserFilter.parse("cognito:user_status = \"FORCE_CHANGE_PASSWORD\"")
                        .matches(ANA))
                .isTrue();
        assertThat(UserFilter.parse("status = \"Disabled\"").matches(ANA)).isFalse();
        assertThat(UserFilter.parse("name = \"Ana\"").matches(ANA))
                .as("no such attribute")
                .isFalse();
        assertThat(UserFilter.parse("email = \"a \\\"quoted\\\" name\"").value())
                .isEqualTo("a \"quoted\" name");
        assertThat(UserFilter.parse("  ")).isNull();
        assertThat(UserFilter.parse(null)).isNull();
    }

    @Test
    void aMalformedFilterOrAnUnsearchableAttributeIsAnInvalidParameter() {
        assertThatThrownBy(() -> UserFilter.parse("email = ana@example.com"))
                .isInstanceOf(CognitoException.class)
                .hasMessage("Error while parsing filter.");
        assertThatThrownBy(() -> UserFilter.parse("custom:team = \"x\""))
                .isInstanceOf(CognitoException.class)
                .hasMessageContaining("custom:team");
    }

    @Test
    void anInvitationFillsInTheUsernameAndPasswordAndMustHaveBoth() {
        InvitationTemplate template = InvitationTemplate.defaults();

        assertThat(template.subjectFor("ana", "Pw-1")).isEqualTo("Your temporary password");
        assertThat(template.bodyFor("ana", "Pw-1")).isEqualTo("Your username is ana and temporary password is Pw-1.");
        assertThatThrownBy(() -> new InvitationTemplate("Hi", "Your password is {####}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{username}");
    }

    @Test
    void generatedPasswordsConformToThePolicyTheyWereMadeFor() {
        SecureRandom random = new SecureRandom();
        PasswordPolicy strict = new PasswordPolicy(16, true, true, true, true);

        for (int i = 0; i < 200; i++) {
            String password = strict.generate(random);
            assertThat(password).hasSize(16);
            assertThat(strict.violation(password)).as(password).isNull();
        }
        assertThat(PasswordPolicy.defaults().violation("alllowercase1!")).contains("uppercase");
        assertThat(PasswordPolicy.defaults().violation("NoDigits!!")).contains("numeric");
        assertThat(PasswordPolicy.defaults().violation("NoSymbols11")).contains("symbol");
        assertThat(new PasswordPolicy(8, false, false, false, false).violation("abcdefgh"))
                .isNull();
    }

    @Test
    void aPasswordHashMatchesOnlyItsPasswordAndDiffersEachTime() {
        SecureRandom random = new SecureRandom();
        String hash = PasswordHash.hash("Temporary-Pass1", random);

        assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain("Temporary-Pass1");
        assertThat(PasswordHash.matches("Temporary-Pass1", hash)).isTrue();
        assertThat(PasswordHash.matches("Temporary-Pass2", hash)).isFalse();
        assertThat(PasswordHash.matches(null, hash)).isFalse();
        assertThat(PasswordHash.hash("Temporary-Pass1", random)).isNotEqualTo(hash);
    }

    @Test
    void aUserPoolIdLooksLikeCognitosAndATemplateIsKept() {
        UserPoolConfig config =
                UserPoolConfig.of("eu-west-1_abc123").withSignInWithEmail(true).withFromAddress("team@verity.example");

        assertThat(config.signInWithEmail()).isTrue();
        assertThat(config.fromAddress()).isEqualTo("team@verity.example");
        assertThat(config.invitation()).isEqualTo(InvitationTemplate.defaults());
        assertThatThrownBy(() -> UserPoolConfig.of("verity")).isInstanceOf(IllegalArgumentException.class);
    }
}
