package dev.verity.tasktype;

import static dev.verity.consolidation.ConsolidationMethod.VERITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomTest {

    private final Custom type = new Custom();

    @Test
    void describesItselfAsACustomWorkflowOverAnyDataObject() {
        assertThat(type.name()).isEqualTo("Custom");
        assertThat(type.outputType()).isEqualTo("groundTruth/custom");
        assertThat(type.acceptsEitherSource()).isTrue();
        assertThat(type.minLabels()).isZero();
        assertThat(type.checkLabelAttributeName("anything")).isEmpty();
        assertThat(type.checkLabelAttributeName("anything-ref")).isEmpty();
        assertThat(type.uiConfig(null)).isEqualTo(Json.parse("{\"element\":\"custom\"}"));
    }

    @Test
    void acceptsAnyJsonObjectAsItArrived() {
        JsonNode answer = Json.parse("{\"sentiment\":{\"label\":\"happy\"},\"comment\":\"nice\",\"n\":[1,2]}");

        assertThat(type.validateAnswer(answer, null)).isEqualTo(answer);
    }

    @Test
    void refusesWhatIsNotAnObject() {
        assertThatThrownBy(() -> type.validateAnswer(Json.parse("[1]"), null))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageContaining("must be a JSON object", "ARRAY");
        assertThatThrownBy(() -> type.validateAnswer(null, null))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageContaining("got nothing");
    }

    @Test
    void refusesAnAnswerOverTheSizeCap() {
        ObjectNode answer = Json.object().put("big", "x".repeat(Custom.MAX_ANSWER_BYTES));

        assertThatThrownBy(() -> type.validateAnswer(answer, null))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageContaining("at most " + Custom.MAX_ANSWER_BYTES);
    }

    @Test
    void withoutAConsolidationLambdaEveryAnsweredObjectGetsAnEmptyLabel() {
        List<ConsolidatedLabel> labels = type.consolidate(
                List.of(
                        new ObjectAnswers("0", List.of(new WorkerAnswer("w1", Json.object()))),
                        new ObjectAnswers("1", List.of())),
                null,
                VERITY);

        assertThat(labels).singleElement().satisfies(label -> {
            assertThat(label.objectId()).isEqualTo("0");
            assertThat(label.value()).isEqualTo(Json.object());
            assertThat(label.metadata()).isEqualTo(Json.object());
        });
    }

    @Test
    void writesGroundTruthsCustomMetadataWithUnderscoreKeys() {
        ObjectNode line = Json.object().put("source", "I love it").put("custom-label", "old");
        ObjectNode metadata = Json.object().put("worker-response-ref", "s3://b/out/job/annotations/worker-response/x");

        type.writeLabel(
                line,
                "custom-label",
                new ConsolidatedLabel("0", Json.parse("{\"sentiment\":\"happy\"}"), metadata),
                "my-job",
                Instant.parse("2018-10-18T22:18:13.527256Z"));

        assertThat(line).isEqualTo(Json.parse("""
                {"source":"I love it","custom-label":{"sentiment":"happy"},
                 "custom-label-metadata":{"job_name":"my-job","type":"groundTruth/custom","human-annotated":"yes",
                   "creation_date":"2018-10-18T22:18:13.527256",
                   "worker-response-ref":"s3://b/out/job/annotations/worker-response/x"}}"""));
    }
}
