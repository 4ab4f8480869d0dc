package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.api.ErrorMapper;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.catalog.RouteSpec;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An HTTP API route handler: API Gateway v2 event in, v2 response out, errors as {"error", "message"}. */
public abstract class HttpHandler extends JsonHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

    protected HttpHandler() {}

    protected HttpHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        HttpRequest request = HttpRequest.fromEvent(event);
        HttpResponse response;
        try {
            response = route(request, context);
        } catch (UncheckedIOException e) {
            response = internalError(request, e);
        } catch (RuntimeException e) {
            response = ErrorMapper.toResponse(e);
            if (response == null) {
                response = internalError(request, e);
            }
        } catch (IOException e) {
            response = internalError(request, e);
        }
        return response.toEvent();
    }

    private static HttpResponse internalError(HttpRequest request, Exception e) {
        // The route key only: the path and headers may hold ids and the caller's token.
        LOG.error("{} failed", request.routeKey(), e);
        return HttpResponse.error(
                500, "InternalFailure", "internal error: " + e.getClass().getSimpleName());
    }

    /**
     * A route no function serves, from a caller without identity: every API handler answers it (403, 401, 400 or
     * 404) from the event alone, through its routing, error mapping and response.
     */
    @Override
    protected Optional<JsonNode> primingEvent() {
        return Optional.of(Json.object().put("version", "2.0").put("routeKey", "GET /snapstart-priming"));
    }

    protected abstract HttpResponse route(HttpRequest request, Context context) throws IOException;

    /** The catalog routes this handler answers. */
    abstract Set<RouteSpec> routes();

    protected static HttpResponse routeNotFound(HttpRequest request) {
        return HttpResponse.error(404, "RouteNotFound", "no route " + request.routeKey());
    }
}
