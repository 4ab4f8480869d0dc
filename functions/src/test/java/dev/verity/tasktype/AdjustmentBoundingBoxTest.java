package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static dev.verity.tasktype.BoxAnswers.adjusted;
import static dev.verity.tasktype.BoxAnswers.answer;
import static dev.verity.tasktype.BoxAnswers.box;
import static dev.verity.tasktype.BoxAnswers.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustmentBoundingBoxTest {

    private static final LabelCategoryConfig DOG_BONE =
            LabelCategoryConfig.parse(Json.parse("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"bone\"}]}"), 1);

    private final AdjustmentBoundingBox type = new AdjustmentBoundingBox();

    @Test
    void isAChainedBoundingBoxJobThatShowsWorkersTheEarlierLabel() {
        assertThat(type.name()).isEqualTo("AdjustmentBoundingBox");
        assertThat(type.outputType()).isEqualTo("groundtruth/object-detection");
        assertThat(type.usesSourceRef()).isTrue();
        assertThat(type.showsManifestLine()).isTrue();
        assertThat(type.uiConfig(DOG_BONE)).isEqualTo(new BoundingBox().uiConfig(DOG_BONE));
        assertThat(type.checkLabelAttributeName("bb-adjusted")).isEmpty();
        assertThat(type.checkLabelAttributeName("bb-ref"))
                .contains("must not end in \"-ref\" for task type AdjustmentBoundingBox, got \"bb-ref\"");
    }

    @Test
    void acceptsABoundingBoxAnswerThatSaysWhetherTheWorkerChangedTheInitialBoxes() {
        JsonNode answer = adjusted(true, box("dog", 1, 2, 3, 4));

        assertThat(type.validateAnswer(answer, DOG_BONE))
                .isEqualTo(Json.parse("{\"boundingBox\":{\"boundingBoxes\":"
                        + "[{\"height\":4,\"label\":\"dog\",\"left\":1,\"top\":2,\"width\":3}],"
                        + "\"inputImageProperties\":{\"height\":400,\"width\":500},\"initialValueModified\":true}}"));
    }

    @Test
    void refusesAnAnswerWithoutInitialValueModified() {
        assertThatThrownBy(() -> type.validateAnswer(answer(box("dog", 1, 2, 3, 4)), DOG_BONE))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage(
                        "\"boundingBox.initialValueModified\" is missing; expected {\"boundingBox\":{\"boundingBoxes\":"
                                + "[{\"height\":h,\"label\":\"<category>\",\"left\":x,\"top\":y,\"width\":w},...],"
                                + "\"inputImageProperties\":{\"height\":h,\"width\":w}}} with \"initialValueModified\":true|false"
                                + " in \"boundingBox\"");
    }

    @Test
    void refusesABoxOutsideTheImageAsBoundingBoxDoes() {
        assertThatThrownBy(() -> type.validateAnswer(adjusted(true, box("dog", 490, 0, 20, 10)), DOG_BONE))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage(
                        "box 0 is outside the 500x400 image: its right edge at 510 is 10 px past the image's width");
    }

    @Test
    void isAdjustedWhenAtLeastOneWorkerChangedSomething() {
        List<ConsolidatedLabel> labels = type.consolidate(
                List.of(object(
                        "0", adjusted(false, box("dog", 0, 0, 100, 100)), adjusted(true, box("dog", 10, 0, 100, 100)))),
                DOG_BONE,
                VERITY);

        // Consolidated like bounding boxes: midpoint 5, IoU 9500/10500 each.
        assertThat(Json.write(labels.get(0).value().get("annotations")))
                .isEqualTo("[{\"class_id\":0,\"left\":5,\"top\":0,\"width\":100,\"height\":100}]");
        assertThat(Json.write(labels.get(0).metadata()))
                .isEqualTo("{\"objects\":[{\"confidence\":0.9}],"
                        + "\"class-map\":{\"0\":\"dog\"},\"adjustment-status\":\"adjusted\"}");
    }

    @Test
    void isUnadjustedWhenNoWorkerChangedAnything() {
        List<ConsolidatedLabel> labels = type.consolidate(
                List.of(object(
                        "0", adjusted(false, box("dog", 0, 0, 100, 100)), adjusted(false, box("dog", 0, 0, 100, 100)))),
                DOG_BONE,
                VERITY);

        assertThat(labels.get(0).metadata().get("adjustment-status").textValue())
                .isEqualTo("unadjusted");
    }

    @Test
    void writesTheBoundingBoxShapeUnderTheNewAttributeAndKeepsTheOriginal() {
        ObjectNode line = (ObjectNode) Json.parse(CHAINED_LINE);
        ConsolidatedLabel label = type.consolidate(
                        List.of(object("0", adjusted(true, box("dog", 100, 130, 70, 130)))), DOG_BONE, VERITY)
                .get(0);

        type.writeLabel(line, "bb-adjusted", label, "adjust", Instant.parse("2024-01-02T03:04:05Z"));

        assertThat(JsonShape.fieldNames(line))
                .containsExactly("source-ref", "bb", "bb-metadata", "bb-adjusted", "bb-adjusted-metadata");
        assertThat(line.get("bb")).isEqualTo(Json.parse(CHAINED_LINE).get("bb"));
        JsonShape.assertSameShape(line.get("bb-adjusted"), line.get("bb"), "bb-adjusted");
        JsonNode metadata = line.get("bb-adjusted-metadata");
        assertThat(JsonShape.fieldNames(metadata))
                .containsExactly(
                        "objects",
                        "class-map",
                        "adjustment-status",
                        "type",
                        "job-name",
                        "human-annotated",
                        "creation-date");
        assertThat(metadata.get("type").textValue()).isEqualTo("groundtruth/object-detection");
        assertThat(metadata.get("adjustment-status").textValue()).isEqualTo("adjusted");
    }

    @Test
    void findsTheEarlierLabelByItsObjectDetectionMetadata() {
        JsonNode line = Json.parse(CHAINED_LINE);

        assertThat(EarlierBoxLabel.attributeName(line)).contains("bb");
        assertThat(EarlierBoxLabel.initialValue(line))
                .isEqualTo(Json.parse("[{\"label\":\"dog\",\"left\":111,"
                        + "\"top\":134,\"width\":61,\"height\":128},{\"label\":\"bone\",\"left\":161,\"top\":250,\"width\":30,"
                        + "\"height\":30}]"));
    }

    @Test
    void takesTheLastOfSeveralEarlierBoxLabelsAndIgnoresOtherTypes() {
        ObjectNode line = (ObjectNode) Json.parse(CHAINED_LINE);
        line.put("species", 0).set("species-metadata", Json.object().put("type", "groundtruth/image-classification"));
        line.set("bb2", line.get("bb").deepCopy());
        line.set("bb2-metadata", line.get("bb-metadata").deepCopy());
        line.put("verify", "1").set("verify-metadata", Json.object().put("type", "groundtruth/label-verification"));

        assertThat(EarlierBoxLabel.attributeName(line)).contains("bb2");
    }

    @Test
    void aLineWithoutABoxLabelHasNoEarlierLabelAndNoInitialBoxes() {
        JsonNode line = Json.parse("{\"source-ref\":\"s3://b/1.jpg\",\"species\":0,"
                + "\"species-metadata\":{\"type\":\"groundtruth/image-classification\"}}");

        assertThat(EarlierBoxLabel.attributeName(line)).isEmpty();
        assertThat(EarlierBoxLabel.initialValue(line)).isEmpty();
    }

    @Test
    void anEarlierBoxWhoseClassTheMapDoesNotNameIsLeftOutOfTheInitialBoxes() {
        ObjectNode line = (ObjectNode) Json.parse(CHAINED_LINE);
        ((ObjectNode) line.get("bb-metadata").get("class-map")).remove("5");

        assertThat(EarlierBoxLabel.initialValue(line))
                .extracting(box -> box.get("label").textValue())
                .containsExactly("dog");
    }

    @Test
    void aLineIsUsableOnlyWithAnEarlierBoxLabelUnderAnotherName() {
        ObjectNode chained = (ObjectNode) Json.parse(CHAINED_LINE);
        assertThat(type.checkLine(chained, "bb-adjusted")).isEmpty();
        assertThat(type.checkLine(chained, "bb"))
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("\"bb\"", "must use a new LabelAttributeName"));
        ObjectNode plain = (ObjectNode) Json.parse("{\"source-ref\":\"s3://b/img.jpg\"}");
        assertThat(type.checkLine(plain, "bb-adjusted"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("needs an earlier bounding-box label", "groundtruth/object-detection"));
    }

    @Test
    void workersStartFromTheEarlierBoxes() {
        ObjectNode chained = (ObjectNode) Json.parse(CHAINED_LINE);
        assertThat(type.initialValue(chained))
                .hasValueSatisfying(boxes -> assertThat(boxes)
                        .isEqualTo(EarlierBoxLabel.initialValue(chained))
                        .hasSize(2));
        assertThat(new BoundingBox().initialValue(chained)).isEmpty();
    }

    @Test
    void allowsAtMostFiftyCategories() {
        com.fasterxml.jackson.databind.node.ObjectNode json = Json.object();
        for (int i = 0; i < 51; i++) {
            json.withArray("labels").addObject().put("label", "c" + i);
        }
        assertThat(type.checkCategories(LabelCategoryConfig.parse(json, 1)))
                .contains("task type AdjustmentBoundingBox allows at most 50 labels, the configuration has 51");
        assertThat(type.checkCategories(DOG_BONE)).isEmpty();
    }

    private static final String CHAINED_LINE = """
            {"source-ref":"s3://b/img.jpg",
             "bb":{"image_size":[{"width":500,"height":400,"depth":3}],
                   "annotations":[{"class_id":0,"left":111,"top":134,"width":61,"height":128},
                                  {"class_id":5,"left":161,"top":250,"width":30,"height":30}]},
             "bb-metadata":{"objects":[{"confidence":0.8},{"confidence":0.9}],"class-map":{"0":"dog","5":"bone"},
                   "type":"groundtruth/object-detection","human-annotated":"yes",
                   "creation-date":"2018-10-18T22:18:13.527256","job-name":"labeling-job/bb"}}
            """;
}
