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
import org.junit.jupiter.api.Test;

/** cfn-lint (when installed) finds no errors in the synthesized template; warnings are printed, not failed. */
class CfnLintTest {

    private static final long TIMEOUT_SECONDS = 300;
    /** cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational; 1 is a cfn-lint failure. */
    private static final int ERRORS = 2;

    private static final int FAILURE = 1;

    @Test
    void synthesizedTemplateHasNoCfnLintErrors() throws IOException, InterruptedException {
        Path cfnLint = executable("cfn-lint");
        assumeTrue(cfnLint != null, "cfn-lint is not on the PATH");
        Path template = Synthesized.get().templateFile;

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
