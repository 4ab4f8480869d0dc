package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static dev.verity.tasktype.AnsweredObject.withoutImage;
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
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamedEntityRecognitionTest {

    private static final String INSTRUCTIONS = "\"instructions\":{\"shortInstruction\":\"<p>Mark names</p>\","
            + "\"fullInstruction\":\"<p>Mark every name</p>\"}";
    private static final LabelCategoryConfig NAMES = LabelCategoryConfig.parse(
            Json.parse("{\"labels\":["
                    + "{\"label\":\"Person\",\"shortDisplayName\":\"per\"},{\"label\":\"Organization\"},"
                    + "{\"label\":\"Location\",\"shortDisplayName\":\"loc\"}]," + INSTRUCTIONS + "}"),
            1);
    /** 43 characters: "Ada" [0,3), "Analytical Society" [15,33), "London" [37,43) at the very end. */
    private static final String TEXT = "Ada joined the Analytical Society in London";

    private static final ObjectNode LINE = Json.object().put("source", TEXT);
    private static final AnsweredObject OBJECT = withoutImage(LINE);

    private final NamedEntityRecognition type = new NamedEntityRecognition();

    @Test
    void describesItselfAsGroundTruthsNamedEntityRecognition() {
        assertThat(type.name()).isEqualTo("NamedEntityRecognition");
        assertThat(type.outputType()).isEqualTo("groundtruth/text-span");
        assertThat(type.usesSourceRef()).isFalse();
        assertThat(type.minLabels()).isEqualTo(1);
    }

    @Test
    void theLabelAttributeNameMustNotEndInRef() {
        assertThat(type.checkLabelAttributeName("entities")).isEmpty();
        assertThat(type.checkLabelAttributeName("ner-refs")).isEmpty();
        assertThat(type.checkLabelAttributeName("ner-ref"))
                .contains("must not end in \"-ref\" for task type NamedEntityRecognition, got \"ner-ref\"");
    }

    @Test
    void theLabelCategoryConfigurationMustGiveInstructions() {
        LabelCategoryConfig withoutInstructions =
                LabelCategoryConfig.parse(Json.parse("{\"labels\":[{\"label\":\"Person\"}]}"), 1);

        assertThat(type.checkCategories(NAMES)).isEmpty();
        assertThat(type.checkCategories(withoutInstructions))
                .contains("task type NamedEntityRecognition needs"
                        + " \"instructions\":{\"shortInstruction\":...,\"fullInstruction\":...}"
                        + " in the label category configuration");
    }

    @Test
    void uiConfigNamesTheCrowdElementAndTheLabelsWithTheirShortNames() {
        assertThat(type.uiConfig(NAMES)).isEqualTo(Json.parse("""
                {"element":"crowd-entity-annotation","name":"crowd-entity-annotation",
                 "labels":[{"label":"Person","shortDisplayName":"per"},{"label":"Organization"},
                           {"label":"Location","shortDisplayName":"loc"}]}
                """));
    }

    @Nested
    class ValidateAnswer {

        @Test
        void acceptsEntitiesWithinTheTextAndPutsThemInTextOrder() {
            JsonNode answer =
                    answer(entity("Location", 37, 43), entity("Person", 0, 3), entity("Organization", 15, 33));

            assertThat(type.validateAnswer(answer, NAMES, OBJECT))
                    .isEqualTo(
                            answer(entity("Person", 0, 3), entity("Organization", 15, 33), entity("Location", 37, 43)));
        }

        @Test
        void acceptsNoEntitiesAtAll() {
            assertThat(type.validateAnswer(answer(), NAMES, OBJECT)).isEqualTo(answer());
        }

        @Test
        void acceptsEntitiesThatTouchAndOneEndingAtTheEndOfTheText() {
            JsonNode answer = answer(entity("Person", 0, 3), entity("Organization", 3, 11), entity("Location", 37, 43));

            assertThat(type.validateAnswer(answer, NAMES, OBJECT)).isEqualTo(answer);
        }

        @Test
        void refusesAnUnknownLabelNamingTheAllowedOnes() {
            assertThatThrownBy(() -> type.validateAnswer(
                            answer(entity("Person", 0, 3), entity("person", 37, 43)), NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("entities[1]: unknown label \"person\"; allowed labels: "
                            + "[\"Person\",\"Organization\",\"Location\"]");
        }

        @Test
        void refusesAnEmptyOrReversedEntity() {
            assertThatThrownBy(() -> type.validateAnswer(answer(entity("Person", 3, 3)), NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("entities[0]: startOffset 3 is not before endOffset 3; endOffset is the first"
                            + " character after the entity, so an entity has at least one character");
            assertThatThrownBy(() -> type.validateAnswer(
                            answer(entity("Person", 0, 3), entity("Location", 43, 37)), NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("entities[1]: startOffset 43 is not before endOffset 37;");
        }

        @Test
        void refusesAnEntityEndingPastTheTextNamingItsLength() {
            assertThatThrownBy(() -> type.validateAnswer(answer(entity("Location", 37, 44)), NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("entities[0] \"Location\" [37, 44): endOffset 44 is past the end of the text,"
                            + " which is 43 characters (Unicode code points) long");
        }

        @Test
        void refusesOverlappingEntitiesNamingBoth() {
            JsonNode answer =
                    answer(entity("Location", 37, 43), entity("Organization", 15, 33), entity("Person", 20, 38));

            assertThatThrownBy(() -> type.validateAnswer(answer, NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("entities[1] \"Organization\" [15, 33) overlaps entities[2] \"Person\" [20, 38);"
                            + " entities must not share characters");
        }

        @Test
        void refusesAnEntityInsideAnother() {
            assertThatThrownBy(() -> type.validateAnswer(
                            answer(entity("Organization", 15, 33), entity("Person", 15, 25)), NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("entities[0] \"Organization\" [15, 33) overlaps entities[1] \"Person\"");
        }

        @Test
        void withoutTheDataObjectChecksEverythingButTheTextsLength() {
            assertThat(type.validateAnswer(answer(entity("Location", 37, 44)), NAMES))
                    .isEqualTo(answer(entity("Location", 37, 44)));
            assertThatThrownBy(() -> type.validateAnswer(answer(entity("Person", 0, 5), entity("Person", 4, 8)), NAMES))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageContaining("overlaps");
        }

        @Test
        void aDataObjectWithoutSourceTextIsNotTheWorkersFault() {
            ObjectNode imageLine = Json.object().put("source-ref", "s3://b/img.jpg");

            assertThatThrownBy(
                            () -> type.validateAnswer(answer(entity("Person", 0, 3)), NAMES, withoutImage(imageLine)))
                    .isNotInstanceOf(InvalidAnswerException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the data object has no \"source\" text to annotate");
        }

        static Stream<Arguments> malformed() {
            return Stream.of(
                    arguments("[]", "the answer is not a JSON object"),
                    arguments("{}", "\"crowd-entity-annotation\" is missing"),
                    arguments("{\"crowd-entity-annotation\":{\"entities\":[]},\"x\":1}", "unexpected field \"x\""),
                    arguments("{\"crowd-entity-annotation\":[]}", "\"crowd-entity-annotation\" is not an object"),
                    arguments("{\"crowd-entity-annotation\":{}}", "\"crowd-entity-annotation.entities\" is missing"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":{}}}",
                            "\"crowd-entity-annotation.entities\" is not an array"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[],\"labels\":[]}}",
                            "unexpected field \"crowd-entity-annotation.labels\""),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[\"Person\"]}}",
                            "\"crowd-entity-annotation.entities[0]\" is not an object"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"startOffset\":0,\"endOffset\":3}]}}",
                            "\"crowd-entity-annotation.entities[0].label\" is missing"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"label\":7,\"startOffset\":0,"
                                    + "\"endOffset\":3}]}}",
                            "\"crowd-entity-annotation.entities[0].label\" is not a string"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"label\":\"Person\",\"endOffset\":3}]}}",
                            "\"crowd-entity-annotation.entities[0].startOffset\" is missing"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"label\":\"Person\",\"startOffset\":0,"
                                    + "\"endOffset\":\"3\"}]}}",
                            "\"crowd-entity-annotation.entities[0].endOffset\" is not a non-negative integer"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"label\":\"Person\",\"startOffset\":0.5,"
                                    + "\"endOffset\":3}]}}",
                            "\"crowd-entity-annotation.entities[0].startOffset\" is not a non-negative integer"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"label\":\"Person\",\"startOffset\":-1,"
                                    + "\"endOffset\":3}]}}",
                            "\"crowd-entity-annotation.entities[0].startOffset\" is not a non-negative integer"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"label\":\"Person\",\"startOffset\":0,"
                                    + "\"endOffset\":4294967296}]}}",
                            "\"crowd-entity-annotation.entities[0].endOffset\" is not a non-negative integer"),
                    arguments(
                            "{\"crowd-entity-annotation\":{\"entities\":[{\"label\":\"Person\",\"startOffset\":0,"
                                    + "\"endOffset\":3,\"text\":\"Ada\"}]}}",
                            "unexpected field \"crowd-entity-annotation.entities[0].text\""));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformed")
        void refusesAnyOtherShapeExplainingTheExpectedOne(String answer, String reason) {
            assertThatThrownBy(() -> type.validateAnswer(Json.parse(answer), NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage(reason + "; expected {\"crowd-entity-annotation\":{\"entities\":[{\"label\":"
                            + "\"<category>\",\"startOffset\":<int>,\"endOffset\":<int>}]}}");
        }

        @Test
        void refusesAMissingAnswer() {
            assertThatThrownBy(() -> type.validateAnswer(null, NAMES, OBJECT))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageStartingWith("the answer is not a JSON object");
        }
    }

    /** Offsets count Unicode code points, as Ground Truth's "Unicode offsets" and Amazon Comprehend do. */
    @Nested
    class UnicodeOffsets {

        // "😀 Zoë" is 5 code points but 6 UTF-16 units: the emoji is a surrogate pair; ë is one precomposed letter.
        private final ObjectNode emojiLine = Json.object().put("source", "\uD83D\uDE00 Zo\u00EB");

        @Test
        void anEmojiCountsAsOneCharacter() {
            JsonNode zoe = answer(entity("Person", 2, 5));

            assertThat(type.validateAnswer(zoe, NAMES, withoutImage(emojiLine))).isEqualTo(zoe);
            assertThat(type.validateAnswer(answer(entity("Person", 0, 1)), NAMES, withoutImage(emojiLine)))
                    .isEqualTo(answer(entity("Person", 0, 1)));
        }

        @Test
        void anOffsetThatIsOnlyWithinTheTextInUtf16UnitsIsRefused() {
            assertThatThrownBy(
                            () -> type.validateAnswer(answer(entity("Person", 2, 6)), NAMES, withoutImage(emojiLine)))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("entities[0] \"Person\" [2, 6): endOffset 6 is past the end of the text,"
                            + " which is 5 characters (Unicode code points) long");
        }

        @Test
        void aCombiningAccentIsACharacterOfItsOwn() {
            // "Zoë" with e + U+0308 COMBINING DIAERESIS is 4 code points, unlike the precomposed form's 3.
            ObjectNode decomposed = Json.object().put("source", "Zoe\u0308");

            assertThat(type.validateAnswer(answer(entity("Person", 0, 4)), NAMES, withoutImage(decomposed)))
                    .isEqualTo(answer(entity("Person", 0, 4)));
            assertThatThrownBy(() -> type.validateAnswer(
                            answer(entity("Person", 0, 4)),
                            NAMES,
                            withoutImage(Json.object().put("source", "Zo\u00EB"))))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessageEndingWith("which is 3 characters" + " (Unicode code points) long");
        }
    }

    @Nested
    class Consolidate {

        @Test
        void consolidatesEachObjectIntoGroundTruthsValueAndConfidencePerEntity() {
            // Ada: all three agree. The society: [15,33) twice, [14,33) once -> [15,33), Organization 2 of 3.
            // London: only worker 2 -> dropped as spurious.
            ObjectAnswers object = object(
                    "doc-1",
                    answer(entity("Person", 0, 3), entity("Organization", 15, 33)),
                    answer(entity("Person", 0, 3), entity("Organization", 14, 33)),
                    answer(entity("Person", 0, 3), entity("Organization", 15, 33), entity("Location", 37, 43)));

            ConsolidatedLabel label =
                    type.consolidate(List.of(object), NAMES, VERITY).get(0);

            assertThat(label.objectId()).isEqualTo("doc-1");
            assertThat(label.value()).isEqualTo(Json.parse("""
                    {"annotations":{
                      "labels":[{"label":"Person","shortDisplayName":"per"},{"label":"Organization"},
                                {"label":"Location","shortDisplayName":"loc"}],
                      "entities":[{"label":"Person","startOffset":0,"endOffset":3},
                                  {"label":"Organization","startOffset":15,"endOffset":33}]}}
                    """));
            assertThat(label.metadata())
                    .isEqualTo(Json.parse("{\"entities\":[{\"confidence\":1.0},{\"confidence\":0.67}]}"));
        }

        @Test
        void aSingleWorkerGivesConfidenceZeroPerEntity() {
            ObjectAnswers object = object("doc-1", answer(entity("Location", 37, 43), entity("Person", 0, 3)));

            ConsolidatedLabel label =
                    type.consolidate(List.of(object), NAMES, VERITY).get(0);

            assertThat(label.value().at("/annotations/entities"))
                    .isEqualTo(Json.parse("[{\"label\":\"Person\",\"startOffset\":0,\"endOffset\":3},"
                            + "{\"label\":\"Location\",\"startOffset\":37,\"endOffset\":43}]"));
            assertThat(label.metadata())
                    .isEqualTo(Json.parse("{\"entities\":[{\"confidence\":0.0},{\"confidence\":0.0}]}"));
        }

        @Test
        void anObjectWhoseEntitiesAllFallAwayStillGetsALabelWithNone() {
            ObjectAnswers object = object("doc-1", answer(entity("Person", 0, 3)), answer(), answer());

            ConsolidatedLabel label =
                    type.consolidate(List.of(object), NAMES, VERITY).get(0);

            assertThat(label.value().at("/annotations/entities")).isEqualTo(Json.array());
            assertThat(label.value().at("/annotations/labels")).hasSize(3);
            assertThat(label.metadata()).isEqualTo(Json.parse("{\"entities\":[]}"));
        }

        @Test
        void countsARedeliveredAnswerFromTheSameWorkerOnce() {
            JsonNode ada = answer(entity("Person", 0, 3));
            ObjectAnswers object = new ObjectAnswers(
                    "doc-1",
                    List.of(
                            new WorkerAnswer("w1", ada),
                            new WorkerAnswer("w2", answer()),
                            new WorkerAnswer("w1", ada)));

            // Two workers, not three: Ada is kept by 1 of 2 with confidence 0.5 (1 of 3 would drop it).
            assertThat(type.consolidate(List.of(object), NAMES, VERITY).get(0).metadata())
                    .isEqualTo(Json.parse("{\"entities\":[{\"confidence\":0.5}]}"));
        }

        @Test
        void objectsWithoutAnswersAreLeftOutAndTheRestKeepTheirOrder() {
            List<ObjectAnswers> batch = List.of(
                    object("7", answer()),
                    new ObjectAnswers("8", List.of()),
                    object("3", answer(entity("Person", 0, 3))));

            assertThat(type.consolidate(batch, NAMES, VERITY))
                    .extracting(ConsolidatedLabel::objectId)
                    .containsExactly("7", "3");
        }

        @Test
        void refusesAStoredAnswerThatIsNotValidNamingObjectAndWorker() {
            ObjectAnswers object = new ObjectAnswers(
                    "doc-9",
                    List.of(
                            new WorkerAnswer("w1", answer(entity("Person", 0, 3))),
                            new WorkerAnswer("w2", answer(entity("Animal", 0, 3)))));

            assertThatThrownBy(() -> type.consolidate(List.of(object), NAMES, VERITY))
                    .isInstanceOf(InvalidAnswerException.class)
                    .hasMessage("object doc-9, worker w2: entities[0]: unknown label \"Animal\"; allowed labels: "
                            + "[\"Person\",\"Organization\",\"Location\"]");
        }
    }

    @Nested
    class WriteLabel {

        /** Ground Truth's documented NER output (groundtruth.md section 2.3), on a text whose [75,88) is a date. */
        private static final String DOCUMENTED_LINE = """
                {"source":"Minutes of the board meeting held in the city library annex, written up on March 3, 2021.",
                 "ner":{"annotations":{"labels":[{"label":"Date","shortDisplayName":"dt"}],
                        "entities":[{"label":"Date","startOffset":75,"endOffset":88}]}},
                 "ner-metadata":{"job-name":"labeling-job/x","type":"groundtruth/text-span","creation-date":"...",
                        "human-annotated":"yes","entities":[{"confidence":0}]}}
                """;

        private static final LabelCategoryConfig DATES = LabelCategoryConfig.parse(
                Json.parse(
                        "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"Date\",\"shortDisplayName\":\"dt\"}],"
                                + INSTRUCTIONS + "}"),
                1);
        private static final Instant CREATED = Instant.parse("2018-10-18T22:18:13.527256Z");

        @Test
        void writesTheLineGroundTruthDocuments() {
            ObjectNode documented = (ObjectNode) Json.parse(DOCUMENTED_LINE);
            ObjectNode line =
                    Json.object().put("source", documented.get("source").textValue());
            JsonNode answer = type.validateAnswer(answer(entity("Date", 75, 88)), DATES, withoutImage(line));
            ConsolidatedLabel label = type.consolidate(List.of(object("0", answer)), DATES, VERITY)
                    .get(0);

            type.writeLabel(line, "ner", label, "x", CREATED);

            assertSameShape(line, documented);
            assertThat(line.get("ner")).isEqualTo(documented.get("ner"));
            JsonNode metadata = line.get("ner-metadata");
            assertThat(metadata.get("entities").get(0).get("confidence").doubleValue())
                    .isZero();
            for (String field : List.of("job-name", "type", "human-annotated")) {
                assertThat(metadata.get(field))
                        .as(field)
                        .isEqualTo(documented.get("ner-metadata").get(field));
            }
            assertThat(metadata.get("creation-date").textValue()).isEqualTo("2018-10-18T22:18:13.527256");
            String source = line.get("source").textValue();
            assertThat(source.substring(source.offsetByCodePoints(0, 75), source.offsetByCodePoints(0, 88)))
                    .isEqualTo("March 3, 2021");
        }

        @Test
        void writesOffsetsAsIntegersAndOneConfidencePerEntityInTheSameOrder() {
            ObjectNode line = Json.object().put("source", TEXT);
            ConsolidatedLabel label = type.consolidate(
                            List.of(object(
                                    "0",
                                    answer(entity("Person", 0, 3), entity("Location", 37, 43)),
                                    answer(entity("Person", 0, 3)))),
                            NAMES,
                            VERITY)
                    .get(0);

            type.writeLabel(line, "ner", label, "job", CREATED);

            assertThat(Json.write(line))
                    .isEqualTo("{\"source\":\"" + TEXT + "\",\"ner\":{\"annotations\":{\"labels\":"
                            + "[{\"label\":\"Person\",\"shortDisplayName\":\"per\"},{\"label\":\"Organization\"},"
                            + "{\"label\":\"Location\",\"shortDisplayName\":\"loc\"}],\"entities\":["
                            + "{\"label\":\"Person\",\"startOffset\":0,\"endOffset\":3},"
                            + "{\"label\":\"Location\",\"startOffset\":37,\"endOffset\":43}]}},"
                            + "\"ner-metadata\":{\"entities\":[{\"confidence\":1.0},{\"confidence\":0.5}],"
                            + "\"type\":\"groundtruth/text-span\",\"job-name\":\"labeling-job/job\","
                            + "\"human-annotated\":\"yes\",\"creation-date\":\"2018-10-18T22:18:13.527256\"}}");
        }

        /** The same field names (in any order) with the same JSON types at every level, arrays by their first item. */
        private static void assertSameShape(JsonNode actual, JsonNode expected) {
            assertThat(actual.getNodeType()).isEqualTo(expected.getNodeType());
            if (expected.isObject()) {
                assertThat(fieldNames(actual)).isEqualTo(fieldNames(expected));
                fieldNames(expected).forEach(name -> assertSameShape(actual.get(name), expected.get(name)));
            } else if (expected.isArray()) {
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertSameShape(actual.get(i), expected.get(i));
                }
            }
        }

        private static TreeSet<String> fieldNames(JsonNode node) {
            TreeSet<String> names = new TreeSet<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names;
        }
    }

    private static ObjectNode entity(String label, int start, int end) {
        return Json.object().put("label", label).put("startOffset", start).put("endOffset", end);
    }

    private static JsonNode answer(ObjectNode... entities) {
        ObjectNode answer = Json.object();
        var array = answer.putObject("crowd-entity-annotation").putArray("entities");
        List.of(entities).forEach(array::add);
        return answer;
    }

    private static ObjectAnswers object(String id, JsonNode... answers) {
        List<WorkerAnswer> workerAnswers = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            workerAnswers.add(new WorkerAnswer("worker-" + i, answers[i]));
        }
        return new ObjectAnswers(id, workerAnswers);
    }
}
