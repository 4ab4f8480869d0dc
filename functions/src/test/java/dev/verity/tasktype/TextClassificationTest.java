package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.GROUND_TRUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What differs from image classification; the shared behaviour is tested in {@link ImageClassificationTest}. */
class TextClassificationTest {

    private static final LabelCategoryConfig MOODS = LabelCategoryConfig.parse(
            Json.parse("{\"labels\":[{\"label\":\"negative\"},{\"label\":\"positive\"}]}"), 2);

    private final TextClassification type = new TextClassification();

    @Test
    void describesItselfAsGroundTruthsTextMultiClassOverInlineText() {
        assertThat(type.name()).isEqualTo("TextMultiClass");
        assertThat(type.outputType()).isEqualTo("groundtruth/text-classification");
        assertThat(type.usesSourceRef()).isFalse();
        assertThat(type.minLabels()).isEqualTo(2);
        assertThat(type.checkLabelAttributeName("mood-ref"))
                .contains("must not end in \"-ref\" for task type TextMultiClass, got \"mood-ref\"");
    }

    @Test
    void acceptsTheCrowdClassifierAnswer() {
        JsonNode answer = Json.parse("{\"crowd-classifier\":{\"label\":\"positive\"}}");

        assertThat(type.validateAnswer(answer, MOODS)).isEqualTo(answer);
    }

    @Test
    void refusesTheImageElementExplainingTheExpectedShape() {
        assertThatThrownBy(() ->
                        type.validateAnswer(Json.parse("{\"crowd-image-classifier\":{\"label\":\"positive\"}}"), MOODS))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessage("unexpected field \"crowd-image-classifier\"; expected {\"crowd-classifier\":"
                        + "{\"label\":\"<category>\"}} with an optional \"workerComment\" string");
    }

    @Test
    void uiConfigNamesTheCrowdClassifier() {
        assertThat(type.uiConfig(MOODS)).isEqualTo(Json.parse("""
                {"element":"crowd-classifier","name":"crowd-classifier","categories":["negative","positive"]}
                """));
    }

    @Test
    void writesTheImageClassificationShapeWithTheTextType() {
        ObjectNode line = Json.object().put("source", "What a lovely day");
        List<ConsolidatedLabel> labels = type.consolidate(
                List.of(new ObjectAnswers(
                        "0",
                        List.of(new WorkerAnswer(
                                "w1", Json.parse("{\"crowd-classifier\":{\"label\":\"positive\"}}"))))),
                MOODS,
                GROUND_TRUTH); // whose confidence for a single answer is a fixed 0.0

        type.writeLabel(line, "mood", labels.get(0), "moods", Instant.parse("2018-10-18T22:18:13.527256Z"));

        assertThat(Json.write(line))
                .isEqualTo("{\"source\":\"What a lovely day\",\"mood\":1,"
                        + "\"mood-metadata\":{\"class-name\":\"positive\",\"confidence\":0.0,"
                        + "\"type\":\"groundtruth/text-classification\",\"job-name\":\"labeling-job/moods\","
                        + "\"human-annotated\":\"yes\",\"creation-date\":\"2018-10-18T22:18:13.527256\"}}");
    }
}
