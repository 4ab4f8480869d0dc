package dev.verity.it;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.handler.JsonHandler;
import dev.verity.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Invokes a handler as Lambda does: through {@code handleRequest}, with the Lambda context of its catalog function
 * (name, memory), so what the invocation does (metering, logging) is what it does in AWS.
 */
final class LambdaEntry {

    private LambdaEntry() {}

    static JsonNode invoke(JsonHandler handler, String function, JsonNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
                out,
                new FunctionContext(Catalog.function(function)));
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    private record FunctionContext(FunctionSpec spec) implements Context {

        @Override
        public String getAwsRequestId() {
            return "it-" + System.nanoTime();
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/verity-" + spec.name();
        }

        @Override
        public String getLogStreamName() {
            return "it";
        }

        @Override
        public String getFunctionName() {
            return "verity-" + spec.name();
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:verity-" + spec.name() + ":live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return spec.timeoutSeconds() * 1000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return spec.memoryMb();
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
