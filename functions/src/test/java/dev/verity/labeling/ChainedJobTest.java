package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chaining as Ground Truth does it: a job whose input manifest is an earlier job's output. With the same label
 * attribute name only the objects lacking it go to workers; with a new name every object does.
 */
class ChainedJobTest {

    private final LabelingBench bench = new LabelingBench();

    /** An earlier job's output: objects 1 and 3 labeled as "label", objects 0, 2 and 4 not (expired, say). */
    private static final String EARLIER_OUTPUT = """
            {"source-ref":"s3://verity-data/images/a-0.jpg"}
            {"source-ref":"s3://verity-data/images/a-1.jpg","label":0,"label-metadata":{"class-name":"cat","confidence":0.9,"type":"groundtruth/image-classification","job-name":"labeling-job/first","human-annotated":"yes","creation-date":"2026-12-01T10:00:00.000000"}}
            {"source-ref":"s3://verity-data/images/a-2.jpg","my-id":"two"}
            {"source-ref":"s3://verity-data/images/a-3.jpg","label":1,"label-metadata":{"class-name":"dog","confidence":0.8,"type":"groundtruth/image-classification","job-name":"labeling-job/first","human-annotated":"yes","creation-date":"2026-12-01T10:00:00.000000"}}
            {"source-ref":"s3://verity-data/images/a-4.jpg"}
            """;

    private String chainedJob(String name, String labelAttributeName) {
        ObjectNode request = bench.imageRequest(name, 0, 1, r -> {
            r.put("LabelAttributeName", labelAttributeName);
            r.with("InputConfig")
                    .with("DataSource")
                    .with("S3DataSource")
                    .put("ManifestS3Uri", LabelingBench.BUCKET + "output/first/manifests/output/output.manifest");
        });
        bench.objects.put(LabelingBench.BUCKET + "output/first/manifests/output/output.manifest", EARLIER_OUTPUT);
        return bench.dispatch(bench.createAndSelect(request));
    }

    private List<String> sentObjects(String job) {
        return bench.queue.messages(job).stream()
                .map(m -> m.dataObject().get("source-ref").asText())
                .sorted()
                .toList();
    }

    @Test
    void aChainedJobWithTheSameAttributeSendsOnlyTheObjectsLackingIt() {
        String job = chainedJob("same-attribute", "label");

        assertThat(sentObjects(job))
                .containsExactly(
                        "s3://verity-data/images/a-0.jpg",
                        "s3://verity-data/images/a-2.jpg",
                        "s3://verity-data/images/a-4.jpg");
        assertThat(bench.store.get(job).orElseThrow().selectedObjects()).isEqualTo(3);
    }

    @Test
    void aChainedJobWithANewAttributeSendsEveryObject() {
        String job = chainedJob("new-attribute", "label-2");

        assertThat(sentObjects(job)).hasSize(5);
        assertThat(bench.store.get(job).orElseThrow().selectedObjects()).isEqualTo(5);
    }

    @Test
    void theOutputOfAChainedJobKeepsTheEarlierLabelsInInputOrder() {
        String job = chainedJob("same-attribute-output", "label");
        for (int i = 0; i < 3; i++) {
            bench.takeAndAnswer(job, "w" + i);
        }

        List<ObjectNode> output = bench.finish(job);

        assertThat(output)
                .extracting(line -> line.get("source-ref").asText())
                .containsExactly(
                        "s3://verity-data/images/a-0.jpg",
                        "s3://verity-data/images/a-1.jpg",
                        "s3://verity-data/images/a-2.jpg",
                        "s3://verity-data/images/a-3.jpg",
                        "s3://verity-data/images/a-4.jpg");
        // the earlier labels are copied unchanged, the new ones are this job's
        assertThat(output.get(1).get("label-metadata").get("job-name").asText()).isEqualTo("labeling-job/first");
        assertThat(output.get(3).get("label").asInt()).isEqualTo(1);
        for (int i : new int[] {0, 2, 4}) {
            assertThat(output.get(i).get("label-metadata").get("job-name").asText())
                    .isEqualTo("labeling-job/" + job);
        }
        assertThat(output.get(2).get("my-id").asText()).isEqualTo("two");
    }

    @Test
    void aChainedJobWhoseObjectsAreAllLabeledSendsNothingAndCopiesThemAll() {
        bench.objects.put(
                LabelingBench.BUCKET + "output/first/manifests/output/output.manifest",
                EARLIER_OUTPUT.lines().filter(l -> l.contains("\"label\"")).reduce("", (a, b) -> a + b + "\n"));
        ObjectNode request = bench.imageRequest(
                "nothing-left",
                0,
                1,
                r -> r.with("InputConfig")
                        .with("DataSource")
                        .with("S3DataSource")
                        .put("ManifestS3Uri", LabelingBench.BUCKET + "output/first/manifests/output/output.manifest"));
        String job = bench.dispatch(bench.createAndSelect(request));

        assertThat(bench.queue.messages(job)).isEmpty();
        assertThat(bench.workflow.resumed(LabelingBench.token(job))).isTrue();
        assertThat(bench.finish(job)).hasSize(2);
    }
}
