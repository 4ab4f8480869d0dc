package dev.verity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldReaderTest {

    @Test
    void namesFieldsByTheirJsonPath() {
        Violations violations = new Violations();
        FieldReader root = FieldReader.root(Json.parse("{\"a\":{\"b\":[{\"c\":1}]}}"), "doc", violations);
        FieldReader element = root.requiredObject("a").requiredObjects("b").get(0);

        element.add("c", "bad");
        element.add("", "bad too");
        root.add("", "bad as a whole");

        assertThat(violationsOf(violations))
                .containsExactly(
                        new Violation("a.b[0].c", "bad"),
                        new Violation("a.b[0]", "bad too"),
                        new Violation("", "bad as a whole"));
    }

    @Test
    void anAbsentObjectReadsEveryFieldAsAbsentWithoutFurtherViolations() {
        Violations violations = new Violations();
        FieldReader missing =
                FieldReader.root(Json.parse("{}"), "doc", violations).requiredObject("a");

        assertThat(missing.isPresent()).isFalse();
        assertThat(missing.requiredString("b")).isNull();
        assertThat(missing.requiredInt("c")).isNull();
        assertThat(missing.requiredObjects("d")).isEmpty();
        missing.rejectUnknownFields();

        assertThat(violationsOf(violations)).containsExactly(new Violation("a", "is required"));
    }

    @Test
    void unknownFieldsAreThoseNeverRead() {
        Violations violations = new Violations();
        FieldReader root = FieldReader.root(Json.parse("{\"known\":1,\"raw\":{},\"other\":2}"), "doc", violations);
        root.optionalInt("known");
        root.raw("raw");
        root.optionalString("absent");

        root.rejectUnknownFields();

        assertThat(violationsOf(violations))
                .containsExactly(new Violation("other", "unknown field; expected one of [known, raw, absent]"));
    }

    @Test
    void severalUnknownFieldsAreOneViolationOnTheirObjectNamingEachOnceAndTheAllowedFieldsOnce() {
        Violations violations = new Violations();
        FieldReader root = FieldReader.root(
                Json.parse("{\"known\":1,\"a\":2,\"inner\":{\"x\":1,\"y\":2,\"z\":3}}"), "doc", violations);
        root.optionalInt("known");
        FieldReader inner = root.optionalObject("inner").orElseThrow();
        inner.optionalInt("ok");
        inner.rejectUnknownFields();
        root.rejectUnknownFields();

        assertThat(violationsOf(violations))
                .containsExactly(
                        new Violation("inner", "unknown fields \"x\", \"y\", \"z\"; expected one of [ok]"),
                        new Violation("a", "unknown field; expected one of [known, inner]"));
    }

    @Test
    void severalUnknownFieldsAtTheTopAreOneMessageWithoutAPath() {
        Violations violations = new Violations();
        FieldReader root = FieldReader.root(Json.parse("{\"version\":1,\"body\":\"{}\"}"), "doc", violations);
        root.optionalString("LabelingJobName");
        root.rejectUnknownFields();

        InvalidRequestException refusal = catchThrowableOfType(InvalidRequestException.class, violations::throwIfAny);
        assertThat(refusal.getMessage())
                .isEqualTo("unknown fields \"version\", \"body\"; expected one of [LabelingJobName]");
    }

    @Test
    void checksSkipValuesThatAreAbsentAndSayWhetherFurtherChecksMakeSense() {
        Violations violations = new Violations();
        FieldReader root = FieldReader.root(Json.parse("{}"), "doc", violations);

        assertThat(root.length("a", null, 1, 2)).isFalse();
        assertThat(root.range("b", null, 1, 2)).isFalse();
        assertThat(root.length("c", "ok", 1, 2)).isTrue();
        assertThat(root.range("d", 2, 1, 2)).isTrue();
        assertThat(root.length("e", "\uD83D\uDC36\uD83D\uDC31", 1, 2))
                .as("counts code points")
                .isTrue();
        assertThat(root.length("f", "long", 1, 2)).isFalse();

        assertThat(violationsOf(violations))
                .containsExactly(new Violation("f", "must be between 1 and 2 characters long, got 4"));
    }

    private static List<Violation> violationsOf(Violations violations) {
        return catchThrowableOfType(InvalidRequestException.class, violations::throwIfAny)
                .violations();
    }
}
