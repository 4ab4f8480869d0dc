package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static dev.verity.tasktype.SegmentationAnswers.adjusted;
import static dev.verity.tasktype.SegmentationAnswers.answer;
import static dev.verity.tasktype.SemanticSegmentationTest.ROAD_CAR;
import static dev.verity.tasktype.SemanticSegmentationTest.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.verity.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustmentSemanticSegmentationTest {

    private final AdjustmentSemanticSegmentation type = new AdjustmentSemanticSegmentation();

    @Test
    void isAChainedSegmentationJobThatShowsWorkersTheEarlierLabel() {
        assertThat(type.name()).isEqualTo("AdjustmentSemanticSegmentation");
        assertThat(type.outputType()).isEqualTo("groundtruth/semantic-segmentation");
        assertThat(type.usesSourceRef()).isTrue();
        assertThat(type.showsManifestLine()).isTrue();
        assertThat(type.uiConfig(ROAD_CAR)).isEqualTo(new SemanticSegmentation().uiConfig(ROAD_CAR));
        assertThat(type.checkLabelAttributeName("city-adjusted-ref")).isEmpty();
        assertThat(type.checkLabelAttributeName("city-adjusted"))
                .contains("must end in \"-ref\" for task type AdjustmentSemanticSegmentation, got \"city-adjusted\"");
    }

    @Test
    void refusesAnAnswerWithoutInitialValueModified() {
        assertThatThrownBy(() -> type.validateAnswer(answer("r."), ROAD_CAR))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageStartingWith("\"crowd-semantic-segmentation.initialValueModified\" is missing; expected ")
                .hasMessageEndingWith(" with \"initialValueModified\":true|false in \"crowd-semantic-segmentation\"");
        assertThat(type.validateAnswer(adjusted(true, "r."), ROAD_CAR)
                        .at("/crowd-semantic-segmentation/initialValueModified")
                        .booleanValue())
                .isTrue();
    }

    @Test
    void refusesAMaskPixelAsSemanticSegmentationDoes() {
        assertThatThrownBy(() -> type.validateAnswer(adjusted(true, "rx"), ROAD_CAR))
                .hasMessageStartingWith("pixel (1, 0) has the colour #123456");
    }

    @Test
    void isAdjustedWhenAtLeastOneWorkerChangedTheMask() {
        List<ConsolidatedLabel> labels =
                type.consolidate(List.of(object("0", adjusted(false, "rr"), adjusted(true, "rc"))), ROAD_CAR, VERITY);

        assertThat(labels.get(0).metadata().get("adjustment-status").textValue())
                .isEqualTo("adjusted");
        assertThat(labels.get(0).png()).isNotEmpty();
    }

    @Test
    void isUnadjustedWhenNoWorkerChangedAnything() {
        List<ConsolidatedLabel> labels =
                type.consolidate(List.of(object("0", adjusted(false, "rr"), adjusted(false, "rr"))), ROAD_CAR, VERITY);

        assertThat(labels.get(0).metadata().get("adjustment-status").textValue())
                .isEqualTo("unadjusted");
    }

    @Test
    void writesTheSegmentationShapeUnderTheNewAttributeAndKeepsTheOriginal() {
        ObjectNode line = (ObjectNode) Json.parse(CHAINED_LINE);
        ConsolidatedLabel label = type.consolidate(List.of(object("0", adjusted(true, "rc"))), ROAD_CAR, VERITY)
                .get(0);
        String uri = "s3://b/adjust/annotations/consolidated-annotation/output/0_2024-01-02T03:04:05.000000.png";

        type.writeLabel(
                line,
                "city-adjusted-ref",
                label.withValue(TextNode.valueOf(uri)),
                "adjust",
                Instant.parse("2024-01-02T03:04:05Z"));

        assertThat(JsonShape.fieldNames(line))
                .containsExactly(
                        "source-ref",
                        "city-ref",
                        "city-ref-metadata",
                        "city-adjusted-ref",
                        "city-adjusted-ref-metadata");
        assertThat(line.get("city-ref")).isEqualTo(Json.parse(CHAINED_LINE).get("city-ref"));
        assertThat(line.get("city-adjusted-ref").textValue()).isEqualTo(uri);
        JsonNode metadata = line.get("city-adjusted-ref-metadata");
        assertThat(JsonShape.fieldNames(metadata))
                .containsExactly(
                        "internal-color-map",
                        "adjustment-status",
                        "type",
                        "job-name",
                        "human-annotated",
                        "creation-date");
        JsonShape.assertSameShape(
                metadata.get("internal-color-map").get("0"),
                line.get("city-ref-metadata").get("internal-color-map").get("0"),
                "internal-color-map.0");
        assertThat(metadata.get("type").textValue()).isEqualTo("groundtruth/semantic-segmentation");
        assertThat(metadata.get("adjustment-status").textValue()).isEqualTo("adjusted");
    }

    @Test
    void workersStartFromTheEarlierMaskAndItsColours() {
        ObjectNode chained = (ObjectNode) Json.parse(CHAINED_LINE);

        assertThat(type.initialValue(chained))
                .contains(Json.parse("{\"labelMappings\":{"
                        + "\"road\":{\"color\":\"#f28333\"},\"car\":{\"color\":\"#2ca02c\"}},"
                        + "\"src\":\"s3://b/city/annotations/consolidated-annotation/output/"
                        + "0_2020-04-21T13:48:00.091190.png\"}"));
        assertThat(new SemanticSegmentation().initialValue(chained)).isEmpty();
    }

    @Test
    void takesTheLastOfSeveralEarlierMasksAndIgnoresOtherTypes() {
        ObjectNode line = (ObjectNode) Json.parse(CHAINED_LINE);
        line.put("species", 0).set("species-metadata", Json.object().put("type", "groundtruth/image-classification"));
        line.put("city2-ref", "s3://b/second.png");
        line.set("city2-ref-metadata", line.get("city-ref-metadata").deepCopy());
        line.put("city3", "s3://b/not-a-ref-name.png");
        line.set("city3-metadata", line.get("city-ref-metadata").deepCopy());

        assertThat(EarlierMaskLabel.attributeName(line)).contains("city2-ref");
        assertThat(type.initialValue(line).orElseThrow().get("src").textValue()).isEqualTo("s3://b/second.png");
    }

    @Test
    void aLineIsUsableOnlyWithAnEarlierMaskUnderAnotherName() {
        ObjectNode chained = (ObjectNode) Json.parse(CHAINED_LINE);
        assertThat(type.checkLine(chained, "city-adjusted-ref")).isEmpty();
        assertThat(type.checkLine(chained, "city-ref"))
                .contains("the earlier mask is under \"city-ref\", the job's "
                        + "own label attribute; AdjustmentSemanticSegmentation jobs must use a new LabelAttributeName");
        ObjectNode plain = (ObjectNode) Json.parse("{\"source-ref\":\"s3://b/img.jpg\"}");
        assertThat(type.checkLine(plain, "city-adjusted-ref"))
                .contains("AdjustmentSemanticSegmentation needs an "
                        + "earlier semantic-segmentation mask on every line (an attribute ending in \"-ref\" whose -metadata "
                        + "has type \"groundtruth/semantic-segmentation\")");
        assertThat(type.initialValue(plain)).isEmpty();
    }

    private static final String CHAINED_LINE = """
            {"source-ref":"s3://b/img.jpg",
             "city-ref":"s3://b/city/annotations/consolidated-annotation/output/0_2020-04-21T13:48:00.091190.png",
             "city-ref-metadata":{"internal-color-map":{
                   "0":{"class-name":"BACKGROUND","confidence":0.9,"hex-color":"#ffffff"},
                   "1":{"class-name":"road","confidence":0.9,"hex-color":"#f28333"},
                   "2":{"class-name":"car","confidence":0.9,"hex-color":"#2ca02c"}},
                 "type":"groundtruth/semantic-segmentation","job-name":"labeling-job/city","human-annotated":"yes",
                 "creation-date":"2020-04-21T13:48:00.091190"}}
            """;
}
