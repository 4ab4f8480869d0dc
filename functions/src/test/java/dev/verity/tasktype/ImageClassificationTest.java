package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.GROUND_TRUTH;
import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageClassificationTest {

    private static final LabelCategoryConfig DOG_CAT = LabelCategoryConfig.parse(
            Json.parse("{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"}]}"),
            2);
    private static final LabelCategoryConfig ANIMALS = LabelCategoryConfig.parse(
            Json.parse("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"},{\"label\":\"owl\"}]}"), 2);

    private final ImageClassification type = new ImageClassification();

    @Test
    void describesItselfAsGroundTruthsImageMultiClass() {
        assertThat(type.choosesConsolidationMethod()).isTrue();
        assertThat(type.name()).isEqualTo("ImageMultiClass");
        assertThat(type.outputType()).isEqualTo("groundtruth/image-classification");
        assertThat(type.usesSourceRef()).isTrue();
        assertThat(type.minLabels()).isEqualTo(2);
    }

    @Test
    void theLabelAttributeNameMustNotEndInRef() {
        assertThat(type.checkLabelAttributeName("species")).isEmpty();
        assertThat(type.checkLabelAttributeName("reference")).isEmpty();
        assertThat(type.checkLabelAttributeName("species-ref"))
                .contains("must not end in \"-ref\" for task type ImageMultiClass, got \"species-ref\"");
    }

    @Test
    void uiConfigNamesTheCrowdElementAndTheCategoriesInOrder() {
        assertThat(type.uiConfig(ANIMALS)).isEqualTo(Json.parse("""
                {"element":"crowd-image-classifier","name":"crowd-image-classifier","categories":["dog","cat","owl"]}
                """));
    }

    @Nested
    class ValidateAnswer {

        @Test
        void acceptsAKnownLabel() {
            assertThat(type.validateAnswer(answer("cat"), DOG_CAT)).isEqualTo(answer("cat"));
        }

        @Test
        void keepsTheWorkerComment() {
            JsonNode answer =
                    Json.parse("{\"crowd-image-classifier\":{\"label\":\"dog\",\"workerComment\":\"blurry\"}}");

            assertThat(type.validateAnswer(answer, DOG_CAT)).isEqualTo(answer);
        }

        @Test
        void normalizesAnAnswerWithANullCommentToTheLabelAlone() {
            JsonNode answer = Json.parse("{\"crowd-image-classifier\":{\"workerComment\":null,\"label\":\"dog\"}}");

            assertThat(type.validateAnswer(answer, DOG_CAT)).isEqualTo(answer("dog"));
        }

        @Test
        void refusesAnUnknownLabelNamingTheAllowedOnes() {
            assertThatThrownBy(() -> type.validateAnswer(answer("Cat"), DOG_CAT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("unknown label \"Cat\"; allowed labels: [\"dog\",\"cat\"]");
        }

        static Stream<Arguments> malformed() {
            return Stream.of(
                    arguments("[\"cat\"]", "the answer is not a JSON object"),
                    arguments("\"cat\"", "the answer is not a JSON object"),
                    arguments("{}", "\"crowd-image-classifier\" is missing"),
                    arguments("{\"crowd-classifier\":{\"label\":\"cat\"}}", "unexpected field \"crowd-classifier\""),
                    arguments(
                            "{\"crowd-image-classifier\":{\"label\":\"cat\"},\"extra\":1}",
                            "unexpected field \"extra\""),
                    arguments("{\"crowd-image-classifier\":\"cat\"}", "\"crowd-image-classifier\" is not an object"),
                    arguments("{\"crowd-image-classifier\":{}}", "\"crowd-image-classifier.label\" is missing"),
                    arguments(
                            "{\"crowd-image-classifier\":{\"label\":1}}",
                            "\"crowd-image-classifier.label\" is not a string"),
                    arguments(
                            "{\"crowd-image-classifier\":{\"labels\":[\"cat\"]}}",
                            "unexpected field \"crowd-image-classifier.labels\""),
                    arguments(
                            "{\"crowd-image-classifier\":{\"label\":\"cat\",\"workerComment\":5}}",
                            "\"crowd-image-classifier.workerComment\" is not a string"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformed")
        void refusesAnyOtherShapeExplainingTheExpectedOne(String answer, String reason) {
            assertThatThrownBy(() -> type.validateAnswer(Json.parse(answer), DOG_CAT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(reason + "; expected {\"crowd-image-classifier\":{\"label\":\"<category>\"}}"
                            + " with an optional \"workerComment\" string");
        }

        @Test
        void refusesAMissingAnswer() {
            assertThatThrownBy(() -> type.validateAnswer(null, DOG_CAT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("the answer is not a JSON object");
        }
    }

    @Nested
    class Consolidate {

        @Test
        void aUnanimousObjectGetsItsLabelWithAHighConfidence() {
            List<ConsolidatedLabel> labels =
                    type.consolidate(List.of(object("0", "owl", "owl", "owl")), ANIMALS, VERITY);

            assertThat(labels).singleElement().satisfies(label -> {
                assertThat(label.value().asInt()).isEqualTo(2);
                assertThat(label.metadata().get("class-name").asText()).isEqualTo("owl");
                assertThat(label.metadata().get("confidence").asDouble()).isBetween(0.95, 1.0);
            });
        }

        @Test
        void twoOfThreeAloneInABatchLeansHardOnTheAgreeingPairUnderGroundTruthsMethod() {
            // Dawid-Skene, not a vote share (0.67): with nothing else in the batch, EM credits the two workers who
            // agree and discounts the third (DawidSkeneTest works the epochs by hand on smaller cases).
            assertThat(type.consolidate(List.of(object("0", "cat", "dog", "cat")), ANIMALS, GROUND_TRUTH))
                    .containsExactly(label("0", 1, "cat", 0.98));
        }

        @Test
        void aReliableWorkerOutvotesTwoWhoAgreeWithNobodyElse() {
            // r, a and b agree on eight images; u1 and u2 are right on half of them. On the last image r says cat and
            // both u's say dog: majority vote would say dog, EM has learnt the u's answers carry no information.
            List<ObjectAnswers> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String truth = i % 2 == 0 ? "dog" : "cat";
                String wrong = i % 2 == 0 ? "cat" : "dog";
                batch.add(new ObjectAnswers(
                        "img-" + i,
                        List.of(
                                new WorkerAnswer("r", answer(truth)),
                                new WorkerAnswer("a", answer(truth)),
                                new WorkerAnswer("b", answer(truth)),
                                new WorkerAnswer("u1", answer(i < 4 ? truth : wrong)),
                                new WorkerAnswer("u2", answer(i < 4 ? wrong : truth)))));
            }
            batch.add(new ObjectAnswers(
                    "contested",
                    List.of(
                            new WorkerAnswer("r", answer("cat")),
                            new WorkerAnswer("u1", answer("dog")),
                            new WorkerAnswer("u2", answer("dog")))));

            List<ConsolidatedLabel> groundTruth = type.consolidate(batch, DOG_CAT, GROUND_TRUTH);

            assertThat(groundTruth).hasSize(9).last().isEqualTo(label("contested", 1, "cat", 0.98));
            assertThat(groundTruth.get(0)).isEqualTo(label("img-0", 0, "dog", 1.0));
            // Verity's method learns the same about u1 and u2; it is less sure of r alone than Ground Truth's EM.
            List<ConsolidatedLabel> verity = type.consolidate(batch, DOG_CAT, VERITY);
            assertThat(verity).hasSize(9);
            assertThat(verity.get(8).value().intValue()).isEqualTo(1);
            assertThat(verity.get(8).metadata().get("confidence").doubleValue()).isGreaterThan(0.5);
            assertThat(verity.get(0).value().intValue()).isZero();
        }

        @Test
        void aSingleAnswerGetsConfidenceZeroFromGroundTruthsMethodAndAnHonestConfidenceFromVeritys() {
            List<ObjectAnswers> batch = List.of(object("0", "dog"));

            // Ground Truth's EM has nothing to measure a lone worker by and reports 0.
            assertThat(type.consolidate(batch, ANIMALS, GROUND_TRUTH)).containsExactly(label("0", 0, "dog", 0.0));
            // Verity's reports how far one typical worker's answer is to be trusted: more than a guess, less than sure.
            ConsolidatedLabel verity = type.consolidate(batch, ANIMALS, VERITY).get(0);
            assertThat(verity.value().intValue()).isZero();
            assertThat(verity.metadata().get("class-name").textValue()).isEqualTo("dog");
            assertThat(verity.metadata().get("confidence").doubleValue())
                    .isGreaterThan(0.0)
                    .isLessThan(1.0);
        }

        @Test
        void aTieIsBrokenTheSameWayForTheSameObjectUnderGroundTruthsMethod() {
            // Symmetric answers leave both posteriors at 0.5; TieBreak picks the first tied class for object "0" and
            // the second for object "1".
            assertThat(type.consolidate(
                            List.of(object("0", "cat", "dog"), object("1", "cat", "dog")), DOG_CAT, GROUND_TRUTH))
                    .containsExactly(label("0", 0, "dog", 0.5), label("1", 1, "cat", 0.5));
            assertThat(type.consolidate(List.of(object("0", "dog", "cat")), DOG_CAT, GROUND_TRUTH))
                    .containsExactly(label("0", 0, "dog", 0.5));
        }

        @Test
        void objectsWithoutAnswersAreLeftOutAndTheRestKeepTheirOrder() {
            List<ObjectAnswers> batch =
                    List.of(object("7", "cat"), new ObjectAnswers("8", List.of()), object("3", "dog", "dog"));

            assertThat(type.consolidate(batch, DOG_CAT, VERITY))
                    .extracting(ConsolidatedLabel::objectId)
                    .containsExactly("7", "3");
        }

        @Test
        void countsARedeliveredAnswerFromTheSameWorkerOnce() {
            ObjectAnswers object = new ObjectAnswers(
                    "0",
                    List.of(
                            new WorkerAnswer("w1", answer("dog")), new WorkerAnswer("w2", answer("cat")),
                            new WorkerAnswer("w2", answer("cat")), new WorkerAnswer("w3", answer("dog"))));

            // Counted twice, w2's cat would tie the dogs; counted once, it is outvoted as in the single-object case
            // (Ground Truth's method, whose numbers are fixed: the counting is the same for both methods).
            assertThat(type.consolidate(List.of(object), DOG_CAT, GROUND_TRUTH))
                    .containsExactly(label("0", 0, "dog", 0.97));
        }

        @Test
        void refusesAStoredAnswerThatIsNotValidNamingObjectAndWorker() {
            ObjectAnswers object = new ObjectAnswers(
                    "img-9", List.of(new WorkerAnswer("w1", answer("dog")), new WorkerAnswer("w2", answer("horse"))));

            assertThatThrownBy(() -> type.consolidate(List.of(object), DOG_CAT, VERITY))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("object img-9, worker w2: unknown label \"horse\"; allowed labels: [\"dog\",\"cat\"]");
        }
    }

    @Nested
    class WriteLabel {

        /** Ground Truth's documented output line for image classification (groundtruth.md section 2.3). */
        private static final String DOCUMENTED_LINE = """
                {"source-ref":"s3://b/img.jpg","species":0,
                 "species-metadata":{"class-name":"dog","confidence":0.00,"type":"groundtruth/image-classification",
                   "job-name":"identify-animal-species","human-annotated":"yes","creation-date":"2018-10-18T22:18:13.527256"}}
                """;

        private static final Instant CREATED = Instant.parse("2018-10-18T22:18:13.527256Z");

        @Test
        void writesTheLineGroundTruthDocuments() {
            ObjectNode documented = (ObjectNode) Json.parse(DOCUMENTED_LINE);
            ObjectNode line = (ObjectNode) Json.parse("{\"source-ref\":\"s3://b/img.jpg\"}");
            // Ground Truth's method, whose confidence for one answer is the documented 0.00
            ConsolidatedLabel label = type.consolidate(List.of(object("0", "dog")), DOG_CAT, GROUND_TRUTH)
                    .get(0);

            type.writeLabel(line, "species", label, "identify-animal-species", CREATED);

            assertSameShape(line, documented);
            JsonNode metadata = line.get("species-metadata");
            assertThat(line.get("species").intValue()).isZero();
            assertThat(metadata.get("class-name").textValue()).isEqualTo("dog");
            assertThat(metadata.get("confidence").doubleValue()).isZero();
            assertThat(metadata.get("type").textValue()).isEqualTo("groundtruth/image-classification");
            assertThat(metadata.get("human-annotated").textValue()).isEqualTo("yes");
            assertThat(metadata.get("creation-date").textValue())
                    .isEqualTo(documented
                            .get("species-metadata")
                            .get("creation-date")
                            .textValue());
            // The documented example predates it; newer Ground Truth output names the job "labeling-job/<name>".
            assertThat(metadata.get("job-name").textValue()).isEqualTo("labeling-job/identify-animal-species");
        }

        @Test
        void writesTheClassIndexAsAnIntegerAndTheConfidenceAsANumber() {
            ObjectNode line = Json.object().put("source-ref", "s3://b/img.jpg");
            ConsolidatedLabel label = type.consolidate(List.of(object("0", "cat", "cat", "dog")), DOG_CAT, GROUND_TRUTH)
                    .get(0);

            type.writeLabel(line, "species", label, "job", CREATED);

            assertThat(Json.write(line))
                    .isEqualTo("{\"source-ref\":\"s3://b/img.jpg\",\"species\":1,"
                            + "\"species-metadata\":{\"class-name\":\"cat\",\"confidence\":0.97,"
                            + "\"type\":\"groundtruth/image-classification\",\"job-name\":\"labeling-job/job\","
                            + "\"human-annotated\":\"yes\",\"creation-date\":\"2018-10-18T22:18:13.527256\"}}");
        }

        @Test
        void writesTheCreationDateInUtcWithExactlySixFractionalDigits() {
            assertThat(creationDate(Instant.parse("2024-03-01T09:05:00Z"))).isEqualTo("2024-03-01T09:05:00.000000");
            assertThat(creationDate(Instant.parse("2024-03-01T09:05:00.123456789Z")))
                    .isEqualTo("2024-03-01T09:05:00.123456");
            assertThat(creationDate(
                            OffsetDateTime.parse("2024-03-01T01:30:00.5+02:00").toInstant()))
                    .isEqualTo("2024-02-29T23:30:00.500000");
        }

        @Test
        void overwritesAnEarlierLabelUnderTheSameNameCompletely() {
            ObjectNode line = (ObjectNode) Json.parse("""
                    {"source-ref":"s3://b/img.jpg","species":"5","other":1,
                     "species-metadata":{"class-name":"bird","worker-feedback":[{"comment":"old"}]}}
                    """);
            ConsolidatedLabel label = type.consolidate(List.of(object("0", "dog")), DOG_CAT, VERITY)
                    .get(0);

            type.writeLabel(line, "species", label, "job", CREATED);

            assertThat(line.get("species").isInt()).isTrue();
            assertThat(fieldNames(line.get("species-metadata")))
                    .containsExactly(
                            "class-name", "confidence", "type", "job-name", "human-annotated", "creation-date");
            assertThat(line.get("other").intValue()).isEqualTo(1);
        }

        @Test
        void leavesTheConsolidatedLabelUntouched() {
            ConsolidatedLabel label = type.consolidate(List.of(object("0", "dog")), DOG_CAT, VERITY)
                    .get(0);
            ObjectNode before = label.metadata().deepCopy();

            type.writeLabel(Json.object(), "species", label, "job", CREATED);

            assertThat(label.metadata()).isEqualTo(before);
        }

        private String creationDate(Instant instant) {
            ObjectNode line = Json.object();
            type.writeLabel(
                    line,
                    "a",
                    type.consolidate(List.of(object("0", "dog")), DOG_CAT, VERITY)
                            .get(0),
                    "j",
                    instant);
            return line.get("a-metadata").get("creation-date").textValue();
        }

        /** Same field names in the same order, each with the same JSON type, at every level. */
        private static void assertSameShape(JsonNode actual, JsonNode expected) {
            assertThat(fieldNames(actual)).containsExactlyElementsOf(fieldNames(expected));
            for (String name : fieldNames(expected)) {
                assertThat(actual.get(name).getNodeType())
                        .as(name)
                        .isEqualTo(expected.get(name).getNodeType());
                assertThat(actual.get(name).isIntegralNumber())
                        .as(name + " is an integer")
                        .isEqualTo(expected.get(name).isIntegralNumber());
                if (expected.get(name).isObject()) {
                    assertSameShape(actual.get(name), expected.get(name));
                }
            }
        }

        private static List<String> fieldNames(JsonNode node) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names;
        }
    }

    @Test
    void goldQuestionsAreScoredAndFixTheWorkersEstimates() {
        // worker-0 and worker-1 always say dog, worker-2 says the truth; the four gold objects are cats.
        List<ObjectAnswers> batch = new ArrayList<>();
        for (String id : List.of("1", "2", "3", "4")) {
            ObjectAnswers plain = object(id, "dog", "dog", "cat");
            batch.add(new ObjectAnswers(
                    id, plain.answers(), com.fasterxml.jackson.databind.node.TextNode.valueOf("cat")));
        }
        batch.add(object("5", "dog", "dog", "cat"));

        assertThat(type.consolidate(List.of(object("5", "dog", "dog", "cat")), DOG_CAT, VERITY)
                        .get(0)
                        .metadata()
                        .get("class-name")
                        .asText())
                .isEqualTo("dog");
        List<ConsolidatedLabel> labels = type.consolidate(batch, DOG_CAT, VERITY);
        assertThat(labels)
                .extracting(l -> l.metadata().get("class-name").asText())
                .containsExactly("cat", "cat", "cat", "cat", "cat");
        assertThat(type.supportsGold()).isTrue();
        assertThat(type.matchesGold(answer("cat"), "cat")).isTrue();
        assertThat(type.matchesGold(answer("dog"), "cat")).isFalse();
    }

    private static JsonNode answer(String label) {
        return Json.object().set("crowd-image-classifier", Json.object().put("label", label));
    }

    private static ObjectAnswers object(String id, String... labels) {
        List<WorkerAnswer> answers = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            answers.add(new WorkerAnswer("worker-" + i, answer(labels[i])));
        }
        return new ObjectAnswers(id, answers);
    }

    private static ConsolidatedLabel label(String objectId, int classIndex, String className, double confidence) {
        return new ConsolidatedLabel(
                objectId,
                Json.MAPPER.getNodeFactory().numberNode(classIndex),
                Json.object().put("class-name", className).put("confidence", confidence));
    }
}
