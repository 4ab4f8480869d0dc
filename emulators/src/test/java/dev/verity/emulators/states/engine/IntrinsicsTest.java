package dev.verity.emulators.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode INPUT =
            read("{\"name\": \"Ann\", \"list\": [3, 1, 3], \"nested\": {\"k\": [\"a,b\"]}}");
    private static final JsonNode CONTEXT = read("{\"Execution\": {\"Name\": \"run-1\"}}");

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode eval(String expression) {
        return Intrinsics.evaluate(expression, INPUT, CONTEXT);
    }

    @Test
    void formatsWithPathsContextAndNestedCalls() {
        assertThat(eval("States.Format('Hello {} from {}', $.name, $$.Execution.Name)")
                        .asText())
                .isEqualTo("Hello Ann from run-1");
        assertThat(eval("States.Format('{} items', States.ArrayLength($.list))").asText())
                .isEqualTo("3 items");
        assertThat(eval("States.Format('list {}', $.list)").asText()).isEqualTo("list [3,1,3]");
        assertThat(eval("States.Format('it\\'s \\{literal\\}')").asText()).isEqualTo("it's {literal}");
        assertThat(eval("States.StringSplit(States.ArrayGetItem($.nested.k, 0), ',')")
                        .toString())
                .isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void hashesMatchTheJdk() throws Exception {
        for (String algorithm : new String[] {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
            String expected = HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance(algorithm).digest("input data".getBytes(StandardCharsets.UTF_8)));
            assertThat(eval("States.Hash('input data', '" + algorithm + "')").asText())
                    .isEqualTo(expected);
        }
        assertThatThrownBy(() -> eval("States.Hash('x', 'SHA-999')")).isInstanceOf(StateError.class);
    }

    @Test
    void randomUuidAndRanges() {
        int random = eval("States.MathRandom(1, 5)").asInt();
        assertThat(random).isBetween(1, 4);
        assertThat(eval("States.MathRandom(1, 1000, 7)")).isEqualTo(eval("States.MathRandom(1, 1000, 7)"));
        assertThat(eval("States.UUID()").asText()).matches("[0-9a-f-]{36}");
        assertThat(eval("States.ArrayRange(5, 1, -2)").toString()).isEqualTo("[5,3,1]");
        assertThat(eval("States.ArrayUnique($.list)").toString()).isEqualTo("[3,1]");
        assertThat(eval("States.ArrayContains($.list, 2)").asBoolean()).isFalse();
    }

    @Test
    void badCallsAreRuntimeErrors() {
        for (String bad : new String[] {
            "States.Nope(1)",
            "States.Format('{}')",
            "States.MathAdd('a', 1)",
            "States.ArrayGetItem($.list, 9)",
            "States.JsonMerge($.nested, $.nested, true)",
            "States.Array(1",
            "States.StringToJson('{not json')",
            "States.ArrayRange(1, 5000, 1)"
        }) {
            assertThatThrownBy(() -> eval(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            StateError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
        }
    }
}
