package dev.verity.emulators.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PathEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void readsDataAndContextPaths() throws Exception {
        JsonNode input = json("{\"a\": {\"b\": [1, 2, 3]}, \"s\": \"x\"}");
        JsonNode context = json("{\"Execution\": {\"Name\": \"e\"}}");
        assertThat(PathEvaluator.read("$.a.b[1]", input, context).asInt()).isEqualTo(2);
        assertThat(PathEvaluator.read("$['s']", input, context).asText()).isEqualTo("x");
        assertThat(PathEvaluator.read("$.a.b[?(@ > 1)]", input, context).toString())
                .isEqualTo("[2,3]");
        assertThat(PathEvaluator.read("$$.Execution.Name", input, context).asText())
                .isEqualTo("e");
        assertThatThrownBy(() -> PathEvaluator.read("$.missing", input, context))
                .isInstanceOfSatisfying(
                        StateError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
        assertThatThrownBy(() -> PathEvaluator.read("a.b", input, context)).isInstanceOf(StateError.class);
        assertThat(PathEvaluator.exists("$.a.b", input, context)).isTrue();
        assertThat(PathEvaluator.exists("$.a.c", input, context)).isFalse();
    }

    @Test
    void selectTreatsAbsentAsIdentityAndNullAsEmptyObject() throws Exception {
        JsonNode input = json("{\"a\": 1}");
        assertThat(PathEvaluator.select(json("{}"), "InputPath", input, input)).isSameAs(input);
        assertThat(PathEvaluator.select(json("{\"InputPath\": null}"), "InputPath", input, input)
                        .toString())
                .isEqualTo("{}");
        assertThat(PathEvaluator.select(json("{\"InputPath\": \"$.a\"}"), "InputPath", input, input)
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void resultPathWritesIntoACopyCreatingMissingFields() throws Exception {
        JsonNode input = json("{\"a\": {\"keep\": true}, \"list\": [0, 0]}");
        JsonNode result = json("{\"r\": 1}");
        assertThat(PathEvaluator.write("$.a.b.c", input, result).toString())
                .isEqualTo("{\"a\":{\"keep\":true,\"b\":{\"c\":{\"r\":1}}},\"list\":[0,0]}");
        assertThat(PathEvaluator.write("$.list[1]", input, result).toString())
                .isEqualTo("{\"a\":{\"keep\":true},\"list\":[0,{\"r\":1}]}");
        assertThat(PathEvaluator.write("$", input, result)).isSameAs(result);
        assertThat(input.toString()).isEqualTo("{\"a\":{\"keep\":true},\"list\":[0,0]}");
        assertThat(PathEvaluator.applyResultPath(json("{\"ResultPath\": null}"), input, result))
                .isSameAs(input);
        assertThat(PathEvaluator.applyResultPath(json("{}"), input, result)).isSameAs(result);
        assertThatThrownBy(() -> PathEvaluator.write("$.list.x", input, result))
                .isInstanceOfSatisfying(
                        StateError.class, e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
        assertThatThrownBy(() -> PathEvaluator.write("$.a[*]", input, result)).isInstanceOf(StateError.class);
    }

    @Test
    void referencePathSegments() {
        assertThat(PathEvaluator.referenceSegments("$")).isEmpty();
        assertThat(PathEvaluator.referenceSegments("$.a['b c'][2].d")).containsExactly("a", "b c", 2, "d");
        assertThatThrownBy(() -> PathEvaluator.referenceSegments("$$.a")).isInstanceOf(StateError.class);
    }
}
