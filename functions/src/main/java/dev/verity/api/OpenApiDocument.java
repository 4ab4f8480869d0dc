package dev.verity.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The HTTP API's OpenAPI document, {@value #RESOURCE} on the classpath: the routes' request and response schemas,
 * checked against the catalog's routes by a test and served at {@code GET /openapi.json}.
 */
public final class OpenApiDocument {

    public static final String RESOURCE = "openapi.json";

    private OpenApiDocument() {}

    /** The document, read on first use only: most function instances never serve it. */
    public static JsonNode json() {
        return Holder.DOCUMENT;
    }

    private static final class Holder {
        static final JsonNode DOCUMENT = load();
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
