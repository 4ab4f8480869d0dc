package dev.verity.autolabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureFileTest {

    @Test
    void denseAndSparseVectorsReadBackEqualInOrder() throws IOException {
        Features dense = Features.dense(new float[] {0.5f, -1f, 3.25f});
        Features sparse = new Features(new int[] {2, 70_000, 262_143}, new float[] {1f, 0.25f, -0.5f});
        Features empty = new Features(new int[0], new float[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FeatureFile.Writer writer = FeatureFile.writer(bytes)) {
            writer.write("0", dense);
            writer.write("7", sparse);
            writer.write("12", empty);
        }

        List<FeatureFile.Entry> entries = new ArrayList<>();
        try (FeatureFile.Reader reader = FeatureFile.reader(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (FeatureFile.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                entries.add(entry);
            }
        }

        assertThat(entries)
                .containsExactly(
                        new FeatureFile.Entry("0", dense),
                        new FeatureFile.Entry("7", sparse),
                        new FeatureFile.Entry("12", empty));
    }

    @Test
    void aDenseVectorIsStoredWithoutItsIndices() throws IOException {
        ByteArrayOutputStream dense = new ByteArrayOutputStream();
        try (FeatureFile.Writer writer = FeatureFile.writer(dense)) {
            writer.write("1", Features.dense(new float[1000]));
        }
        assertThat(dense.size()).isLessThan(1000 * 4 + 32);
    }

    @Test
    void anotherFileIsRefused() {
        assertThatThrownBy(() -> FeatureFile.reader(new ByteArrayInputStream("{\"a\":1}".getBytes())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a Verity feature file");
    }

    @Test
    void featureIndicesMustIncrease() {
        assertThatThrownBy(() -> new Features(new int[] {3, 3}, new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must increase");
        assertThatThrownBy(() -> new Features(new int[] {1}, new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
