package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verity.consolidation.CrowdAnswers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loader reads the real files with the counts their README gives, and cuts sub-jobs out of them. */
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
    void aSubJobHasTheChosenObjectsWithAllTheirAnswersAndTheirTruth() {
        CrowdDataset dog = CrowdDataset.load(crowd().resolve("dog"));

        CrowdDataset sub = ConsolidationBenchmark.subJob(dog, 30, new SplittableRandom(9));

        assertThat(sub.answers().items()).isEqualTo(30);
        assertThat(sub.answers().answers()).isEqualTo(300); // 10 answers per dog image
        assertThat(sub.answers().classes()).isEqualTo(4);
        Map<String, Integer> wholeIndex = new HashMap<>();
        for (int i = 0; i < dog.answers().items(); i++) {
            wholeIndex.put(dog.answers().itemId(i), i);
        }
        for (int i = 0; i < 30; i++) {
            int whole = wholeIndex.get(sub.answers().itemId(i));
            assertThat(sub.truth()[i]).isEqualTo(dog.truth()[whole]);
            assertThat(labels(sub.answers(), i)).isEqualTo(labels(dog.answers(), whole));
        }
        assertThat(wholeIndex).containsKeys(ids(sub.answers()));
        assertThat(Set.of(ids(sub.answers()))).hasSize(30);
    }

    @Test
    void refusesAFileWithoutTheExpectedHeader() throws Exception {
        Path folder = Files.createTempDirectory("crowd");
        Files.writeString(folder.resolve("answer.csv"), "item,worker,answer\n1,1,0\n");

        assertThatThrownBy(() -> CrowdDataset.load(folder))
                .hasMessageContaining("expected the header \"question,worker,answer\"");
    }

    private static List<String> labels(CrowdAnswers answers, int item) {
        List<String> labels = new ArrayList<>();
        for (int a = answers.firstAnswer(item); a < answers.firstAnswer(item + 1); a++) {
            labels.add(answers.workerId(answers.worker(a)) + "=" + answers.label(a));
        }
        Collections.sort(labels);
        return labels;
    }

    private static String[] ids(CrowdAnswers answers) {
        String[] ids = new String[answers.items()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = answers.itemId(i);
        }
        return ids;
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
