package dev.verity.emulators.s3events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationRuleTest {

    @Test
    void wildcardSelectsEveryEventOfItsKind() {
        NotificationRule rule = new NotificationRule("all", "b", null, null, Set.of("s3:ObjectCreated:*"), "q");
        assertThat(rule.matches("b", "k", "ObjectCreated:Put")).isTrue();
        assertThat(rule.matches("b", "k", "ObjectCreated:CompleteMultipartUpload"))
                .isTrue();
        assertThat(rule.matches("b", "k", "ObjectCreated:Copy")).isTrue();
        assertThat(rule.matches("b", "k", "ObjectRemoved:Delete")).isFalse();
    }

    @Test
    void exactEventTypeSelectsOnlyThatEvent() {
        NotificationRule rule = new NotificationRule("put", "b", "", "", Set.of("s3:ObjectCreated:Put"), "q");
        assertThat(rule.matches("b", "k", "ObjectCreated:Put")).isTrue();
        assertThat(rule.matches("b", "k", "ObjectCreated:Copy")).isFalse();
    }

    @Test
    void bucketPrefixAndSuffixMustAllMatch() {
        NotificationRule rule = new NotificationRule("r", "b", "jobs/", ".json", Set.of("s3:ObjectCreated:*"), "q");
        assertThat(rule.matches("b", "jobs/a.json", "ObjectCreated:Put")).isTrue();
        assertThat(rule.matches("b", "jobs/deep/a.json", "ObjectCreated:Put")).isTrue();
        assertThat(rule.matches("other", "jobs/a.json", "ObjectCreated:Put")).isFalse();
        assertThat(rule.matches("b", "jobs/a.txt", "ObjectCreated:Put")).isFalse();
        assertThat(rule.matches("b", "x/jobs/a.json", "ObjectCreated:Put")).isFalse();
    }

    @Test
    void needsAnEventType() {
        assertThatThrownBy(() -> new NotificationRule("r", "b", null, null, Set.of(), "q"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
