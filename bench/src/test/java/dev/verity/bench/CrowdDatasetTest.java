package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The loader reads the real files with the counts their README gives. */
class CrowdDatasetTest {

    @Test
    void loadsProduct() {
        CrowdDataset product = CrowdDataset.load(crowd().resolve("product"));

        assertThat(product.answers().answers()).isEqualTo(24_945);
        assertThat(product.answers().items()).isEqualTo(8_315);
        assertThat(product.answers().workers()).isEqualTo(176);
        assertThat(product.answers().classes()).isEqualTo(2);
        assertThat(product.truthCount()).isEqualTo(8_315);
    }

    @Test
    void loadsDog() {
        CrowdDataset dog = CrowdDataset.load(crowd().resolve("dog"));

        assertThat(dog.answers().answers()).isEqualTo(8_070);
        assertThat(dog.answers().items()).isEqualTo(807);
        assertThat(dog.answers().workers()).isEqualTo(109);
        assertThat(dog.answers().classes()).isEqualTo(4);
        assertThat(dog.truthCount()).isEqualTo(807);
    }

    @Test
    void refusesAFileWithoutTheExpectedHeader() throws Exception {
        Path folder = Files.createTempDirectory("crowd");
        Files.writeString(folder.resolve("answer.csv"), "item,worker,answer\n1,1,0\n");

        assertThatThrownBy(() -> CrowdDataset.load(folder))
                .hasMessageContaining("expected the header \"question,worker,answer\"");
    }

    /** The datasets live beside the repository (../shared), so a checkout without them skips rather than fails. */
    private static Path crowd() {
        Path cwd = Path.of("").toAbsolutePath();
        try {
            return ConsolidationBenchmark.findUp(cwd, Path.of("shared/datasets/crowd"));
        } catch (IllegalStateException e) {
            assumeTrue(false, e.getMessage());
            throw e;
        }
    }
}
