package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.verity.api.OpenApiDocument;
import dev.verity.handler.HttpHandler;
import dev.verity.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the API's real answers to openapi.json: the integration tests pass their route handlers' responses through
 * {@link #conforming}, so a handler that answers other JSON than the document says fails the flow that saw it.
 */
final class ApiContract {

    /** The document's id for the validator: a name only, never fetched. */
    private static final String ID = "https://verity.invalid/openapi.json";

    private static final JsonNode DOCUMENT = OpenApiDocument.json();
    // OpenAPI 3.1's schemas are JSON Schema 2020-12; $refs resolve within the document registered under ID
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(ID, Json.write(DOCUMENT))));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ApiContract() {}

    /** A route handler as the tests call it. */
    @FunctionalInterface
    interface CheckedHandler {
        JsonNode handle(JsonNode event, Context context);
    }

    /** The handler, with each of its answers passed through {@link #conforming}. */
    static CheckedHandler checked(HttpHandler handler) {
        return (event, context) -> conforming(event, handler.handle(event, context));
    }

    /**
     * The response, after checking that the document lists its status code for the request's route and that the
     * body matches that response's schema.
     */
    static JsonNode conforming(JsonNode event, JsonNode response) {
        String routeKey = event.path("routeKey").asText();
        String[] route = routeKey.split(" ", 2);
        int status = response.path("statusCode").asInt();
        String pointer =
                "/paths/" + escape(route[1]) + "/" + route[0].toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode declared = DOCUMENT.at(pointer);
        assertThat(declared.isMissingNode())
                .as("%s answered %d, which openapi.json does not list: %s", routeKey, status, response)
                .isFalse();
        if (declared.has("$ref")) {
            pointer = declared.get("$ref").asText().substring(1);
            declared = DOCUMENT.at(pointer);
        }
        String body = response.path("body").asText();
        if (!declared.has("content")) {
            assertThat(body)
                    .as("%s %d has no body in openapi.json", routeKey, status)
                    .isEmpty();
            return response;
        }
        String schemaPointer = pointer + "/content/application~1json/schema";
        Schema schema =
                SCHEMAS.computeIfAbsent(schemaPointer, p -> REGISTRY.getSchema(SchemaLocation.of(ID + "#" + p)));
        assertThat(schema.validate(Json.parse(body)))
                .as("%s %d's body %s against openapi.json#%s", routeKey, status, body, schemaPointer)
                .isEmpty();
        return response;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
