package dev.verity.emulators.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChoiceEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode INPUT = read("""
      {"s": "beta", "n": 10, "b": true, "t": "2024-01-02T03:04:05Z", "later": "2024-01-02T04:04:05+01:00",
       "nil": null, "other": "alpha", "ten": 10.0, "file": "log-2024*.txt", "dec": 2.5}""");

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean rule(String json) {
        return ChoiceEvaluator.matches(read(json), INPUT, read("{\"State\": {\"Name\": \"C\"}}"));
    }

    @Test
    void stringNumericBooleanAndTimestampComparisons() {
        assertThat(rule("{\"Variable\": \"$.s\", \"StringEquals\": \"beta\"}")).isTrue();
        assertThat(rule("{\"Variable\": \"$.s\", \"StringGreaterThanPath\": \"$.other\"}"))
                .isTrue();
        assertThat(rule("{\"Variable\": \"$.s\", \"StringLessThanEquals\": \"beta\"}"))
                .isTrue();
        assertThat(rule("{\"Variable\": \"$.n\", \"NumericEqualsPath\": \"$.ten\"}"))
                .isTrue();
        assertThat(rule("{\"Variable\": \"$.dec\", \"NumericLessThan\": 3}")).isTrue();
        assertThat(rule("{\"Variable\": \"$.n\", \"NumericGreaterThanEquals\": 11}"))
                .isFalse();
        assertThat(rule("{\"Variable\": \"$.b\", \"BooleanEquals\": true}")).isTrue();
        assertThat(rule("{\"Variable\": \"$.b\", \"BooleanEqualsPath\": \"$.b\"}"))
                .isTrue();
        assertThat(rule("{\"Variable\": \"$.t\", \"TimestampEqualsPath\": \"$.later\"}"))
                .isTrue();
        assertThat(rule("{\"Variable\": \"$.t\", \"TimestampLessThan\": \"2024-01-02T03:04:06Z\"}"))
                .isTrue();
        assertThat(rule("{\"Variable\": \"$.s\", \"NumericEquals\": 1}"))
                .as("type mismatch is false")
                .isFalse();
        assertThat(rule("{\"Variable\": \"$$.State.Name\", \"StringEquals\": \"C\"}"))
                .isTrue();
    }

    @Test
    void typeTestsAndPresence() {
        assertThat(rule("{\"Variable\": \"$.nil\", \"IsNull\": true}")).isTrue();
        assertThat(rule("{\"Variable\": \"$.n\", \"IsNumeric\": true}")).isTrue();
        assertThat(rule("{\"Variable\": \"$.s\", \"IsString\": true}")).isTrue();
        assertThat(rule("{\"Variable\": \"$.b\", \"IsBoolean\": false}")).isFalse();
        assertThat(rule("{\"Variable\": \"$.t\", \"IsTimestamp\": true}")).isTrue();
        assertThat(rule("{\"Variable\": \"$.s\", \"IsTimestamp\": true}")).isFalse();
        assertThat(rule("{\"Variable\": \"$.gone\", \"IsPresent\": false}")).isTrue();
        assertThatThrownBy(() -> rule("{\"Variable\": \"$.gone\", \"StringEquals\": \"x\"}"))
                .isInstanceOf(StateError.class);
    }

    @Test
    void stringMatchesWildcardsAndEscapes() {
        assertThat(ChoiceEvaluator.wildcard("log-*.txt")
                        .matcher("log-2024-01.txt")
                        .matches())
                .isTrue();
        assertThat(ChoiceEvaluator.wildcard("*.log").matcher("a.txt").matches()).isFalse();
        assertThat(ChoiceEvaluator.wildcard("log-2024\\*.txt")
                        .matcher("log-2024*.txt")
                        .matches())
                .isTrue();
        assertThat(ChoiceEvaluator.wildcard("log-2024\\*.txt")
                        .matcher("log-2024-1.txt")
                        .matches())
                .isFalse();
        assertThat(ChoiceEvaluator.wildcard("a\\\\b").matcher("a\\b").matches()).isTrue();
        assertThat(rule("{\"Variable\": \"$.file\", \"StringMatches\": \"log-*.txt\"}"))
                .isTrue();
    }

    @Test
    void booleanCombinatorsAndDefault() {
        assertThat(rule("{\"And\": [{\"Variable\": \"$.n\", \"NumericGreaterThan\": 5},"
                        + " {\"Not\": {\"Variable\": \"$.s\", \"StringEquals\": \"alpha\"}}]}"))
                .isTrue();
        assertThat(rule("{\"Or\": [{\"Variable\": \"$.n\", \"NumericLessThan\": 5},"
                        + " {\"Variable\": \"$.b\", \"BooleanEquals\": false}]}"))
                .isFalse();
        JsonNode choice = read("{\"Choices\": [{\"Variable\": \"$.n\", \"NumericEquals\": 1, \"Next\": \"One\"}],"
                + " \"Default\": \"Other\"}");
        assertThat(ChoiceEvaluator.next(choice, INPUT, INPUT)).isEqualTo("Other");
    }
}
