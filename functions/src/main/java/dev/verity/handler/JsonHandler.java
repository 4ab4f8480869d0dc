package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A Lambda handler that reads a JSON event and writes a JSON result; subclasses only map one to the other. */
public abstract class JsonHandler implements RequestStreamHandler {

    private final Services services;

    protected JsonHandler() {
        this(null);
    }

    /** For tests and the local runtime: handlers over the given services. */
    protected JsonHandler(Services services) {
        this.services = services;
    }

    protected Services services() {
        return services != null ? services : Services.fromEnvironment();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        Json.MAPPER.writeValue(output, handle(event, context));
    }

    /** Handles one event; also callable directly with a parsed event. */
    public abstract JsonNode handle(JsonNode event, Context context) throws IOException;

    /** The AWS account id from the function's ARN ("000000000000" where there is none, as in local runs). */
    protected static String accountId(Context context) {
        if (context != null && context.getInvokedFunctionArn() != null) {
            String[] parts = context.getInvokedFunctionArn().split(":");
            if (parts.length > 4 && !parts[4].isEmpty()) {
                return parts[4];
            }
        }
        return "000000000000";
    }
}
