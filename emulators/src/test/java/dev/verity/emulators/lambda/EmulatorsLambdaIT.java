package dev.verity.emulators.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.emulators.Emulators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Emulators} starts the Lambda emulator when given an invoker. */
class EmulatorsLambdaIT {

    @Test
    void anInvokerAddsTheLambdaEndpoint() throws Exception {
        try (Emulators emulators = Emulators.builder()
                .lambdaInvoker((function, payload) -> function + payload)
                .start()) {
            URI endpoint = emulators.lambdaEndpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(emulators.endpointSettings()).containsEntry(Emulators.ENV_LAMBDA, endpoint.toString());

            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(endpoint + "/2015-03-31/functions/fn/invocations"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header(
                                            "Authorization",
                                            "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/lambda/aws4_request,"
                                                    + " SignedHeaders=host, Signature=0")
                                    .POST(BodyPublishers.ofString("1"))
                                    .build(),
                            BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("fn1");
        }
    }
}
