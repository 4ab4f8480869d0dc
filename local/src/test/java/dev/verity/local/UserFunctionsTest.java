package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User functions in the local runner: registered by name, invoked by name or ARN with Ground Truth's contracts. */
class UserFunctionsTest {

    private final LambdaRunner runner = new LambdaRunner("us-east-1", "000000000000");

    @Test
    void theSamplePreAnnotationLambdaPassesTheLineThroughAndHonoursSkip() {
        VerityRuntime.SAMPLE_FUNCTIONS.forEach(runner::registerUserFunction);
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:verity-sample-pre-annotation";

        JsonNode labeled = Json.parse(runner.invoke(arn, "{\"version\":\"2018-10-16\",\"labelingJobArn\":\"a\","
                + "\"dataObject\":{\"source\":\"The food was delicious\"}}"));
        assertThat(labeled.at("/taskInput/source").asText()).isEqualTo("The food was delicious");
        assertThat(labeled.get("isHumanAnnotationRequired").asBoolean()).isTrue();

        JsonNode skipped = Json.parse(runner.invoke("verity-sample-pre-annotation",
                "{\"dataObject\":{\"source\":\"x\",\"skip\":true}}"));
        assertThat(skipped.get("isHumanAnnotationRequired").asBoolean()).isFalse();
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        assertThatThrownBy(() -> runner.invoke("someone-elses-function", "{}"))
                .isInstanceOf(LambdaFunctionException.class)
                .satisfies(e -> assertThat(((LambdaFunctionException) e).errorType())
                        .isEqualTo("ResourceNotFoundException"));
    }
}
