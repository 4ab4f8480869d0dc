package dev.verity.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** The AWS Solutions checks of cdk-nag pass: every finding is fixed or suppressed with a reason. */
class NagTest {

    @Test
    void noUnsuppressedAwsSolutionsErrors() {
        Annotations annotations = Annotations.fromStack(Synthesized.get().stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        System.out.println("cdk-nag AwsSolutions: " + errors.size() + " errors, " + warnings.size() + " warnings");
        warnings.forEach(w -> System.out.println("  warning " + w.getId() + ": " + firstLine(w)));
        errors.forEach(e -> System.out.println("  ERROR " + e.getId() + ": " + firstLine(e)));
        assertThat(errors).extracting(e -> e.getId() + " " + firstLine(e)).isEmpty();
    }

    @Test
    void noOtherSynthesisWarningsOrErrors() {
        Annotations annotations = Annotations.fromStack(Synthesized.get().stack);
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.anyValue());
        List<SynthesisMessage> errors = annotations.findError("*", Match.anyValue());
        assertThat(warnings).extracting(w -> w.getId() + " " + firstLine(w)).isEmpty();
        assertThat(errors).extracting(e -> e.getId() + " " + firstLine(e)).isEmpty();
    }

    private static String firstLine(SynthesisMessage message) {
        String text = String.valueOf(message.getEntry().getData());
        return text.lines().findFirst().orElse("");
    }
}
