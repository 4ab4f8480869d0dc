package dev.verity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelCategoryConfigTest {

    @Test
    void readsLabelsInstructionsAndVersion() {
        LabelCategoryConfig config = LabelCategoryConfig.parse(Json.parse("""
                {"document-version": "2018-11-28",
                 "labels": [{"label": "dog"}, {"label": "cat", "shortDisplayName": "c"}],
                 "instructions": {"shortInstruction": "<p>Pick one</p>", "fullInstruction": "<p>Pick the animal</p>"}}
                """), 2);

        assertThat(config.labels()).containsExactly(new LabelCategory("dog", null), new LabelCategory("cat", "c"));
        assertThat(config.labelNames()).containsExactly("dog", "cat");
        assertThat(config.documentVersion()).isEqualTo("2018-11-28");
        assertThat(config.instructions().get("shortInstruction").textValue()).isEqualTo("<p>Pick one</p>");
    }

    @Test
    void versionAndInstructionsAreOptional() {
        LabelCategoryConfig config = parse("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"}]}", 2);

        assertThat(config.documentVersion()).isNull();
        assertThat(config.instructions()).isNull();
    }

    @Test
    void indexOfIsTheClassIndexOfTheExactSpelling() {
        LabelCategoryConfig config = parse("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"cat\"}]}", 2);

        assertThat(config.indexOf("dog")).isZero();
        assertThat(config.indexOf("cat")).isEqualTo(1);
        assertThat(config.indexOf("Cat")).isEqualTo(-1);
        assertThat(config.indexOf("bird")).isEqualTo(-1);
    }

    @Test
    void needsAtLeastMinLabels() {
        assertThat(violations("{\"labels\":[{\"label\":\"dog\"}]}", 2))
                .containsExactly(new Violation("labels", "must have at least 2 labels, got 1"));
        assertThat(violations("{\"labels\":[]}", 1))
                .containsExactly(new Violation("labels", "must have at least 1 labels, got 0"));
        assertThat(parse("{\"labels\":[{\"label\":\"dog\"}]}", 1).labelNames()).containsExactly("dog");
    }

    @Test
    void labelsMustBeUnique() {
        assertThat(violations("{\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"},{\"label\":\"cat\"}]}", 2))
                .containsExactly(new Violation("labels[2].label", "duplicate label \"cat\" (also labels[0])"));
    }

    @Test
    void labelsDifferingOnlyInCaseAreDistinct() {
        assertThat(parse("{\"labels\":[{\"label\":\"cat\"},{\"label\":\"Cat\"}]}", 2)
                        .labelNames())
                .containsExactly("cat", "Cat");
    }

    @Test
    void aLabelIsOneTo256Characters() {
        assertThat(violations("{\"labels\":[{\"label\":\"dog\"},{\"label\":\"\"}]}", 2))
                .containsExactly(new Violation("labels[1].label", "must be between 1 and 256 characters long, got 0"));
        assertThat(violations(labels("dog", "x".repeat(257)), 2))
                .containsExactly(
                        new Violation("labels[1].label", "must be between 1 and 256 characters long, got 257"));
        assertThat(parse(labels("dog", "x".repeat(256)), 2).labels()).hasSize(2);
    }

    @Test
    void everyLabelNeedsAStringLabel() {
        assertThat(violations("{\"labels\":[{\"shortDisplayName\":\"d\"},{\"label\":7},\"cat\"]}", 1))
                .containsExactlyInAnyOrder(
                        new Violation("labels[0].label", "is required"),
                        new Violation("labels[1].label", "must be a string, got number"),
                        new Violation("labels[2]", "must be an object, got string"));
    }

    @Test
    void labelsAreRequiredAndAnArray() {
        assertThat(violations("{\"document-version\":\"2018-11-28\"}", 2))
                .containsExactly(new Violation("labels", "is required"));
        assertThat(violations("{\"labels\":{\"label\":\"dog\"}}", 2))
                .containsExactly(new Violation("labels", "must be an array, got object"));
    }

    @Test
    void instructionsMustBeAnObjectOfKnownStrings() {
        assertThat(violations("{\"labels\":[{\"label\":\"a\"}],\"instructions\":\"read me\"}", 1))
                .containsExactly(new Violation("instructions", "must be an object, got string"));
        assertThat(violations(
                        "{\"labels\":[{\"label\":\"a\"}],\"instructions\":{\"shortInstruction\":1,\"long\":\"x\"}}", 1))
                .extracting(Violation::field)
                .containsExactly("instructions.shortInstruction", "instructions.long");
    }

    @Test
    void unknownFieldsAreNamed() {
        List<Violation> violations =
                violations("{\"labels\":[{\"label\":\"a\",\"color\":\"#fff\"}],\"categoryGlobalAttributes\":[]}", 1);

        assertThat(violations)
                .extracting(Violation::field)
                .containsExactly("labels[0].color", "categoryGlobalAttributes");
        assertThat(violations.get(0).message()).isEqualTo("unknown field; expected one of [label, shortDisplayName]");
    }

    @Test
    void aFileThatIsNotAnObjectIsRefusedAsAWhole() {
        assertThat(violations("[{\"label\":\"a\"}]", 1))
                .containsExactly(new Violation("", "a label category configuration must be a JSON object, got array"));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        InvalidRequestException refusal = catchThrowableOfType(
                InvalidRequestException.class,
                () -> parse(
                        "{\"document-version\":2018,\"labels\":[{\"label\":\"a\"},{\"label\":\"a\"}],\"extra\":1}", 3));

        assertThat(refusal.violations())
                .extracting(Violation::field)
                .containsExactly("document-version", "labels", "labels[1].label", "extra");
        assertThat(refusal.getMessage())
                .isEqualTo(
                        refusal.violations().stream().map(Violation::describe).collect(Collectors.joining("; ")));
    }

    private static String labels(String... names) {
        return "{\"labels\":["
                + IntStream.range(0, names.length)
                        .mapToObj(i -> "{\"label\":\"" + names[i] + "\"}")
                        .collect(Collectors.joining(","))
                + "]}";
    }

    private static LabelCategoryConfig parse(String json, int minLabels) {
        return LabelCategoryConfig.parse(Json.parse(json), minLabels);
    }

    private static List<Violation> violations(String json, int minLabels) {
        JsonNode file = Json.parse(json);
        InvalidRequestException refusal =
                catchThrowableOfType(InvalidRequestException.class, () -> LabelCategoryConfig.parse(file, minLabels));
        assertThat(refusal).as("refused").isNotNull();
        return refusal.violations();
    }
}
