package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static dev.verity.tasktype.BoxAnswers.answer;
import static dev.verity.tasktype.BoxAnswers.box;
import static dev.verity.tasktype.BoxAnswers.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BoundingBoxTest {

    private static final LabelCategoryConfig DOG_BONE =
            LabelCategoryConfig.parse(Json.parse("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"bone\"}]}"), 1);
    private static final Instant CREATED = Instant.parse("2018-10-18T22:18:13.527256Z");

    private final BoundingBox type = new BoundingBox();

    @Test
    void describesItselfAsGroundTruthsBoundingBox() {
        assertThat(type.name()).isEqualTo("BoundingBox");
        assertThat(type.outputType()).isEqualTo("groundtruth/object-detection");
        assertThat(type.usesSourceRef()).isTrue();
        assertThat(type.minLabels()).isEqualTo(1);
        assertThat(type.showsManifestLine()).isFalse();
    }

    @Test
    void theLabelAttributeNameMustNotEndInRef() {
        assertThat(type.checkLabelAttributeName("bb")).isEmpty();
        assertThat(type.checkLabelAttributeName("bb-ref"))
                .contains("must not end in \"-ref\" for task type BoundingBox, got \"bb-ref\"");
    }

    @Test
    void uiConfigNamesTheCrowdElementAsGroundTruthsTemplateDoes() {
        assertThat(type.uiConfig(DOG_BONE))
                .isEqualTo(Json.parse(
                        "{\"element\":\"crowd-bounding-box\",\"name\":\"boundingBox\",\"labels\":[\"dog\",\"bone\"]}"));
    }

    @Nested
    class ValidateAnswer {

        @Test
        void acceptsBoxesInsideTheImageAndNormalizesTheNumbers() {
            JsonNode valid =
                    type.validateAnswer(answer(box("dog", 0, 0, 500, 400), box("bone", 10.5, 20, 30, 40)), DOG_BONE);

            assertThat(Json.write(valid))
                    .isEqualTo("{\"boundingBox\":{\"boundingBoxes\":["
                            + "{\"height\":400,\"label\":\"dog\",\"left\":0,\"top\":0,\"width\":500},"
                            + "{\"height\":40,\"label\":\"bone\",\"left\":10.5,\"top\":20,\"width\":30}],"
                            + "\"inputImageProperties\":{\"height\":400,\"width\":500}}}");
        }

        @Test
        void acceptsNoBoxesAtAll() {
            assertThat(type.validateAnswer(answer(), DOG_BONE)
                            .get("boundingBox")
                            .get("boundingBoxes"))
                    .isEmpty();
        }

        @Test
        void keepsInitialValueModifiedWhenTheElementSendsIt() {
            JsonNode answer = BoxAnswers.adjusted(false, box("dog", 1, 2, 3, 4));

            assertThat(type.validateAnswer(answer, DOG_BONE)
                            .get("boundingBox")
                            .get("initialValueModified")
                            .booleanValue())
                    .isFalse();
        }

        static Stream<Arguments> refused() {
            return Stream.of(
                    arguments(
                            answer(box("Dog", 0, 0, 10, 10)),
                            "box 0: unknown label \"Dog\"; allowed labels: [\"dog\",\"bone\"]"),
                    arguments(
                            answer(box("dog", 0, 0, 10, 10), box("cat", 0, 0, 10, 10)),
                            "box 1: unknown label \"cat\"; allowed labels: [\"dog\",\"bone\"]"),
                    arguments(
                            answer(box("dog", 0, 0, 0, 10)),
                            "box 0: width and height must be greater than 0, got width 0 and height 10"),
                    arguments(
                            answer(box("dog", 0, 0, 10, -3)),
                            "box 0: width and height must be greater than 0, got width 10 and height -3"),
                    arguments(
                            answer(box("dog", -5, 0, 10, 10)),
                            "box 0 is outside the 500x400 image: its left edge is 5 px left of the image"),
                    arguments(
                            answer(box("dog", 0, -2.5, 10, 10)),
                            "box 0 is outside the 500x400 image: its top edge is 2.5 px above the image"),
                    arguments(
                            answer(box("dog", 0, 0, 1, 1), box("dog", 480, 0, 40, 10)),
                            "box 1 is outside the 500x400 image: its right edge at 520 is 20 px past the image's width"),
                    arguments(
                            answer(box("dog", 0, 390, 10, 20)),
                            "box 0 is outside the 500x400 image: its bottom edge at 410 is 10 px past the image's height"),
                    arguments(
                            answer(box("dog", 0, 0, 10, 10), box("dog", 0, 0, 10, 10), box("dog", 0, 0, 10, 10))
                                    .put("ignored", 1),
                            "unexpected field \"ignored\"; " + EXPECTED),
                    arguments(
                            Json.parse(answerText("0", "0", "1e400", "10")),
                            "\"boundingBox.boundingBoxes[0].width\" is not a finite number"),
                    arguments(
                            answer(0, 400),
                            "\"boundingBox.inputImageProperties.width\" must be a whole number of"
                                    + " pixels, at least 1, got 0"),
                    arguments(
                            imageSize("500.5", "400"),
                            "\"boundingBox.inputImageProperties.width\" must be a whole"
                                    + " number of pixels, at least 1, got 500.5"),
                    arguments(tooMany(), "501 boxes drawn; at most 500 are allowed"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("refused")
        void refusesWithTheReason(JsonNode answer, String reason) {
            assertThatThrownBy(() -> type.validateAnswer(answer, DOG_BONE))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(reason);
        }

        @Test
        void acceptsExactlyTheMostBoxesAllowed() {
            ObjectNode answer = tooMany();
            ((ArrayNode) answer.get("boundingBox").get("boundingBoxes")).remove(0);

            assertThat(type.validateAnswer(answer, DOG_BONE).get("boundingBox").get("boundingBoxes"))
                    .hasSize(500);
        }

        static Stream<Arguments> malformed() {
            String box = "{\"height\":1,\"label\":\"dog\",\"left\":0,\"top\":0,\"width\":1}";
            String image = "\"inputImageProperties\":{\"height\":400,\"width\":500}";
            return Stream.of(
                    arguments("[]", "the answer is not a JSON object"),
                    arguments("{}", "\"boundingBox\" is missing"),
                    arguments("{\"crowd-bounding-box\":{}}", "unexpected field \"crowd-bounding-box\""),
                    arguments("{\"boundingBox\":[]}", "\"boundingBox\" is not an object"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[]," + image + ",\"polygons\":[]}}",
                            "unexpected field \"boundingBox.polygons\""),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[]}}",
                            "\"boundingBox.inputImageProperties\" is missing"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[],\"inputImageProperties\":[500,400]}}",
                            "\"boundingBox.inputImageProperties\" is not an object"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[],"
                                    + "\"inputImageProperties\":{\"height\":400,\"width\":500,\"depth\":3}}}",
                            "unexpected field \"boundingBox.inputImageProperties.depth\""),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[],\"inputImageProperties\":{\"height\":400}}}",
                            "\"boundingBox.inputImageProperties.width\" is missing"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[],"
                                    + "\"inputImageProperties\":{\"height\":\"400\",\"width\":500}}}",
                            "\"boundingBox.inputImageProperties.height\" is not a number"),
                    arguments(
                            "{\"boundingBox\":{" + image + ",\"initialValueModified\":\"yes\"}}",
                            "\"boundingBox.initialValueModified\" is not true or false"),
                    arguments("{\"boundingBox\":{" + image + "}}", "\"boundingBox.boundingBoxes\" is missing"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":{}," + image + "}}",
                            "\"boundingBox.boundingBoxes\" is not an array"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[" + box + ",7]," + image + "}}",
                            "\"boundingBox.boundingBoxes[1]\" is not an object"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[{\"height\":1,\"label\":\"dog\",\"left\":0,"
                                    + "\"top\":0,\"width\":1,\"rotation\":0}]," + image + "}}",
                            "unexpected field \"boundingBox.boundingBoxes[0].rotation\""),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[{\"height\":1,\"left\":0,\"top\":0,\"width\":1}],"
                                    + image + "}}",
                            "\"boundingBox.boundingBoxes[0].label\" is missing"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[{\"height\":1,\"label\":0,\"left\":0,\"top\":0,"
                                    + "\"width\":1}]," + image + "}}",
                            "\"boundingBox.boundingBoxes[0].label\" is not a string"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[{\"height\":1,\"label\":\"dog\",\"top\":0,"
                                    + "\"width\":1}]," + image + "}}",
                            "\"boundingBox.boundingBoxes[0].left\" is missing"),
                    arguments(
                            "{\"boundingBox\":{\"boundingBoxes\":[{\"height\":1,\"label\":\"dog\",\"left\":\"0\","
                                    + "\"top\":0,\"width\":1}]," + image + "}}",
                            "\"boundingBox.boundingBoxes[0].left\" is not a number"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("malformed")
        void refusesAnyOtherShapeExplainingTheExpectedOne(String answer, String reason) {
            assertThatThrownBy(() -> type.validateAnswer(Json.parse(answer), DOG_BONE))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(reason + "; " + EXPECTED);
        }

        @Test
        void refusesAMissingAnswer() {
            assertThatThrownBy(() -> type.validateAnswer(null, DOG_BONE))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("the answer is not a JSON object");
        }

        private static final String EXPECTED = "expected {\"boundingBox\":{\"boundingBoxes\":[{\"height\":h,"
                + "\"label\":\"<category>\",\"left\":x,\"top\":y,\"width\":w},...],"
                + "\"inputImageProperties\":{\"height\":h,\"width\":w}}}";

        private static String answerText(String left, String top, String width, String height) {
            return "{\"boundingBox\":{\"boundingBoxes\":[{\"height\":" + height + ",\"label\":\"dog\",\"left\":" + left
                    + ",\"top\":" + top + ",\"width\":" + width + "}],"
                    + "\"inputImageProperties\":{\"height\":400,\"width\":500}}}";
        }

        private static JsonNode imageSize(String width, String height) {
            return Json.parse("{\"boundingBox\":{\"boundingBoxes\":[],\"inputImageProperties\":{\"height\":" + height
                    + ",\"width\":" + width + "}}}");
        }

        private static ObjectNode tooMany() {
            BoxAnswers.Drawn[] boxes = new BoxAnswers.Drawn[501];
            for (int i = 0; i < boxes.length; i++) {
                boxes[i] = box("dog", i % 400, 0, 1, 1);
            }
            return answer(boxes);
        }
    }

    @Nested
    class Consolidate {

        @Test
        void averagesTwoWorkersBoxesIntoGroundTruthsObjectDetectionLabel() {
            // Midpoint of left 10 and 20 is 15; IoU of each with it 4750/5250 = 0.905 -> 0.9.
            List<ConsolidatedLabel> labels = type.consolidate(
                    List.of(object("img-1", answer(box("dog", 10, 20, 100, 50)), answer(box("dog", 20, 20, 100, 50)))),
                    DOG_BONE,
                    VERITY);

            assertThat(labels).hasSize(1);
            assertThat(labels.get(0).objectId()).isEqualTo("img-1");
            assertThat(Json.write(labels.get(0).value()))
                    .isEqualTo(
                            "{\"image_size\":[{\"width\":500,\"height\":400,"
                                    + "\"depth\":3}],\"annotations\":[{\"class_id\":0,\"left\":15,\"top\":20,\"width\":100,\"height\":50}]}");
            assertThat(Json.write(labels.get(0).metadata()))
                    .isEqualTo("{\"objects\":[{\"confidence\":0.9}],\"class-map\":{\"0\":\"dog\"}}");
        }

        @Test
        void dropsABoxOnlyOneOfThreeWorkersDrewAndKeepsTheMajorityLabel() {
            List<ConsolidatedLabel> labels = type.consolidate(
                    List.of(object(
                            "0",
                            answer(box("dog", 0, 0, 100, 100)),
                            answer(box("bone", 0, 0, 100, 100), box("bone", 300, 300, 50, 50)),
                            answer(box("dog", 0, 0, 100, 100)))),
                    DOG_BONE,
                    VERITY);

            assertThat(Json.write(labels.get(0).value().get("annotations")))
                    .isEqualTo("[{\"class_id\":0,\"left\":0,\"top\":0,\"width\":100,\"height\":100}]");
            assertThat(Json.write(labels.get(0).metadata()))
                    .isEqualTo("{\"objects\":[{\"confidence\":0.67}],\"class-map\":{\"0\":\"dog\"}}");
        }

        @Test
        void roundsTheAveragedEdgesToWholePixels() {
            // Left (10 + 10.8) / 2 = 10.4 -> 10; right (60 + 61.6) / 2 = 60.8 -> 61; so width 51, where rounding the
            // mean width 50.4 would have given 50.
            List<ConsolidatedLabel> labels = type.consolidate(
                    List.of(object("0", answer(box("dog", 10, 0, 50, 10)), answer(box("dog", 10.8, 0, 50.8, 10)))),
                    DOG_BONE,
                    VERITY);

            assertThat(Json.write(labels.get(0).value().get("annotations")))
                    .isEqualTo("[{\"class_id\":0,\"left\":10,\"top\":0,\"width\":51,\"height\":10}]");
        }

        @Test
        void aSingleWorkerGivesConfidenceZeroPerBox() {
            List<ConsolidatedLabel> labels = type.consolidate(
                    List.of(object("0", answer(box("bone", 161, 250, 30, 30), box("dog", 111, 134, 61, 128)))),
                    DOG_BONE,
                    VERITY);

            assertThat(Json.write(labels.get(0).metadata()))
                    .isEqualTo(
                            "{\"objects\":[{\"confidence\":0.0},{\"confidence\":0.0}],\"class-map\":{\"0\":\"dog\",\"1\":\"bone\"}}");
        }

        @Test
        void anImageWithNoBoxesGetsEmptyAnnotations() {
            List<ConsolidatedLabel> labels =
                    type.consolidate(List.of(object("0", answer(), answer())), DOG_BONE, VERITY);

            assertThat(labels.get(0).value().get("annotations")).isEmpty();
            assertThat(Json.write(labels.get(0).metadata())).isEqualTo("{\"objects\":[],\"class-map\":{}}");
        }

        @Test
        void theImageSizeIsTheOneMostWorkersReport() {
            List<ConsolidatedLabel> labels = type.consolidate(
                    List.of(object("0", answer(640, 480), answer(500, 400), answer(500, 400))), DOG_BONE, VERITY);

            assertThat(Json.write(labels.get(0).value().get("image_size")))
                    .isEqualTo("[{\"width\":500,\"height\":400,\"depth\":3}]");
        }

        @Test
        void objectsWithoutAnswersAreLeftOutAndTheRestKeepTheirOrder() {
            List<ObjectAnswers> batch =
                    List.of(object("7", answer()), new ObjectAnswers("8", List.of()), object("3", answer()));

            assertThat(type.consolidate(batch, DOG_BONE, VERITY))
                    .extracting(ConsolidatedLabel::objectId)
                    .containsExactly("7", "3");
        }

        @Test
        void countsARedeliveredAnswerFromTheSameWorkerOnce() {
            // Counted twice, w1's box would be 2 of 3 and kept; counted once it is 1 of 2 next to w2's nothing.
            JsonNode drawn = answer(box("dog", 0, 0, 10, 10));
            ObjectAnswers object = new ObjectAnswers(
                    "0",
                    List.of(
                            new WorkerAnswer("w1", drawn),
                            new WorkerAnswer("w2", answer()),
                            new WorkerAnswer("w1", drawn)));

            assertThat(Json.write(type.consolidate(List.of(object), DOG_BONE, VERITY)
                            .get(0)
                            .metadata()))
                    .isEqualTo("{\"objects\":[{\"confidence\":0.5}],\"class-map\":{\"0\":\"dog\"}}");
        }

        @Test
        void refusesAStoredAnswerThatIsNotValidNamingObjectAndWorker() {
            ObjectAnswers object = new ObjectAnswers(
                    "img-9",
                    List.of(
                            new WorkerAnswer("w1", answer()),
                            new WorkerAnswer("w2", answer(box("horse", 0, 0, 10, 10)))));

            assertThatThrownBy(() -> type.consolidate(List.of(object), DOG_BONE, VERITY))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(
                            "object img-9, worker w2: box 0: unknown label \"horse\"; allowed labels: [\"dog\",\"bone\"]");
        }
    }

    @Nested
    class WriteLabel {

        /** Ground Truth's documented bounding-box output (groundtruth.md section 2.3), "..." filled in. */
        private static final String DOCUMENTED_LINE = """
                {"source-ref":"s3://b/img.jpg",
                 "bb":{"image_size":[{"width":500,"height":400,"depth":3}],
                      "annotations":[{"class_id":0,"left":111,"top":134,"width":61,"height":128}]},
                 "bb-metadata":{"objects":[{"confidence":0.8}],"class-map":{"0":"dog","5":"bone"},
                      "type":"groundtruth/object-detection","human-annotated":"yes",
                      "creation-date":"2018-10-18T22:18:13.527256","job-name":"labeling-job/bb"}}
                """;

        private static final LabelCategoryConfig SIX = LabelCategoryConfig.parse(
                Json.parse("{\"labels\":["
                        + "{\"label\":\"dog\"},{\"label\":\"cat\"},{\"label\":\"owl\"},{\"label\":\"cow\"},{\"label\":\"ball\"},"
                        + "{\"label\":\"bone\"}]}"),
                1);

        @Test
        void writesTheLineGroundTruthDocuments() {
            ObjectNode documented = (ObjectNode) Json.parse(DOCUMENTED_LINE);
            ObjectNode line = Json.object().put("source-ref", "s3://b/img.jpg");
            ConsolidatedLabel label = type.consolidate(
                            List.of(object(
                                    "0",
                                    answer(box("dog", 111, 134, 61, 128), box("bone", 161, 250, 30, 30)),
                                    answer(box("dog", 111, 134, 61, 128), box("bone", 161, 250, 30, 30)))),
                            SIX,
                            VERITY)
                    .get(0);

            type.writeLabel(line, "bb", label, "bb", CREATED);

            assertThat(JsonShape.fieldNames(line)).containsExactlyElementsOf(JsonShape.fieldNames(documented));
            JsonShape.assertSameShape(line.get("bb"), documented.get("bb"), "bb");
            JsonNode metadata = line.get("bb-metadata");
            JsonNode documentedMetadata = documented.get("bb-metadata");
            assertThat(JsonShape.fieldNames(metadata))
                    .containsExactlyInAnyOrderElementsOf(JsonShape.fieldNames(documentedMetadata))
                    .startsWith("objects", "class-map");
            for (String name : JsonShape.fieldNames(documentedMetadata)) {
                JsonShape.assertSameShape(metadata.get(name), documentedMetadata.get(name), "bb-metadata." + name);
            }
            assertThat(line.get("bb").get("annotations")).hasSameSizeAs(metadata.get("objects"));
            assertThat(Json.write(line.get("bb").get("annotations")))
                    .isEqualTo("["
                            + "{\"class_id\":0,\"left\":111,\"top\":134,\"width\":61,\"height\":128},"
                            + "{\"class_id\":5,\"left\":161,\"top\":250,\"width\":30,\"height\":30}]");
            assertThat(metadata.get("class-map")).isEqualTo(documentedMetadata.get("class-map"));
            assertThat(metadata.get("objects")).isEqualTo(Json.parse("[{\"confidence\":1.0},{\"confidence\":1.0}]"));
            assertThat(metadata.get("type")).isEqualTo(documentedMetadata.get("type"));
            assertThat(metadata.get("human-annotated").textValue()).isEqualTo("yes");
            assertThat(metadata.get("creation-date")).isEqualTo(documentedMetadata.get("creation-date"));
            assertThat(metadata.get("job-name").textValue()).isEqualTo("labeling-job/bb");
        }
    }
}
