package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code verity demo} for every task type, through one local runtime ({@link SharedRuntime}: temporary state, any
 * free port): generated data with known truth, a job started
 * by uploading {@code jobs/<name>.json}, simulated workers of accuracy 0.9 answering through the worker API, and the
 * output manifest read back and scored. Data and workers are seeded per (worker, object), so the figures do not
 * depend on the order tasks are handed out; the floors leave a wide margin under them.
 */
class DemoTaskTypesEndToEndIT {

    private static final int OBJECTS = 12;
    private static final double ACCURACY = 0.9;

    /** Ground Truth's metadata {@code type} per demo, written out here rather than taken from the task types. */
    private static final Map<String, String> OUTPUT_TYPES = Map.of("custom", "groundTruth/custom");

    private static final Map<String, String> BUILT_IN_OUTPUT_TYPES = Map.of(
            "image-classification", "groundtruth/image-classification",
            "text-classification", "groundtruth/text-classification",
            "image-multilabel", "groundtruth/image-classification-multilabel",
            "text-multilabel", "groundtruth/text-classification-multilabel",
            "named-entity-recognition", "groundtruth/text-span",
            "bounding-box", "groundtruth/object-detection",
            "bounding-box-adjustment", "groundtruth/object-detection",
            "bounding-box-verification", "groundtruth/label-verification",
            "semantic-segmentation", "groundtruth/semantic-segmentation",
            "semantic-segmentation-adjustment", "groundtruth/semantic-segmentation");

    private static String outputType(String taskType) {
        return OUTPUT_TYPES.getOrDefault(taskType, BUILT_IN_OUTPUT_TYPES.get(taskType));
    }

    /** Lowest acceptable consolidated figure (accuracy, label F1, span F1 or mean IoU) for workers of 0.9. */
    private static final Map<String, Double> FLOORS = Map.ofEntries(
            Map.entry("custom", 0.75),
            Map.entry("image-classification", 0.75),
            Map.entry("text-classification", 0.75),
            Map.entry("image-multilabel", 0.75),
            Map.entry("text-multilabel", 0.75),
            Map.entry("named-entity-recognition", 0.7),
            Map.entry("bounding-box", 0.7),
            Map.entry("bounding-box-adjustment", 0.7),
            Map.entry("bounding-box-verification", 0.75),
            Map.entry("semantic-segmentation", 0.7),
            Map.entry("semantic-segmentation-adjustment", 0.7));

    /** The earlier label each chained demo's input lines carry. */
    private static final Map<String, String> EARLIER_ATTRIBUTES = Map.of(
            "bounding-box-adjustment", BoxAdjustmentDemo.EARLIER,
            "semantic-segmentation-adjustment", SegmentationAdjustmentDemo.EARLIER);

    private static VerityRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = SharedRuntime.get();
    }

    static List<String> taskTypes() {
        return DemoTasks.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskTypes")
    void theDemoRunsAJobToCompletionAndScoresItsOutput(String taskType) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Demo.Report report = new Demo(
                        runtime,
                        new Demo.Options(taskType, OBJECTS, 3, 3, ACCURACY, 7),
                        new PrintStream(log, true, StandardCharsets.UTF_8))
                .execute();
        DemoTask<?> task = report.task();
        System.out.printf(
                "%-26s consolidated %s %s; single-worker %s%s%n",
                taskType,
                report.consolidated().metric(),
                report.consolidated().summary(),
                report.singleWorker().summary(),
                report.earlier() == null
                        ? ""
                        : "; earlier labels " + report.earlier().summary());

        assertThat(report.status()).as("%s%n%s", report.description(), log).isEqualTo("Completed");
        assertThat(report.description().at("/LabelCounters/TotalLabeled").asInt())
                .isEqualTo(OBJECTS);
        assertThat(report.answers()).isEqualTo(OBJECTS * 3L);
        assertThat(report.output())
                .extracting(DemoTaskTypesEndToEndIT::objectOf)
                .containsExactlyElementsOf(report.input().stream()
                        .map(DemoTaskTypesEndToEndIT::objectOf)
                        .toList());
        String attribute = task.labelAttribute();
        for (JsonNode line : report.output()) {
            assertThat(line.has(attribute)).as("%s in %s", attribute, line).isTrue();
            JsonNode metadata = line.path(attribute + "-metadata");
            assertThat(metadata.path("type").asText()).as(line.toString()).isEqualTo(outputType(taskType));
            assertThat(metadata.path("human-annotated").asText()).isEqualTo("yes");
            if (taskType.equals("custom")) { // Ground Truth's custom metadata: underscore keys, plain job name
                assertThat(metadata.path("job_name").asText()).isEqualTo(report.job());
                assertThat(metadata.has("creation_date")).isTrue();
            } else {
                assertThat(metadata.path("job-name").asText()).isEqualTo("labeling-job/" + report.job());
            }
        }

        assertThat(report.consolidated().objects()).isEqualTo(OBJECTS);
        assertThat(report.consolidated().value())
                .as(report.consolidated().summary())
                .isGreaterThanOrEqualTo(FLOORS.get(taskType));
        if (report.consolidated() instanceof DemoQuality.BoxMatch boxes) {
            assertThat(boxes.recall()).as(boxes.summary()).isGreaterThanOrEqualTo(0.75);
        }
        if (outputType(taskType).equals("groundtruth/semantic-segmentation")) {
            // The label is the consolidated mask's S3 URI, its classes named in the metadata.
            assertThat(report.output()).allSatisfy(line -> {
                assertThat(line.path(attribute).asText()).startsWith("s3://").endsWith(".png");
                assertThat(line.at("/" + attribute + "-metadata/internal-color-map/0/class-name")
                                .asText())
                        .isEqualTo("BACKGROUND");
            });
        }
        if (EARLIER_ATTRIBUTES.containsKey(taskType)) {
            // The chained job keeps the earlier label and improves on it.
            String earlier = EARLIER_ATTRIBUTES.get(taskType);
            assertThat(report.output())
                    .allSatisfy(line -> assertThat(line.has(earlier)).isTrue());
            assertThat(report.output())
                    .allSatisfy(line -> assertThat(line.at("/" + attribute + "-metadata/adjustment-status")
                                    .asText())
                            .isIn("adjusted", "unadjusted"));
            assertThat(report.consolidated().value())
                    .isGreaterThan(report.earlier().value());
        }
    }

    private static String objectOf(JsonNode line) {
        return line.has("source-ref")
                ? line.get("source-ref").asText()
                : line.path("source").asText();
    }
}
