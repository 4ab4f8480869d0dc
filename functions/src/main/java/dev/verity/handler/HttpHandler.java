package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.api.ErrorMapper;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import dev.verity.cost.PriceTable;
import dev.verity.cost.UsageScope;
import dev.verity.json.Json;
import dev.verity.labeling.AssignmentId;
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
        // API Gateway bills each request it passes on
        UsageScope.current().ifPresent(tally -> tally.request(PriceTable.API_GATEWAY, request.routeKey()));
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

    /**
     * The job a route is about: {@code {name}} under {@code /jobs/}, {@code /worker/jobs/} and {@code /mturk/jobs/};
     * the job inside a worker's assignment id; the new job's name for {@code POST /jobs}; "" for other routes (work
     * teams, lists), whose usage no job pays.
     */
    @Override
    protected String jobName(JsonNode event) {
        RouteSpec route = Catalog.route(event.path("routeKey").asText("")).orElse(null);
        JsonNode path = event.path("pathParameters");
        if (route == null) {
            return "";
        }
        if (route.path().contains("/jobs/{name}")) {
            return path.path("name").asText("");
        }
        if (route.path().startsWith("/worker/assignments/{id}")) {
            return AssignmentId.jobOf(path.path("id").asText("")).orElse("");
        }
        if (route.equals(Catalog.JOBS_CREATE)) {
            try {
                return HttpRequest.fromEvent(event)
                        .jsonBody()
                        .path("LabelingJobName")
                        .asText("");
            } catch (RuntimeException e) {
                return ""; // not JSON: refused, no job made
            }
        }
        return "";
    }

    /**
     * Replies that reached no job of the caller's (no such route or job, no identity, no right to it) charge none: a
     * caller cannot make usage items under names of its choosing. Every other reply, refusals of bad input too, was
     * work done on the job.
     */
    @Override
    protected boolean chargedToJob(JsonNode result) {
        int status = result.path("statusCode").asInt(200);
        return status != 401 && status != 403 && status != 404;
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
