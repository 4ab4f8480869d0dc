package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.json.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User functions in the local runner: registered by name, invoked by name or ARN with Ground Truth's contracts. */
class UserFunctionsIT {

    private final LambdaRunner runner = new LambdaRunner("us-east-1", "000000000000");

    @Test
    void theSamplePreAnnotationLambdaPassesTheLineThroughAndHonoursSkip() {
        VerityRuntime.sampleFunctions("verity-custom-").forEach(runner::registerUserFunction);
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:verity-custom-sample-pre-annotation";

        JsonNode labeled = Json.parse(runner.invoke(
                arn,
                "{\"version\":\"2018-10-16\",\"labelingJobArn\":\"a\","
                        + "\"dataObject\":{\"source\":\"The food was delicious\"}}"));
        assertThat(labeled.at("/taskInput/source").asText()).isEqualTo("The food was delicious");
        assertThat(labeled.get("isHumanAnnotationRequired").asBoolean()).isTrue();

        JsonNode skipped = Json.parse(runner.invoke(
                "verity-custom-sample-pre-annotation", "{\"dataObject\":{\"source\":\"x\",\"skip\":true}}"));
        assertThat(skipped.get("isHumanAnnotationRequired").asBoolean()).isFalse();
    }

    @Test
    void theRuntimeRefusesAPrefixCoveringVerityFunctionsAndFunctionsOutsideThePrefix() {
        assertThatThrownBy(() -> new VerityRuntime.Options(Path.of("s"), 0, Map.of(), null, "verity-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covers Verity's own function names");
        assertThatThrownBy(() ->
                        new VerityRuntime.Options(Path.of("s"), 0, Map.of("my-pre", "com.example.Pre"), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start with verity-custom-");
        assertThat(new VerityRuntime.Options(Path.of("s"), 0, Map.of("acme-pre", "com.example.Pre"), null, "acme-")
                        .customLambdaPrefix())
                .isEqualTo("acme-");
        assertThat(VerityRuntime.sampleFunctions("acme-"))
                .containsOnlyKeys("acme-sample-pre-annotation", "acme-sample-post-annotation");
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        assertThatThrownBy(() -> runner.invoke("someone-elses-function", "{}"))
                .isInstanceOf(LambdaFunctionException.class)
                .satisfies(e ->
                        assertThat(((LambdaFunctionException) e).errorType()).isEqualTo("ResourceNotFoundException"));
    }
}
