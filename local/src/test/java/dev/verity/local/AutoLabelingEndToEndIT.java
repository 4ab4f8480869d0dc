package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Automated labeling through the running local runtime: {@code verity demo --auto-label}'s job of generated shape
 * images, started by an S3 upload, run by the very state machine the stack deploys (its Choice takes the
 * automated-labeling path), the real models in the featurise, train and infer functions, simulated workers answering
 * through the worker API.
 */
class AutoLabelingEndToEndIT {

    private static final int OBJECTS = 1_250;
    private static final int WORKERS_PER_OBJECT = 2;
    /**
     * A first batch large enough, and workers accurate enough, that round 1's model clears the 95% bound on the
     * validation set every time: with 250 labels from workers of 0.95 its bound was about 0.951, and a run now and
     * then labeled nothing by machine.
     */
    private static final int BATCH = 400;

    @Test
    void anAutoLabelingJobCompletesWithHumanAndMachineLabelsInGroundTruthsShape() throws Exception {
        VerityRuntime runtime = SharedRuntime.get();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Demo.Report report = new Demo(
                        runtime,
                        new Demo.Options("image-classification", OBJECTS, 4, WORKERS_PER_OBJECT, 0.99, 11, BATCH),
                        new PrintStream(log, true, StandardCharsets.UTF_8))
                .execute();
        JsonNode counters = report.description().get("LabelCounters");
        System.out.printf(
                "auto-labeling: %s; machine labels %s; %d answers; %s%n",
                counters,
                report.autoLabeled().machine().summary(),
                report.answers(),
                report.autoLabeled().rounds());

        assertThat(report.status()).as("%s%n%s", report.description(), log).isEqualTo("Completed");
        assertThat(counters.get("MachineLabeled").asInt()).isPositive();
        assertThat(counters.get("HumanLabeled").asInt()
                        + counters.get("MachineLabeled").asInt())
                .isEqualTo(counters.get("TotalLabeled").asInt());
        assertThat(report.description()
                        .at("/LabelingJobOutput/FinalActiveLearningModelArn")
                        .asText())
                .startsWith("arn:aws:sagemaker:us-east-1:")
                .contains(":model/" + report.job().toLowerCase() + "-iteration-");
        assertThat(report.answers()).isLessThan((long) OBJECTS * WORKERS_PER_OBJECT);

        // Every input line, in order, with a human or a machine label in Ground Truth's shape.
        assertThat(report.output()).hasSize(OBJECTS);
        List<JsonNode> machine = report.output().stream()
                .filter(l -> l.at("/category-metadata/human-annotated").asText().equals("no"))
                .toList();
        List<JsonNode> human = report.output().stream()
                .filter(l -> l.at("/category-metadata/human-annotated").asText().equals("yes"))
                .toList();
        assertThat(machine).hasSize(counters.get("MachineLabeled").asInt());
        assertThat(human).hasSize(counters.get("HumanLabeled").asInt());
        for (JsonNode line : machine) {
            JsonNode metadata = line.get("category-metadata");
            assertThat(line.get("category").isInt()).isTrue();
            assertThat(metadata.get("class-name").asText())
                    .isEqualTo(DemoDataset.LABELS.get(line.get("category").asInt()));
            assertThat(metadata.get("confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(metadata.get("type").asText()).isEqualTo("groundtruth/image-classification");
            assertThat(metadata.get("job-name").asText()).isEqualTo("labeling-job/" + report.job());
            assertThat(metadata.get("creation-date").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        }
        assertThat(report.autoLabeled().machine().value())
                .as(report.autoLabeled().machine().summary())
                .isGreaterThanOrEqualTo(0.9);

        // Ground Truth's automated-labeling folders.
        String root = "demo-output/" + report.job() + "/";
        for (String folder : List.of("activelearning/", "inference/", "training/")) {
            assertThat(runtime
                            .s3()
                            .listObjectsV2Paginator(
                                    b -> b.bucket(runtime.bucket()).prefix(root + folder))
                            .contents()
                            .stream()
                            .map(S3Object::key)
                            .toList())
                    .as(folder)
                    .isNotEmpty();
        }
        assertThat(report.autoLabeled().rounds()).isNotEmpty();
        assertThat(report.autoLabeled().rounds().get(0).get("humanBatch").asInt())
                .isEqualTo(250 + BATCH);
    }
}
