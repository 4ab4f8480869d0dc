package dev.verity.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.verity.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectionConfigTest {

    @Test
    void absentBlockSelectsAll() {
        assertThat(Selection.fromConfig(null)).isEqualTo(new Selection.All());
        assertThat(Selection.fromConfig(MissingNode.getInstance())).isEqualTo(new Selection.All());
        assertThat(Selection.fromConfig(NullNode.getInstance())).isEqualTo(new Selection.All());
        assertThat(Selection.fromConfig(Json.object().path("DataObjectSelection")))
                .isEqualTo(new Selection.All());
    }

    @Test
    void modeAll() {
        assertThat(parse("{\"Mode\":\"All\"}")).isEqualTo(new Selection.All());
    }

    @Test
    void randomSampleBySize() {
        assertThat(parse("{\"Mode\":\"RandomSample\",\"SampleSize\":250,\"Seed\":-7}"))
                .isEqualTo(new Selection.RandomSample(250L, null, -7));
    }

    @Test
    void randomSampleByPercentageWithTheDefaultSeed() {
        assertThat(parse("{\"Mode\":\"RandomSample\",\"SamplePercentage\":12.5}"))
                .isEqualTo(new Selection.RandomSample(null, 12.5, 0));
        assertThat(parse("{\"Mode\":\"RandomSample\",\"SamplePercentage\":100}"))
                .isEqualTo(new Selection.RandomSample(null, 100.0, 0));
    }

    @Test
    void filter() {
        Selection selection = parse("{\"Mode\":\"Filter\",\"FilterQuery\":\"SELECT * FROM S3Object s WHERE s.a = 1\"}");

        assertThat(selection)
                .isEqualTo(new Selection.Filter(FilterExpression.parse("SELECT * FROM S3Object s WHERE s.a = 1")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[]                                         | DataObjectSelection must be a JSON object with fields Mode, SampleSize, SamplePercentage, Seed, FilterQuery",
                "{\"Mode\":\"All\",\"Size\":3}              | DataObjectSelection has unknown field \"Size\"; allowed fields: Mode, SampleSize, SamplePercentage, Seed, FilterQuery",
                "{}                                         | DataObjectSelection.Mode is required; allowed values: All, RandomSample, Filter",
                "{\"Mode\":\"all\"}                         | DataObjectSelection.Mode is \"all\"; allowed values: All, RandomSample, Filter",
                "{\"Mode\":1}                               | DataObjectSelection.Mode is 1; allowed values: All, RandomSample, Filter",
                "{\"Mode\":\"All\",\"Seed\":1}              | DataObjectSelection.Seed is not allowed with Mode All; allowed fields: Mode",
                "{\"Mode\":\"Filter\",\"SampleSize\":1,\"FilterQuery\":\"x\"} | DataObjectSelection.SampleSize is not allowed with Mode Filter; allowed fields: Mode, FilterQuery",
                "{\"Mode\":\"RandomSample\",\"FilterQuery\":\"x\"} | DataObjectSelection.FilterQuery is not allowed with Mode RandomSample; allowed fields: Mode, SampleSize, SamplePercentage, Seed",
                "{\"Mode\":\"RandomSample\"}                | DataObjectSelection with Mode RandomSample needs exactly one of SampleSize (an integer >= 1) and SamplePercentage (a number > 0 and <= 100)",
                "{\"Mode\":\"RandomSample\",\"SampleSize\":5,\"SamplePercentage\":5} | DataObjectSelection with Mode RandomSample needs exactly one of SampleSize (an integer >= 1) and SamplePercentage (a number > 0 and <= 100)",
                "{\"Mode\":\"RandomSample\",\"SampleSize\":0}       | DataObjectSelection.SampleSize is 0; it must be an integer >= 1",
                "{\"Mode\":\"RandomSample\",\"SampleSize\":2.5}     | DataObjectSelection.SampleSize is 2.5; it must be an integer >= 1",
                "{\"Mode\":\"RandomSample\",\"SampleSize\":\"10\"}  | DataObjectSelection.SampleSize is \"10\"; it must be an integer >= 1",
                "{\"Mode\":\"RandomSample\",\"SampleSize\":99999999999999999999} | DataObjectSelection.SampleSize is 99999999999999999999; it must be an integer >= 1",
                "{\"Mode\":\"RandomSample\",\"SamplePercentage\":0}   | DataObjectSelection.SamplePercentage is 0; it must be a number > 0 and <= 100",
                "{\"Mode\":\"RandomSample\",\"SamplePercentage\":101} | DataObjectSelection.SamplePercentage is 101; it must be a number > 0 and <= 100",
                "{\"Mode\":\"RandomSample\",\"SamplePercentage\":\"5\"} | DataObjectSelection.SamplePercentage is \"5\"; it must be a number > 0 and <= 100",
                "{\"Mode\":\"RandomSample\",\"SampleSize\":5,\"Seed\":0.5} | DataObjectSelection.Seed is 0.5; it must be an integer",
                "{\"Mode\":\"RandomSample\",\"SampleSize\":5,\"Seed\":null} | DataObjectSelection.Seed is null; it must be an integer",
                "{\"Mode\":\"Filter\"}                      | DataObjectSelection.FilterQuery is required with Mode Filter; it must be a string of the form SELECT * FROM S3Object s WHERE <condition>",
                "{\"Mode\":\"Filter\",\"FilterQuery\":7}    | DataObjectSelection.FilterQuery is 7 with Mode Filter; it must be a string of the form SELECT * FROM S3Object s WHERE <condition>"
            })
    void badConfigNamesTheFieldAndWhatIsAllowed(String config, String message) {
        assertThatThrownBy(() -> parse(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void badFilterQueryKeepsTheSyntaxErrorAsCause() {
        assertThatThrownBy(() -> parse(
                        "{\"Mode\":\"Filter\",\"FilterQuery\":\"SELECT * FROM S3Object s WHERE LOWER(s.a) = 'x'\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "DataObjectSelection.FilterQuery: unsupported: function call LOWER at position 32")
                .cause()
                .isInstanceOfSatisfying(
                        FilterSyntaxException.class,
                        e -> assertThat(e.position()).isEqualTo(32));
    }

    private static Selection parse(String json) {
        return Selection.fromConfig(Json.parse(json));
    }
}
