package dev.verity.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The AWS Solutions checks of cdk-nag pass: every finding is fixed or suppressed with a reason; for the stack as
 * tested everywhere else, and for one with an OIDC identity provider federated in.
 */
class NagTest {

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("default", (Supplier<Synthesized>) Synthesized::get),
                Arguments.of("with an OIDC identity provider", (Supplier<Synthesized>) Synthesized::withOidc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void noUnsuppressedAwsSolutionsErrors(String name, Supplier<Synthesized> synthesized) {
        Annotations annotations = Annotations.fromStack(synthesized.get().stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        System.out.println(
                "cdk-nag AwsSolutions (" + name + "): " + errors.size() + " errors, " + warnings.size() + " warnings");
        warnings.forEach(w -> System.out.println("  warning " + w.getId() + ": " + firstLine(w)));
        errors.forEach(e -> System.out.println("  ERROR " + e.getId() + ": " + firstLine(e)));
        assertThat(errors).extracting(e -> e.getId() + " " + firstLine(e)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void noOtherSynthesisWarningsOrErrors(String name, Supplier<Synthesized> synthesized) {
        Annotations annotations = Annotations.fromStack(synthesized.get().stack);
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
