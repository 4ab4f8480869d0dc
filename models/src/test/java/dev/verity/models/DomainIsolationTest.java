package dev.verity.models;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models are domain code: the Lambda jar carries the AWS SDK, but nothing here may use it; only the Lambda entry
 * points ({@code handler}) see Lambda's types.
 */
class DomainIsolationTest {

    @Test
    void theModelsImportNothingFromAws() throws IOException {
        Path root = Path.of("src/main/java/dev/verity/models");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(root.resolve("handler")))
                    .toList();
        }
        List<Path> offenders = sources.stream().filter(DomainIsolationTest::importsAws).toList();

        assertThat(sources).isNotEmpty();
        assertThat(offenders).isEmpty();
    }

    private static boolean importsAws(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.matches(
                    "import (static )?(software\\.amazon|com\\.amazonaws)\\..*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
