package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MultiLabelClassificationTest {

    private static final String IMAGE_ELEMENT = "crowd-image-classifier-multi-select";
    private static final String TEXT_ELEMENT = "crowd-classifier-multi-select";
    private static final LabelCategoryConfig ANIMALS = LabelCategoryConfig.parse(
            Json.parse("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"},{\"label\":\"owl\"}]}"), 2);
    /** Ground Truth's documented example uses ids 0 person, 1 bicycle, 8 clothing. */
    private static final LabelCategoryConfig STREET = LabelCategoryConfig.parse(Json.parse("""
            {"labels":[{"label":"person"},{"label":"bicycle"},{"label":"car"},{"label":"bus"},{"label":"dog"},
              {"label":"tree"},{"label":"sign"},{"label":"bag"},{"label":"clothing"}]}
            """), 2);

    private static final Instant CREATED = Instant.parse("2018-10-18T22:18:13.527256Z");

    private final MultiLabelClassification image = MultiLabelClassification.image();
    private final MultiLabelClassification text = MultiLabelClassification.text();

    @Test
    void theImageVariantIsGroundTruthsImageMultiClassMultiLabel() {
        assertThat(image.name()).isEqualTo("ImageMultiClassMultiLabel");
        assertThat(image.outputType()).isEqualTo("groundtruth/image-classification-multilabel");
        assertThat(image.usesSourceRef()).isTrue();
        assertThat(image.minLabels()).isEqualTo(2);
        assertThat(image.checkCategories(categoriesOf(50))).isEmpty();
        assertThat(image.checkCategories(categoriesOf(51)))
                .contains("task type ImageMultiClassMultiLabel allows at most 50 labels, the configuration has 51");
    }

    @Test
    void theTextVariantIsGroundTruthsTextMultiClassMultiLabel() {
        assertThat(text.name()).isEqualTo("TextMultiClassMultiLabel");
        assertThat(text.outputType()).isEqualTo("groundtruth/text-classification-multilabel");
        assertThat(text.usesSourceRef()).isFalse();
        assertThat(text.minLabels()).isEqualTo(2);
        assertThat(text.checkCategories(categoriesOf(51))).isPresent();
    }

    private static LabelCategoryConfig categoriesOf(int count) {
        com.fasterxml.jackson.databind.node.ObjectNode json = dev.verity.json.Json.object();
        for (int i = 0; i < count; i++) {
            json.withArray("labels").addObject().put("label", "label-" + i);
        }
        return LabelCategoryConfig.parse(json, 2);
    }

    @Test
    void theLabelAttributeNameMustNotEndInRef() {
        assertThat(image.checkLabelAttributeName("lab")).isEmpty();
        assertThat(image.checkLabelAttributeName("lab-reference")).isEmpty();
        assertThat(image.checkLabelAttributeName("lab-ref"))
                .contains("must not end in \"-ref\" for task type ImageMultiClassMultiLabel, got \"lab-ref\"");
        assertThat(text.checkLabelAttributeName("mood-ref"))
                .contains("must not end in \"-ref\" for task type TextMultiClassMultiLabel, got \"mood-ref\"");
    }

    @Test
    void uiConfigNamesEachVariantsCrowdElementAndTheCategoriesInOrder() {
        assertThat(image.uiConfig(ANIMALS))
                .isEqualTo(Json.parse("{\"element\":\"" + IMAGE_ELEMENT + "\",\"name\":\"" + IMAGE_ELEMENT
                        + "\",\"categories\":[\"dog\",\"cat\",\"owl\"]}"));
        assertThat(text.uiConfig(ANIMALS))
                .isEqualTo(Json.parse("{\"element\":\"" + TEXT_ELEMENT + "\",\"name\":\"" + TEXT_ELEMENT
                        + "\",\"categories\":[\"dog\",\"cat\",\"owl\"]}"));
    }

    @Nested
    class ValidateAnswer {

        @Test
        void acceptsDistinctKnownLabelsKeepingTheirOrder() {
            assertThat(image.validateAnswer(answer(IMAGE_ELEMENT, "owl", "dog"), ANIMALS))
                    .isEqualTo(answer(IMAGE_ELEMENT, "owl", "dog"));
            assertThat(text.validateAnswer(answer(TEXT_ELEMENT, "cat"), ANIMALS))
                    .isEqualTo(answer(TEXT_ELEMENT, "cat"));
        }

        @Test
        void refusesAnUnknownLabelNamingTheAllowedOnes() {
            assertThatThrownBy(() -> image.validateAnswer(answer(IMAGE_ELEMENT, "dog", "Cat"), ANIMALS))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("unknown label \"Cat\"; allowed labels: [\"dog\",\"cat\",\"owl\"]");
        }

        @Test
        void refusesALabelTickedTwice() {
            assertThatThrownBy(() -> text.validateAnswer(answer(TEXT_ELEMENT, "cat", "owl", "cat"), ANIMALS))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("label \"cat\" is ticked twice");
        }

        @Test
        void refusesAnAnswerTickingNothing() {
            assertThatThrownBy(() -> image.validateAnswer(answer(IMAGE_ELEMENT), ANIMALS))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("\"" + IMAGE_ELEMENT
                            + ".labels\" is empty; tick at least one of [\"dog\",\"cat\",\"owl\"]");
        }

        static Stream<Arguments> malformed() {
            return Stream.of(
                    arguments("[\"cat\"]", "the answer is not a JSON object"),
                    arguments("{}", "\"" + IMAGE_ELEMENT + "\" is missing"),
                    arguments("{\"" + IMAGE_ELEMENT + "\":[\"cat\"]}", "\"" + IMAGE_ELEMENT + "\" is not an object"),
                    arguments(
                            "{\"" + TEXT_ELEMENT + "\":{\"labels\":[\"cat\"]}}",
                            "unexpected field \"" + TEXT_ELEMENT + "\""),
                    arguments(
                            "{\"" + IMAGE_ELEMENT + "\":{\"labels\":[\"cat\"]},\"extra\":1}",
                            "unexpected field \"extra\""),
                    arguments("{\"" + IMAGE_ELEMENT + "\":{}}", "\"" + IMAGE_ELEMENT + ".labels\" is missing"),
                    arguments(
                            "{\"" + IMAGE_ELEMENT + "\":{\"labels\":\"cat\"}}",
                            "\"" + IMAGE_ELEMENT + ".labels\" is not an array"),
                    arguments(
                            "{\"" + IMAGE_ELEMENT + "\":{\"labels\":[\"cat\",1]}}",
                            "\"" + IMAGE_ELEMENT + ".labels\" holds 1, not a string"),
                    arguments(
                            "{\"" + IMAGE_ELEMENT + "\":{\"label\":\"cat\"}}",
                            "unexpected field \"" + IMAGE_ELEMENT + ".label\""));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformed")
        void refusesAnyOtherShapeExplainingTheExpectedOne(String answer, String reason) {
            assertThatThrownBy(() -> image.validateAnswer(Json.parse(answer), ANIMALS))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(reason + "; expected {\"" + IMAGE_ELEMENT + "\":{\"labels\":[\"<category>\", ...]}}"
                            + " with at least one category");
        }

        @Test
        void theTextVariantRefusesTheImageElement() {
            assertThatThrownBy(() -> text.validateAnswer(answer(IMAGE_ELEMENT, "cat"), ANIMALS))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("unexpected field \"" + IMAGE_ELEMENT + "\"; expected {\"" + TEXT_ELEMENT);
        }

        @Test
        void refusesAMissingAnswer() {
            assertThatThrownBy(() -> text.validateAnswer(null, ANIMALS))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("the answer is not a JSON object");
        }
    }

    @Nested
    class Consolidate {

        @Test
        void aSingleWorkerGetsEveryTickedLabelWithConfidenceZeroInIdOrder() {
            assertThat(image.consolidate(List.of(object(IMAGE_ELEMENT, "0", List.of("owl", "dog"))), ANIMALS, VERITY))
                    .containsExactly(label("0", "[0,2]", "{\"0\":\"dog\",\"2\":\"owl\"}", "{\"0\":0.0,\"2\":0.0}"));
        }

        @Test
        void threeUnanimousWorkersGiveConfidence099() {
            // MultiLabelEmTest works out the fixed point for three workers ticking one of two labels: 0.99174.
            LabelCategoryConfig twoLabels =
                    LabelCategoryConfig.parse(Json.parse("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"}]}"), 2);
            List<String> cat = List.of("cat");

            assertThat(text.consolidate(List.of(object(TEXT_ELEMENT, "0", cat, cat, cat)), twoLabels, VERITY))
                    .containsExactly(label("0", "[1]", "{\"1\":\"cat\"}", "{\"1\":0.99}"));
        }

        @Test
        void keepsEveryLabelAnyWorkerTickedOrderedByConfidence() {
            ConsolidatedLabel label = image.consolidate(
                            List.of(object(
                                    IMAGE_ELEMENT,
                                    "0",
                                    List.of("clothing", "bicycle", "person"),
                                    List.of("person", "bicycle"),
                                    List.of("bicycle"))),
                            STREET,
                            VERITY)
                    .get(0);

            assertThat(label.value()).isEqualTo(Json.parse("[1,0,8]"));
            JsonNode confidences = label.metadata().get("confidence-map");
            assertThat(fieldNames(confidences)).containsExactly("1", "0", "8");
            assertThat(confidences.get("1").doubleValue())
                    .isGreaterThan(confidences.get("0").doubleValue());
            // One tick against two blanks: kept in the value, as Ground Truth documents, but below 0.5.
            assertThat(confidences.get("8").doubleValue()).isBetween(0.01, 0.49);
            assertThat(fieldNames(label.metadata().get("class-map"))).containsExactly("1", "0", "8");
        }

        @Test
        void weighsAnswersByWhatTheBatchTaughtAboutEachWorker() {
            // MultiLabelEmTest's batch: s ticks every label on every object, c1 and c2 tick what applies.
            List<String> all = List.of("dog", "cat", "owl");
            List<ObjectAnswers> batch = List.of(
                    object(IMAGE_ELEMENT, "a", List.of("dog"), List.of("dog"), all),
                    object(IMAGE_ELEMENT, "b", List.of("cat"), List.of("cat"), all),
                    object(IMAGE_ELEMENT, "c", List.of("owl"), List.of("owl"), all),
                    object(IMAGE_ELEMENT, "d", List.of("dog", "cat"), List.of("dog"), all));

            JsonNode confidences =
                    image.consolidate(batch, ANIMALS, VERITY).get(0).metadata().get("confidence-map");

            assertThat(confidences.get("0").doubleValue()).isGreaterThan(0.95);
            assertThat(confidences.get("1").doubleValue()).isLessThan(0.05);
            assertThat(confidences.get("2").doubleValue()).isLessThan(0.05);
        }

        @Test
        void objectsWithoutAnswersAreLeftOutAndTheRestKeepTheirOrder() {
            List<ObjectAnswers> batch = List.of(
                    object(TEXT_ELEMENT, "7", List.of("cat")),
                    new ObjectAnswers("8", List.of()),
                    object(TEXT_ELEMENT, "3", List.of("dog"), List.of("dog")));

            assertThat(text.consolidate(batch, ANIMALS, VERITY))
                    .extracting(ConsolidatedLabel::objectId)
                    .containsExactly("7", "3");
        }

        @Test
        void countsARedeliveredAnswerFromTheSameWorkerOnce() {
            ObjectAnswers object = new ObjectAnswers(
                    "0",
                    List.of(
                            new WorkerAnswer("w1", answer(IMAGE_ELEMENT, "dog")),
                            new WorkerAnswer("w1", answer(IMAGE_ELEMENT, "dog", "cat"))));

            assertThat(image.consolidate(List.of(object), ANIMALS, VERITY))
                    .containsExactly(label("0", "[0]", "{\"0\":\"dog\"}", "{\"0\":0.0}"));
        }

        @Test
        void refusesAStoredAnswerThatIsNotValidNamingObjectAndWorker() {
            ObjectAnswers object = new ObjectAnswers(
                    "img-9",
                    List.of(
                            new WorkerAnswer("w1", answer(IMAGE_ELEMENT, "dog")),
                            new WorkerAnswer("w2", answer(IMAGE_ELEMENT, "dog", "horse"))));

            assertThatThrownBy(() -> image.consolidate(List.of(object), ANIMALS, VERITY))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(
                            "object img-9, worker w2: unknown label \"horse\"; allowed labels: [\"dog\",\"cat\",\"owl\"]");
        }
    }

    @Nested
    class WriteLabel {

        /** Ground Truth's documented multi-label output line (groundtruth.md section 2.3). */
        private static final String DOCUMENTED_LINE = """
                {"source-ref":"s3://b/img.jpg","lab":[1,0,8],
                 "lab-metadata":{"job-name":"labeling-job/lab","class-map":{"1":"bicycle","0":"person","8":"clothing"},
                   "human-annotated":"yes","creation-date":"...","confidence-map":{"1":0.95,"0":0.77,"8":0.2},
                   "type":"groundtruth/image-classification-multilabel"}}
                """;

        @Test
        void writesTheLineGroundTruthDocuments() {
            JsonNode documented = Json.parse(DOCUMENTED_LINE);
            ObjectNode line = Json.object().put("source-ref", "s3://b/img.jpg");
            ConsolidatedLabel label = image.consolidate(
                            List.of(object(
                                    IMAGE_ELEMENT,
                                    "0",
                                    List.of("clothing", "bicycle", "person"),
                                    List.of("person", "bicycle"),
                                    List.of("bicycle"))),
                            STREET,
                            VERITY)
                    .get(0);

            image.writeLabel(line, "lab", label, "lab", CREATED);

            assertThat(fieldNames(line)).containsExactlyElementsOf(fieldNames(documented));
            JsonNode metadata = line.get("lab-metadata");
            JsonNode documentedMetadata = documented.get("lab-metadata");
            assertThat(fieldNames(metadata)).containsExactlyInAnyOrderElementsOf(fieldNames(documentedMetadata));
            assertThat(line.get("lab")).isEqualTo(documented.get("lab"));
            assertThat(line.get("lab")).allSatisfy(id -> assertThat(id.isInt()).isTrue());
            assertThat(metadata.get("class-map")).isEqualTo(documentedMetadata.get("class-map"));
            assertThat(fieldNames(metadata.get("class-map")))
                    .containsExactlyElementsOf(fieldNames(documentedMetadata.get("class-map")));
            assertThat(fieldNames(metadata.get("confidence-map")))
                    .containsExactlyElementsOf(fieldNames(documentedMetadata.get("confidence-map")));
            assertThat(metadata.get("confidence-map")).allSatisfy(confidence -> {
                assertThat(confidence.isNumber()).isTrue();
                assertThat(confidence.doubleValue()).isBetween(0.0, 1.0);
            });
            for (String field : List.of("job-name", "human-annotated", "type")) {
                assertThat(metadata.get(field)).as(field).isEqualTo(documentedMetadata.get(field));
            }
            assertThat(metadata.get("creation-date").textValue()).isEqualTo("2018-10-18T22:18:13.527256");
        }

        @Test
        void writesOneWorkersLabelWithIntegerIdsAndZeroConfidences() {
            ObjectNode line = Json.object().put("source", "I love my dog and my cat");
            ConsolidatedLabel label = text.consolidate(
                            List.of(object(TEXT_ELEMENT, "0", List.of("cat", "dog"))), ANIMALS, VERITY)
                    .get(0);

            text.writeLabel(line, "pets", label, "pets-job", CREATED);

            assertThat(Json.write(line))
                    .isEqualTo("{\"source\":\"I love my dog and my cat\",\"pets\":[0,1],"
                            + "\"pets-metadata\":{\"class-map\":{\"0\":\"dog\",\"1\":\"cat\"},"
                            + "\"confidence-map\":{\"0\":0.0,\"1\":0.0},"
                            + "\"type\":\"groundtruth/text-classification-multilabel\",\"job-name\":\"labeling-job/pets-job\","
                            + "\"human-annotated\":\"yes\",\"creation-date\":\"2018-10-18T22:18:13.527256\"}}");
        }
    }

    private static JsonNode answer(String element, String... labels) {
        ObjectNode answer = Json.object();
        List.of(labels).forEach(answer.putObject(element).putArray("labels")::add);
        return answer;
    }

    @SafeVarargs
    private static ObjectAnswers object(String element, String id, List<String>... ticksPerWorker) {
        List<WorkerAnswer> answers = new ArrayList<>();
        for (int i = 0; i < ticksPerWorker.length; i++) {
            answers.add(new WorkerAnswer("worker-" + i, answer(element, ticksPerWorker[i].toArray(String[]::new))));
        }
        return new ObjectAnswers(id, answers);
    }

    private static ConsolidatedLabel label(String objectId, String value, String classMap, String confidenceMap) {
        ObjectNode metadata = Json.object();
        metadata.set("class-map", Json.parse(classMap));
        metadata.set("confidence-map", Json.parse(confidenceMap));
        return new ConsolidatedLabel(objectId, Json.parse(value), metadata);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
