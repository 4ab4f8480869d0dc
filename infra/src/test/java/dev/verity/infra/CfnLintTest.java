package dev.verity.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cfn-lint (when installed) finds no errors in the synthesized templates (the default stack's, and the one with an
 * OIDC identity provider); warnings are printed, not failed.
 */
class CfnLintTest {

    private static final long TIMEOUT_SECONDS = 300;
    /** cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational; 1 is a cfn-lint failure. */
    private static final int ERRORS = 2;

    private static final int FAILURE = 1;

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("default", (Supplier<Synthesized>) Synthesized::get),
                Arguments.of("with an OIDC identity provider", (Supplier<Synthesized>) Synthesized::withOidc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void synthesizedTemplateHasNoCfnLintErrors(String name, Supplier<Synthesized> synthesized)
            throws IOException, InterruptedException {
        Path cfnLint = executable("cfn-lint");
        assumeTrue(cfnLint != null, "cfn-lint is not on the PATH");
        Path template = synthesized.get().templateFile;

        Path output = Files.createTempFile("cfn-lint", ".txt");
        Process process = new ProcessBuilder(cfnLint.toString(), "--format", "parseable", template.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish within " + TIMEOUT_SECONDS + " s");
        }
        int exit = process.exitValue();
        List<String> findings = Files.readAllLines(output, StandardCharsets.UTF_8);
        System.out.println("cfn-lint exit " + exit + ", " + findings.size() + " findings on " + template);
        findings.forEach(line -> System.out.println("  " + line));

        assertThat(exit & FAILURE).as("cfn-lint failed to run").isZero();
        assertThat(exit & ERRORS)
                .as("cfn-lint errors:%n%s", String.join("\n", findings))
                .isZero();
    }

    private static Path executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}
