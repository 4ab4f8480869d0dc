package dev.verity.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md principle 2: the domain has no AWS imports; only adapters and handlers talk to AWS. */
class DomainIsolationTest {

    private static final List<String> DOMAIN_PACKAGES = List.of(
            "job", "manifest", "selection", "tasktype", "consolidation", "labeling", "catalog", "json", "autolabel");

    @Test
    void domainPackagesImportNothingFromAws() throws IOException {
        Path root = Path.of("src/main/java/dev/verity");
        assertThat(root).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = DOMAIN_PACKAGES.stream().map(root::resolve).filter(Files::isDirectory)
                .flatMap(DomainIsolationTest::javaFiles)) {
            offenders = files.filter(DomainIsolationTest::importsAws).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
        assertThat(root.resolve("manifest")).isDirectory();
        assertThat(root.resolve("job")).isDirectory();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean importsAws(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import software.amazon.")
                    || line.startsWith("import com.amazonaws.") || line.startsWith("import static software.amazon."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
