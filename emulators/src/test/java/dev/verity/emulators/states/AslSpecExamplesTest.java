package dev.verity.emulators.states;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** Examples of the Amazon States Language specification, run as state machines through the Step Functions API. */
class AslSpecExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
        // The spec's "Add" task: sums the two numbers of its input.
        h.function("Add", payload -> {
            JsonNode in = read(payload);
            return String.valueOf(in.path("val1").asInt() + in.path("val2").asInt());
        });
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String output(String definition, String input) {
        DescribeExecutionResponse execution = h.run(definition, input);
        assertThat(execution.statusAsString())
                .as(execution.error() + ": " + execution.cause())
                .isEqualTo("SUCCEEDED");
        return read(execution.output()).toString();
    }

    private static String pass(String fields) {
        return "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", " + fields + ", \"End\": true}}}";
    }

    @Test
    void parametersSelectFromTheInput() {
        // spec: "Parameters" with "flagged", "parts" {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"}
        assertThat(output(pass("""
        "Parameters": {"flagged": true, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"}}"""), "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50]}"))
                .isEqualTo("{\"flagged\":true,\"parts\":{\"first\":0,\"last3\":[30,40,50]}}");
    }

    @Test
    void inputPathResultPathAndOutputPathOfTheAddExample() {
        String definition = """
        {"StartAt": "X", "States": {"X": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Add",
          "InputPath": "$.numbers", "ResultPath": "$.sum", "End": true}}}""";
        assertThat(output(definition, "{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}}"))
                .isEqualTo("{\"title\":\"Numbers to add\",\"numbers\":{\"val1\":3,\"val2\":4},\"sum\":7}");
        assertThat(output(
                        definition.replace("\"End\"", "\"OutputPath\": \"$.sum\", \"End\""),
                        "{\"numbers\": {\"val1\": 3, \"val2\": 4}}"))
                .isEqualTo("7");
    }

    @Test
    void resultPathVariants() {
        String input = "{\"master\": {\"detail\": [1, 2, 3]}}";
        assertThat(output(pass("\"Result\": \"done\""), input)).isEqualTo("\"done\"");
        assertThat(output(pass("\"Result\": \"done\", \"ResultPath\": null"), input))
                .isEqualTo("{\"master\":{\"detail\":[1,2,3]}}");
        assertThat(output(pass("\"Result\": 9, \"ResultPath\": \"$.master.detail[1]\""), input))
                .isEqualTo("{\"master\":{\"detail\":[1,9,3]}}");
        assertThat(output(pass("\"Result\": 1, \"ResultPath\": \"$.a.b['c']\""), input))
                .isEqualTo("{\"master\":{\"detail\":[1,2,3]},\"a\":{\"b\":{\"c\":1}}}");
        assertThat(output(pass("\"InputPath\": \"$.master\", \"OutputPath\": \"$.detail\""), input))
                .isEqualTo("[1,2,3]");
        assertThat(output(pass("\"InputPath\": null"), input)).isEqualTo("{}");
        assertThat(output(pass("\"OutputPath\": null"), input)).isEqualTo("{}");
        assertThat(output(pass("\"Parameters\": {\"n.$\": \"$.master.detail.length()\"}"), input))
                .isEqualTo("{\"n\":3}");
    }

    @Test
    void resultPathIntoAScalarInputIsACatchableFailure() {
        DescribeExecutionResponse failed = h.run(pass("\"Result\": 1, \"ResultPath\": \"$.x\""), "\"text\"");
        assertThat(failed.error()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void choiceRulesOfTheSpecExample() {
        String definition = """
        {"StartAt": "ChoiceStateX", "States": {
          "ChoiceStateX": {"Type": "Choice", "Choices": [
            {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
            {"And": [{"Variable": "$.value", "IsPresent": true}, {"Variable": "$.value", "IsNumeric": true},
                     {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                     {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"},
            {"Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold", "Next": "StartAudit"}],
            "Default": "RecordEvent"},
          "Public": {"Type": "Pass", "Result": "Public", "End": true},
          "ValueInTwenties": {"Type": "Pass", "Result": "ValueInTwenties", "End": true},
          "StartAudit": {"Type": "Pass", "Result": "StartAudit", "End": true},
          "RecordEvent": {"Type": "Pass", "Result": "RecordEvent", "End": true}}}""";
        assertThat(output(definition, "{\"type\": \"Public\"}")).isEqualTo("\"Public\"");
        assertThat(output(definition, "{\"type\": \"Private\", \"value\": 22}")).isEqualTo("\"ValueInTwenties\"");
        assertThat(output(definition, "{\"type\": \"Private\", \"value\": 35, \"rating\": 60, \"auditThreshold\": 50}"))
                .isEqualTo("\"StartAudit\"");
        assertThat(output(definition, "{\"type\": \"Private\", \"value\": 35, \"rating\": 40, \"auditThreshold\": 50}"))
                .isEqualTo("\"RecordEvent\"");
    }

    @Test
    void choiceWithoutAMatchOrDefaultFailsWithNoChoiceMatched() {
        DescribeExecutionResponse failed = h.run("""
        {"StartAt": "C", "States": {"C": {"Type": "Choice",
          "Choices": [{"Variable": "$.x", "StringMatches": "log-*.txt", "Next": "E"}]},
          "E": {"Type": "Succeed"}}}""", "{\"x\": \"log-1.csv\"}");
        assertThat(failed.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void failStateWithErrorPathAndCausePath() {
        DescribeExecutionResponse failed = h.run("""
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code",
          "CausePath": "States.Format('job {} failed', $.job)"}}}""", "{\"code\": \"Job.Failed\", \"job\": \"cats\"}");
        assertThat(failed.statusAsString()).isEqualTo("FAILED");
        assertThat(failed.error()).isEqualTo("Job.Failed");
        assertThat(failed.cause()).isEqualTo("job cats failed");
    }

    @Test
    void waitStateVariants() {
        String input = "{\"s\": 0.01, \"ts\": \"2016-03-14T01:59:00Z\"}";
        assertThat(output("""
        {"StartAt": "A", "States": {
          "A": {"Type": "Wait", "Seconds": 0.01, "Next": "B"},
          "B": {"Type": "Wait", "SecondsPath": "$.s", "Next": "C"},
          "C": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "Next": "D"},
          "D": {"Type": "Wait", "TimestampPath": "$.ts", "End": true}}}""", input)).isEqualTo(read(input).toString());
    }

    @Test
    void intrinsicFunctionsOfTheSpec() {
        String out = output(pass("""
        "Parameters": {
          "format.$": "States.Format('Your name is {}, we are in the year {}', $.name, 2020)",
          "json.$": "States.StringToJson($.someString)",
          "string.$": "States.JsonToString($.someJson)",
          "array.$": "States.Array('Foo', 2020, $.someJson, null)",
          "partition.$": "States.ArrayPartition($.nine, 4)",
          "contains.$": "States.ArrayContains($.nine, 5)",
          "range.$": "States.ArrayRange(1, 9, 2)",
          "item.$": "States.ArrayGetItem($.nine, 5)",
          "length.$": "States.ArrayLength($.nine)",
          "unique.$": "States.ArrayUnique(States.Array(1, 2, 3, 3, 3, 3, 3, 3, 4))",
          "base64.$": "States.Base64Encode('Data to encode')",
          "decoded.$": "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')",
          "merged.$": "States.JsonMerge($.json1, $.json2, false)",
          "sum.$": "States.MathAdd(111, -1)",
          "split.$": "States.StringSplit('1,2,3,4,5', ',')",
          "escaped.$": "States.Format('\\\\{\\\\} and \\\\'{}\\\\'', $.name)"
        }"""), """
        {"name": "Foo", "someString": "{\\"number\\": 20}", "someJson": {"random": "abcdefg"},
         "nine": [1, 2, 3, 4, 5, 6, 7, 8, 9],
         "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}""");
        JsonNode o = read(out);
        assertThat(o.path("format").asText()).isEqualTo("Your name is Foo, we are in the year 2020");
        assertThat(o.path("json").toString()).isEqualTo("{\"number\":20}");
        assertThat(o.path("string").asText()).isEqualTo("{\"random\":\"abcdefg\"}");
        assertThat(o.path("array").toString()).isEqualTo("[\"Foo\",2020,{\"random\":\"abcdefg\"},null]");
        assertThat(o.path("partition").toString()).isEqualTo("[[1,2,3,4],[5,6,7,8],[9]]");
        assertThat(o.path("contains").asBoolean()).isTrue();
        assertThat(o.path("range").toString()).isEqualTo("[1,3,5,7,9]");
        assertThat(o.path("item").asInt()).isEqualTo(6);
        assertThat(o.path("length").asInt()).isEqualTo(9);
        assertThat(o.path("unique").toString()).isEqualTo("[1,2,3,4]");
        assertThat(o.path("base64").asText()).isEqualTo("RGF0YSB0byBlbmNvZGU=");
        assertThat(o.path("decoded").asText()).isEqualTo("Data to encode");
        assertThat(o.path("merged").toString()).isEqualTo("{\"a\":{\"a3\":1,\"a4\":2},\"b\":2,\"c\":3}");
        assertThat(o.path("sum").asInt()).isEqualTo(110);
        assertThat(o.path("split").toString()).isEqualTo("[\"1\",\"2\",\"3\",\"4\",\"5\"]");
        assertThat(o.path("escaped").asText()).isEqualTo("{} and 'Foo'");
    }

    @Test
    void mapWithParametersAndContextOfTheSpecExample() {
        // spec Map example: "Parameters" {"parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner"}
        String out = output("""
        {"StartAt": "Validate-All", "States": {"Validate-All": {"Type": "Map",
          "InputPath": "$.detail", "ItemsPath": "$.shipped", "MaxConcurrency": 0,
          "Parameters": {"parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner"},
          "Iterator": {"StartAt": "Validate", "States": {"Validate": {"Type": "Pass",
            "Parameters": {"prod.$": "$.parcel.prod", "courier.$": "$.courier"}, "End": true}}},
          "ResultPath": "$.detail.shipped", "End": true}}}""", """
        {"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS",
          "shipped": [{"prod": "R31", "dest-code": 9511, "quantity": 1344},
                      {"prod": "S39", "dest-code": 9511, "quantity": 40}]}}""");
        assertThat(read(out).path("detail").path("shipped").toString())
                .isEqualTo("[{\"prod\":\"R31\",\"courier\":\"UQS\"},{\"prod\":\"S39\",\"courier\":\"UQS\"}]");
    }

    @Test
    void parallelOfTheSpecExampleRunsBranchesOnTheSameInput() {
        String out = output("""
        {"StartAt": "LookupCustomerInfo", "States": {"LookupCustomerInfo": {"Type": "Parallel", "Branches": [
            {"StartAt": "LookupAddress", "States": {"LookupAddress": {"Type": "Task",
               "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Add", "End": true}}},
            {"StartAt": "LookupPhone", "States": {"LookupPhone": {"Type": "Pass",
               "Parameters": {"v.$": "$.val2"}, "End": true}}}],
          "End": true}}}""", "{\"val1\": 1, \"val2\": 2}");
        assertThat(out).isEqualTo("[3,{\"v\":2}]");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
