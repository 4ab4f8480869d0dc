package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.GROUND_TRUTH;
import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationBoundingBoxTest {

    private static final LabelCategoryConfig GOOD_BAD =
            LabelCategoryConfig.parse(Json.parse("{\"labels\":[{\"label\":\"good\"},{\"label\":\"bad\"}]}"), 2);

    private final VerificationBoundingBox type = new VerificationBoundingBox();

    @Test
    void isAChainedJobThatShowsWorkersTheEarlierBoxes() {
        assertThat(type.choosesConsolidationMethod()).isTrue();
        assertThat(type.name()).isEqualTo("VerificationBoundingBox");
        assertThat(type.outputType()).isEqualTo("groundtruth/label-verification");
        assertThat(type.usesSourceRef()).isTrue();
        assertThat(type.minLabels()).isEqualTo(2);
        assertThat(type.showsManifestLine()).isTrue();
        assertThat(type.uiConfig(GOOD_BAD))
                .isEqualTo(
                        Json.parse(
                                "{\"element\":\"crowd-image-classifier\","
                                        + "\"name\":\"crowd-image-classifier\",\"overlay\":\"boundingBox\",\"categories\":[\"good\",\"bad\"]}"));
    }

    @Test
    void theLabelAttributeNameMustNotEndInRef() {
        assertThat(type.checkLabelAttributeName("verify-bb")).isEmpty();
        assertThat(type.checkLabelAttributeName("verify-bb-ref"))
                .contains("must not end in \"-ref\" for task type VerificationBoundingBox, got \"verify-bb-ref\"");
    }

    @Test
    void acceptsAJudgementWithAnOptionalComment() {
        assertThat(type.validateAnswer(judgement("bad", "too wide"), GOOD_BAD)).isEqualTo(judgement("bad", "too wide"));
        assertThat(type.validateAnswer(judgement("good", null), GOOD_BAD)).isEqualTo(judgement("good", null));
    }

    @Test
    void refusesAnUnknownVerificationClass() {
        assertThatThrownBy(() -> type.validateAnswer(judgement("ok", null), GOOD_BAD))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage("unknown label \"ok\"; allowed labels: [\"good\",\"bad\"]");
    }

    @Test
    void refusesAnotherElementsAnswer() {
        assertThatThrownBy(() -> type.validateAnswer(Json.parse("{\"boundingBox\":{}}"), GOOD_BAD))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageStartingWith("unexpected field \"boundingBox\"; expected {\"crowd-image-classifier\"");
    }

    @Test
    void aUnanimousJudgementWinsWithHighConfidenceAndTheIndexAsAString() {
        ConsolidatedLabel label =
                one(object("0", judgement("bad", null), judgement("bad", null), judgement("bad", null)));

        assertThat(label.value().textValue()).isEqualTo("1");
        assertThat(label.metadata().get("class-name").textValue()).isEqualTo("bad");
        assertThat(label.metadata().get("confidence").doubleValue())
                .isGreaterThan(0.9)
                .isLessThanOrEqualTo(1.0);
    }

    @Test
    void twoAgainstOneGoesToTheTwo() {
        ConsolidatedLabel label =
                one(object("0", judgement("good", null), judgement("bad", null), judgement("good", null)));

        assertThat(label.value().textValue()).isEqualTo("0");
        assertThat(label.metadata().get("class-name").textValue()).isEqualTo("good");
        assertThat(label.metadata().get("confidence").doubleValue())
                .isGreaterThan(0.5)
                .isLessThan(1.0);
    }

    @Test
    void aSingleJudgementGetsConfidenceZeroFromGroundTruthsMethodAndAnHonestConfidenceFromVeritys() {
        ObjectAnswers object = object("0", judgement("good", null));

        assertThat(Json.write(one(object, GROUND_TRUTH).metadata()))
                .isEqualTo("{\"class-name\":\"good\",\"confidence\":0.0}");
        ConsolidatedLabel verity = one(object, VERITY);
        assertThat(verity.metadata().get("class-name").textValue()).isEqualTo("good");
        assertThat(verity.metadata().get("confidence").doubleValue())
                .isGreaterThan(0.0)
                .isLessThan(1.0);
    }

    @Test
    void keepsEveryNonBlankCommentInAnswerOrder() {
        ConsolidatedLabel label = one(object(
                "0",
                judgement("bad", "too wide on the right"),
                judgement("bad", ""),
                judgement("good", "   "),
                judgement("bad", "the owl is not boxed")));

        assertThat(label.metadata().get("worker-feedback"))
                .isEqualTo(
                        Json.parse("[{\"comment\":\"too wide on the right\"},{\"comment\":\"the owl is not boxed\"}]"));
    }

    @Test
    void leavesWorkerFeedbackOutWhenNobodyCommented() {
        ConsolidatedLabel label = one(object("0", judgement("good", ""), judgement("good", null)));

        assertThat(label.metadata().has("worker-feedback")).isFalse();
    }

    @Test
    void aRedeliveredAnswerCountsOnceAndItsCommentIsNotRepeated() {
        JsonNode bad = judgement("bad", "loose");
        ObjectAnswers object =
                new ObjectAnswers("0", List.of(new WorkerAnswer("w1", bad), new WorkerAnswer("w1", bad)));

        // Under Ground Truth's method one answer gives confidence 0; counted twice, it would give more.
        ConsolidatedLabel label = one(object, GROUND_TRUTH);

        assertThat(label.metadata().get("confidence").doubleValue()).isZero();
        assertThat(label.metadata().get("worker-feedback")).isEqualTo(Json.parse("[{\"comment\":\"loose\"}]"));
    }

    @Test
    void objectsWithoutAnswersAreLeftOutAndTheRestKeepTheirOrder() {
        List<ObjectAnswers> batch = List.of(
                object("7", judgement("bad", null)),
                new ObjectAnswers("8", List.of()),
                object("3", judgement("good", null)));

        assertThat(type.consolidate(batch, GOOD_BAD, VERITY))
                .extracting(ConsolidatedLabel::objectId)
                .containsExactly("7", "3");
    }

    @Test
    void refusesAStoredAnswerThatIsNotValidNamingObjectAndWorker() {
        ObjectAnswers object = new ObjectAnswers("img-9", List.of(new WorkerAnswer("w2", judgement("meh", null))));

        assertThatThrownBy(() -> type.consolidate(List.of(object), GOOD_BAD, VERITY))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage("object img-9, worker w2: unknown label \"meh\"; allowed labels: [\"good\",\"bad\"]");
    }

    /** Ground Truth's documented verification output (groundtruth.md section 2.3), "..." filled in. */
    private static final String DOCUMENTED_LINE = """
            {"source-ref":"s3://b/img.jpg","verify-bb":"1","verify-bb-metadata":{"class-name":"bad","confidence":0.93,
              "type":"groundtruth/label-verification","job-name":"verify-bounding-boxes","human-annotated":"yes",
              "creation-date":"2018-10-18T22:18:13.527256","worker-feedback":[{"comment":"too wide"}]}}
            """;

    @Test
    void writesTheLineGroundTruthDocuments() {
        ObjectNode documented = (ObjectNode) Json.parse(DOCUMENTED_LINE);
        ObjectNode line = Json.object().put("source-ref", "s3://b/img.jpg");
        ConsolidatedLabel label = one(object("0", judgement("bad", "too wide"), judgement("bad", null)));

        type.writeLabel(
                line, "verify-bb", label, "verify-bounding-boxes", Instant.parse("2018-10-18T22:18:13.527256Z"));

        assertThat(JsonShape.fieldNames(line)).containsExactlyElementsOf(JsonShape.fieldNames(documented));
        assertThat(line.get("verify-bb")).isEqualTo(documented.get("verify-bb"));
        JsonNode metadata = line.get("verify-bb-metadata");
        JsonNode documentedMetadata = documented.get("verify-bb-metadata");
        assertThat(JsonShape.fieldNames(metadata))
                .containsExactlyInAnyOrderElementsOf(JsonShape.fieldNames(documentedMetadata));
        for (String name : JsonShape.fieldNames(documentedMetadata)) {
            JsonShape.assertSameShape(metadata.get(name), documentedMetadata.get(name), name);
        }
        assertThat(metadata.get("class-name")).isEqualTo(documentedMetadata.get("class-name"));
        assertThat(metadata.get("type")).isEqualTo(documentedMetadata.get("type"));
        assertThat(metadata.get("creation-date")).isEqualTo(documentedMetadata.get("creation-date"));
        assertThat(metadata.get("worker-feedback")).isEqualTo(documentedMetadata.get("worker-feedback"));
    }

    private ConsolidatedLabel one(ObjectAnswers object) {
        return one(object, VERITY);
    }

    private ConsolidatedLabel one(ObjectAnswers object, ConsolidationMethod method) {
        List<ConsolidatedLabel> labels = type.consolidate(List.of(object), GOOD_BAD, method);
        assertThat(labels).hasSize(1);
        return labels.get(0);
    }

    private static JsonNode judgement(String label, String comment) {
        ObjectNode element = Json.object().put("label", label);
        if (comment != null) {
            element.put("workerComment", comment);
        }
        ObjectNode answer = Json.object();
        answer.set("crowd-image-classifier", element);
        return answer;
    }

    private static ObjectAnswers object(String id, JsonNode... answers) {
        List<WorkerAnswer> list = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            list.add(new WorkerAnswer("worker-" + i, answers[i]));
        }
        return new ObjectAnswers(id, list);
    }
}
