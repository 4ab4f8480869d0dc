package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static dev.verity.tasktype.SegmentationAnswers.CAR;
import static dev.verity.tasktype.SegmentationAnswers.ROAD;
import static dev.verity.tasktype.SegmentationAnswers.answer;
import static dev.verity.tasktype.SegmentationAnswers.colours;
import static dev.verity.tasktype.SegmentationAnswers.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.verity.consolidation.ClassMask;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticSegmentationTest {

    static final LabelCategoryConfig ROAD_CAR =
            LabelCategoryConfig.parse(Json.parse("{\"labels\":[{\"label\":\"road\"},{\"label\":\"car\"}]}"), 1);
    private static final String ELEMENT = "crowd-semantic-segmentation";
    private static final String PNG_PATH = "\"crowd-semantic-segmentation.labeledImage.pngImageData\"";

    private final SemanticSegmentation type = new SemanticSegmentation();

    @Test
    void describesItselfAsGroundTruthsSemanticSegmentation() {
        assertThat(type.name()).isEqualTo("SemanticSegmentation");
        assertThat(type.outputType()).isEqualTo("groundtruth/semantic-segmentation");
        assertThat(type.usesSourceRef()).isTrue();
        assertThat(type.minLabels()).isEqualTo(1);
        assertThat(type.showsManifestLine()).isFalse();
        assertThat(type.initialValue(Json.object().put("source-ref", "s3://b/1.png")))
                .isEmpty();
        assertThat(type.uiConfig(ROAD_CAR))
                .isEqualTo(Json.parse("{\"element\":\"crowd-semantic-segmentation\","
                        + "\"name\":\"crowd-semantic-segmentation\",\"labels\":[\"road\",\"car\"]}"));
    }

    @Test
    void theLabelAttributeNameMustEndInRef() {
        assertThat(type.checkLabelAttributeName("city-ref")).isEmpty();
        assertThat(type.checkLabelAttributeName("city"))
                .contains("must end in \"-ref\" for task type SemanticSegmentation, got \"city\"");
    }

    @Test
    void allowsAtMost255Categories() {
        assertThat(type.checkCategories(categories(255))).isEmpty();
        assertThat(type.checkCategories(categories(256)))
                .contains("task type SemanticSegmentation allows at most 255 labels, the configuration has 256");
    }

    @Nested
    class ValidateAnswer {

        @Test
        void acceptsAMaskInTheMappedColoursAndNormalizesTheMappings() {
            byte[] mask = png("..rr", ".ccr");
            ObjectNode answer = answer(4, 2, Map.of("car", "#00FF00", "road", ROAD), mask);

            JsonNode valid = type.validateAnswer(answer, ROAD_CAR);

            assertThat(valid)
                    .isEqualTo(Json.parse("{\"crowd-semantic-segmentation\":{"
                            + "\"inputImageProperties\":{\"height\":2,\"width\":4},"
                            + "\"labelMappings\":{\"road\":{\"color\":\"#f28333\"},\"car\":{\"color\":\"#00ff00\"}},"
                            + "\"labeledImage\":{\"pngImageData\":\""
                            + Base64.getEncoder().encodeToString(mask) + "\"}}}"));
        }

        @Test
        void takesFullyTransparentPixelsAsBackgroundAndAllowsAnEmptyMask() {
            assertThat(ClassMask.of(SegmentationAnswer.parse(answer("ttr", "t.c"), ROAD_CAR, false)
                                    .mask())
                            .classes())
                    .containsExactly(0, 0, 1, 0, 0, 2);
            assertThat(type.validateAnswer(answer(1, 1, Map.of(), png(".")), ROAD_CAR)
                            .at("/crowd-semantic-segmentation/labelMappings"))
                    .isEmpty();
        }

        @Test
        void keepsInitialValueModifiedWhenTheElementSendsIt() {
            assertThat(type.validateAnswer(SegmentationAnswers.adjusted(false, "r."), ROAD_CAR)
                            .at("/crowd-semantic-segmentation/initialValueModified")
                            .booleanValue())
                    .isFalse();
        }

        @Test
        void refusesAMaskOfAnotherSizeThanTheImage() {
            BufferedImage small = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
            ObjectNode answer = answer(640, 480, Map.of(), SegmentationAnswers.encode(small));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("the mask is 300x200 but the image is 640x480");
        }

        @Test
        void refusesAPixelOfAColourNoLabelIsMappedTo() {
            assertThatThrownBy(() -> type.validateAnswer(answer("..r", "r.x"), ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("pixel (2, 1) has the colour #123456, which is neither the background's #ffffff nor a "
                            + "colour in labelMappings");
        }

        @Test
        void refusesAPixelOfALabelTheAnswerDoesNotMap() {
            ObjectNode answer = answer(2, 1, Map.of("road", ROAD), png("rc"));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .hasMessageStartingWith("pixel (1, 0) has the colour " + CAR + ", which is neither");
        }

        @Test
        void refusesAPartlyTransparentPixel() {
            assertThatThrownBy(() -> type.validateAnswer(answer("rh"), ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("pixel (1, 0) is partly transparent (alpha 128); a mask pixel is opaque, or fully "
                            + "transparent for the background");
        }

        @Test
        void refusesAnUnknownLabelNamingTheAllowedOnes() {
            ObjectNode answer = answer(1, 1, Map.of("zebra", "#000000"), png("."));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("unknown label \"zebra\" in labelMappings; allowed labels: [\"road\",\"car\"]");
        }

        @Test
        void refusesAColourThatIsNotHashRrggbb() {
            ObjectNode answer = answer(1, 1, Map.of("road", "red"), png("."));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("\"crowd-semantic-segmentation.labelMappings.road.color\" must be a colour \"#rrggbb\","
                            + " got \"red\"");
        }

        @Test
        void refusesALabelPaintedInTheBackgroundsColour() {
            ObjectNode answer = answer(1, 1, Map.of("road", "#FFFFFF"), png("."));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("label \"road\" uses #ffffff, the background's colour");
        }

        @Test
        void refusesTwoLabelsOfOneColour() {
            ObjectNode answer = answer(1, 1, new TreeMap<>(Map.of("car", ROAD, "road", ROAD.toUpperCase())), png("."));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("labels \"car\" and \"road\" both use the colour #f28333");
        }

        @Test
        void refusesAnImageOfMoreThan100Megapixels() {
            ObjectNode answer = answer(20_000, 5_001, Map.of(), png("."));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("the image is 20000x5001 = 100020000 pixels; at most 100000000 (100 MP) are allowed");
        }

        @Test
        void refusesImageDataThatIsNotBase64() {
            ObjectNode answer = answer("r");
            ((ObjectNode) answer.at("/crowd-semantic-segmentation/labeledImage")).put("pngImageData", "not base64!");

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith(
                            "\"crowd-semantic-segmentation.labeledImage.pngImageData\" is not valid " + "base64: ");
        }

        @Test
        void refusesImageDataLargerThanTheWorkerApiCanCarry() {
            ObjectNode answer = answer("r");
            ((ObjectNode) answer.at("/crowd-semantic-segmentation/labeledImage"))
                    .put("pngImageData", "A".repeat(SegmentationAnswer.MAX_PNG_BYTES / 3 * 4 + 8));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("\"crowd-semantic-segmentation.labeledImage.pngImageData\" holds more than 10485760 "
                            + "bytes");
        }

        @Test
        void refusesImageDataThatIsNotAPng() {
            byte[] jpegStart = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 0, 0, 0, 0};
            ObjectNode answer = answer(1, 1, Map.of(), jpegStart);

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("\"crowd-semantic-segmentation.labeledImage.pngImageData\" is not a PNG image");
        }

        @Test
        void refusesATruncatedPng() {
            byte[] whole = png("rr", "cc");
            byte[] truncated = Arrays.copyOf(whole, 40);

            assertThatThrownBy(() -> type.validateAnswer(answer(2, 2, Map.of(), truncated), ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith(PNG_PATH + " is truncated: ");
        }

        @Test
        void refusesASixteenBitPngFromItsHeader() {
            byte[] sixteenBit = PngFiles.zeroRows(2, 2, 16, PngHeader.TRUECOLOUR_ALPHA, 8, 2);

            assertThatThrownBy(() -> type.validateAnswer(answer(2, 2, Map.of(), sixteenBit), ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(PNG_PATH + " is a PNG of bit depth 16 and colour type 6; a mask must be 8-bit RGB "
                            + "(type 2), RGBA (type 6) or indexed colour (type 3)");
        }

        @Test
        void refusesAMaskOfAnotherSizeThanTheLabeledImagesHeaderEvenIfTheAnswerAgreesWithIt() {
            ObjectNode answer = answer("rr", "cc");
            AnsweredObject fourByThree =
                    new AnsweredObject(Json.object().put("source-ref", "s3://b/1.png"), () -> new ImageSize(4, 3));

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR, fourByThree))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("\"crowd-semantic-segmentation.inputImageProperties\" says 2x2 but the image is 4x3");
            assertThat(type.validateAnswer(
                            answer, ROAD_CAR, new AnsweredObject(Json.object(), () -> new ImageSize(2, 2))))
                    .isEqualTo(type.validateAnswer(answer, ROAD_CAR));
        }

        @Test
        void refusesAPngBombFromItsHeaderQuickly() {
            byte[] bomb = PngFiles.zeroRows(30_000, 30_000, 8, PngHeader.TRUECOLOUR_ALPHA, 4, 0);
            ObjectNode answer = answer(10_000, 10_000, Map.of(), bomb);

            assertThat(bomb.length).isLessThan(100);
            assertTimeoutPreemptively(
                    Duration.ofSeconds(1),
                    () -> assertThatThrownBy(() -> type.validateAnswer(
                                    answer,
                                    ROAD_CAR,
                                    new AnsweredObject(Json.object(), () -> new ImageSize(10_000, 10_000))))
                            .isInstanceOf(InvalidAnswerException.class)
                            .hasMessage(PNG_PATH + " is a 30000x30000 PNG; a mask has at least 1 and at most 100000000 "
                                    + "pixels"));
        }

        @Test
        void refusesTheIssuesSixteenBitTenThousandSquareMaskWithoutDecodingIt() {
            // 800 MB decoded; the answer states the PNG's own size, so only the header can tell.
            ObjectNode answer = answer(
                    10_000,
                    10_000,
                    Map.of(),
                    PngFiles.zeroRows(10_000, 10_000, 16, PngHeader.TRUECOLOUR_ALPHA, 8, 100));
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageContaining("bit depth 16");
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(8_000_000);
        }

        @ParameterizedTest(name = "BufferedImage type {0}")
        @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_INDEXED})
        void readsTheSameClassesFromEachFormatAMaskPainterWrites(int imageType) {
            IndexColorModel palette = new IndexColorModel(
                    8,
                    3,
                    new byte[] {(byte) 0xff, (byte) 0xf2, 0},
                    new byte[] {(byte) 0xff, (byte) 0x83, (byte) 0xff},
                    new byte[] {(byte) 0xff, 0x33, 0});
            BufferedImage image = imageType == BufferedImage.TYPE_BYTE_INDEXED
                    ? new BufferedImage(4, 2, imageType, palette)
                    : new BufferedImage(4, 2, imageType);
            String[] rows = {"..rr", ".ccr"};
            Map<Character, Integer> rgb = Map.of('.', 0xffffffff, 'r', 0xfff28333, 'c', 0xff00ff00);
            for (int y = 0; y < rows.length; y++) {
                for (int x = 0; x < 4; x++) {
                    image.setRGB(x, y, rgb.get(rows[y].charAt(x)));
                }
            }
            ObjectNode answer = answer(4, 2, Map.of("road", ROAD, "car", CAR), SegmentationAnswers.encode(image));

            assertThat(ClassMask.of(SegmentationAnswer.parse(answer, ROAD_CAR, false)
                                    .mask())
                            .classes())
                    .containsExactly(0, 0, 1, 1, 0, 2, 2, 1);
        }

        @Test
        void checksALargeMaskRowByRowWithoutHoldingItsPixels() {
            // 25 MP, all transparent: a blank mask, 100 MB as a decoded image and 100 kB as a PNG.
            ObjectNode answer = answer(
                    5_000, 5_000, Map.of(), PngFiles.zeroRows(5_000, 5_000, 8, PngHeader.TRUECOLOUR_ALPHA, 4, 5_000));
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();

            type.validateAnswer(answer, ROAD_CAR);

            assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(8_000_000);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.verity.tasktype.SemanticSegmentationTest#malformedAnswers")
        void refusesAnAnswerOfTheWrongShapeSayingWhatIsExpected(String reason, Consumer<ObjectNode> breakIt) {
            ObjectNode answer = answer("r");
            breakIt.accept(answer);

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(reason + "; expected {\"crowd-semantic-segmentation\":{\"inputImageProperties\":"
                            + "{\"height\":h,\"width\":w},\"labelMappings\":"
                            + "{\"<category>\":{\"color\":\"#rrggbb\"},...},"
                            + "\"labeledImage\":{\"pngImageData\":\"<base64 PNG>\"}}}");
        }

        @Test
        void refusesAnImageSideThatIsNotAWholeNumberOfPixels() {
            ObjectNode answer = answer("r");
            ((ObjectNode) answer.at("/crowd-semantic-segmentation/inputImageProperties")).put("width", 1.5);

            assertThatThrownBy(() -> type.validateAnswer(answer, ROAD_CAR))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("\"crowd-semantic-segmentation.inputImageProperties.width\" must be a whole number of "
                            + "pixels, at least 1, got 1.5");
        }

        @Test
        void refusesSomethingThatIsNotAnObject() {
            assertThatThrownBy(() -> type.validateAnswer(TextNode.valueOf("road"), ROAD_CAR))
                    .hasMessageStartingWith("the answer is not a JSON object; expected ");
        }
    }

    static Stream<Arguments> malformedAnswers() {
        return Stream.of(
                arguments("\"crowd-semantic-segmentation\" is missing", (Consumer<ObjectNode>) a -> a.remove(ELEMENT)),
                arguments("unexpected field \"semantic\"", (Consumer<ObjectNode>)
                        a -> a.set("semantic", a.remove(ELEMENT))),
                arguments("unexpected field \"crowd-semantic-segmentation.labels\"", (Consumer<ObjectNode>)
                        a -> element(a).putArray("labels")),
                arguments("\"crowd-semantic-segmentation.inputImageProperties\" is missing", (Consumer<ObjectNode>)
                        a -> element(a).remove("inputImageProperties")),
                arguments("\"crowd-semantic-segmentation.inputImageProperties.height\" is not a number", (Consumer<
                                ObjectNode>)
                        a -> ((ObjectNode) element(a).get("inputImageProperties")).put("height", "1")),
                arguments("\"crowd-semantic-segmentation.labelMappings\" is not an object", (Consumer<ObjectNode>)
                        a -> element(a).putArray("labelMappings")),
                arguments("\"crowd-semantic-segmentation.labelMappings.road\" is not an object", (Consumer<ObjectNode>)
                        a -> ((ObjectNode) element(a).get("labelMappings")).put("road", ROAD)),
                arguments("\"crowd-semantic-segmentation.labeledImage\" is missing", (Consumer<ObjectNode>)
                        a -> element(a).remove("labeledImage")),
                arguments("\"crowd-semantic-segmentation.labeledImage.pngImageData\" is not a string", (Consumer<
                                ObjectNode>)
                        a -> ((ObjectNode) element(a).get("labeledImage")).put("pngImageData", 7)),
                arguments(
                        "\"crowd-semantic-segmentation.initialValueModified\" is not true or false",
                        (Consumer<ObjectNode>) a -> element(a).put("initialValueModified", "yes")));
    }

    private static ObjectNode element(ObjectNode answer) {
        return (ObjectNode) answer.get(ELEMENT);
    }

    @Nested
    class Consolidate {

        @Test
        void writesTheVotedMaskInTheFixedPaletteWithEveryClassInTheColorMap() {
            List<ConsolidatedLabel> labels = type.consolidate(
                    List.of(object("7", answer("rr..", "rrcc"), answer("rr..", "rrcc"), answer("r...", "rrcc"))),
                    ROAD_CAR,
                    VERITY);

            ConsolidatedLabel label = labels.get(0);
            assertThat(label.objectId()).isEqualTo("7");
            assertThat(label.value().isNull())
                    .as("the output step puts the mask's URI here")
                    .isTrue();
            String[][] colours = colours(label.png());
            String road = "#1f77b4";
            String car = "#ff7f0e";
            assertThat(colours).isDeepEqualTo(new String[][] {
                {road, road, "#ffffff", "#ffffff"},
                {road, road, car, car}
            });
            // 7 pixels with 3 of 3 agreeing, one with 2 of 3: 23/24 = 0.958.
            assertThat(label.metadata())
                    .isEqualTo(Json.parse("{\"internal-color-map\":{"
                            + "\"0\":{\"class-name\":\"BACKGROUND\",\"confidence\":0.96,\"hex-color\":\"#ffffff\"},"
                            + "\"1\":{\"class-name\":\"road\",\"confidence\":0.96,\"hex-color\":\"#1f77b4\"},"
                            + "\"2\":{\"class-name\":\"car\",\"confidence\":0.96,\"hex-color\":\"#ff7f0e\"}}}"));
        }

        @Test
        void readsEachWorkersColoursFromItsOwnLabelMappings() {
            ObjectNode swapped = answer(2, 1, Map.of("road", CAR, "car", ROAD), png("cr"));

            ConsolidatedLabel label = type.consolidate(List.of(object("0", swapped, answer("rc"))), ROAD_CAR, VERITY)
                    .get(0);

            assertThat(colours(label.png())[0]).containsExactly("#1f77b4", "#ff7f0e");
            assertThat(label.metadata().at("/internal-color-map/0/confidence").doubleValue())
                    .isEqualTo(1.0);
        }

        @Test
        void oneWorkerGivesConfidenceZeroAndObjectsWithoutAnswersAreLeftOut() {
            List<ConsolidatedLabel> labels = type.consolidate(
                    List.of(object("0", answer("rc")), new ObjectAnswers("1", List.of())), ROAD_CAR, VERITY);

            assertThat(labels).extracting(ConsolidatedLabel::objectId).containsExactly("0");
            assertThat(labels.get(0)
                            .metadata()
                            .at("/internal-color-map/2/confidence")
                            .doubleValue())
                    .isEqualTo(0.0);
        }

        @Test
        void usesTheImageSizeMostWorkersReport() {
            ConsolidatedLabel label = type.consolidate(
                            List.of(object("0", answer("r"), answer("rc"), answer("cc"))), ROAD_CAR, VERITY)
                    .get(0);

            assertThat(colours(label.png())[0]).hasSize(2);
        }

        @Test
        void namesTheObjectAndWorkerOfAnAnswerThatIsNoLongerValid() {
            assertThatThrownBy(() -> type.consolidate(List.of(object("3", answer("x"))), ROAD_CAR, VERITY))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("object 3, worker w0: pixel (0, 0) has the colour #123456");
        }
    }

    @Test
    void writesGroundTruthsDocumentedShape() {
        LabelCategoryConfig road = LabelCategoryConfig.parse(Json.parse("{\"labels\":[{\"label\":\"road\"}]}"), 1);
        ConsolidatedLabel label = type.consolidate(
                        List.of(object(
                                "0",
                                answer(2, 1, Map.of("road", ROAD), png("r.")),
                                answer(2, 1, Map.of("road", ROAD), png("r.")))),
                        road,
                        VERITY)
                .get(0);
        String uri = "s3://b/job/annotations/consolidated-annotation/output/0_2020-04-21T13:48:00.091190.png";
        ObjectNode line = (ObjectNode) Json.parse("{\"source-ref\":\"s3://b/img.jpg\"}");

        type.writeLabel(
                line,
                "city-ref",
                label.withValue(TextNode.valueOf(uri)),
                "city",
                Instant.parse("2020-04-21T13:48:00.091190Z"));

        JsonNode documented = Json.parse("""
                {"source-ref":"s3://b/img.jpg",
                 "city-ref":"s3://.../annotations/consolidated-annotation/output/0_2020-04-21T13:48:00.091190.png",
                 "city-ref-metadata":{"internal-color-map":{
                     "0":{"class-name":"BACKGROUND","confidence":0.9,"hex-color":"#ffffff"},
                     "1":{"class-name":"road","confidence":0.9,"hex-color":"#f28333"}},
                   "type":"groundtruth/semantic-segmentation","job-name":"labeling-job/city","human-annotated":"yes",
                   "creation-date":"2020-04-21T13:48:00.091190"}}
                """);
        JsonShape.assertSameShape(line, documented, "line");
        assertThat(line.get("city-ref").textValue()).isEqualTo(uri);
        JsonNode metadata = line.get("city-ref-metadata");
        assertThat(metadata.get("type").textValue()).isEqualTo("groundtruth/semantic-segmentation");
        assertThat(metadata.at("/internal-color-map/0"))
                .isEqualTo(Json.parse("{\"class-name\":\"BACKGROUND\",\"confidence\":1.0,\"hex-color\":\"#ffffff\"}"));
        assertThat(metadata.at("/internal-color-map/1/class-name").textValue()).isEqualTo("road");
        assertThat(metadata.get("creation-date").textValue()).isEqualTo("2020-04-21T13:48:00.091190");
    }

    static ObjectAnswers object(String objectId, JsonNode... answers) {
        List<WorkerAnswer> workerAnswers = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            workerAnswers.add(new WorkerAnswer("w" + i, answers[i]));
        }
        return new ObjectAnswers(objectId, workerAnswers);
    }

    private static LabelCategoryConfig categories(int count) {
        ObjectNode json = Json.object();
        for (int i = 0; i < count; i++) {
            json.withArray("labels").addObject().put("label", "c" + i);
        }
        return LabelCategoryConfig.parse(json, 1);
    }
}
