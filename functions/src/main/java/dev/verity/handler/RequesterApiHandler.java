package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.verity.api.BadRequestException;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.json.Json;

/** Requester routes: POST /jobs, GET /jobs, GET /jobs/{name}, GET /jobs/{name}/workers, POST /jobs/{name}/stop. */
public final class RequesterApiHandler extends HttpHandler {

    public RequesterApiHandler() {
    }

    public RequesterApiHandler(Services services) {
        super(services);
    }

    @Override
    protected HttpResponse route(HttpRequest request, Context context) {
        var jobs = services().jobs;
        return switch (request.routeKey()) {
            case "POST /jobs" -> HttpResponse.ok(Json.object()
                    .put("LabelingJobArn", jobs.create(request.jsonBody(), accountId(context))));
            case "GET /jobs" -> HttpResponse.ok(jobs.list(intQuery(request, "maxResults", 50),
                    request.query("nextToken").orElse(null), request.query("statusEquals").orElse(null)));
            case "GET /jobs/{name}" -> HttpResponse.ok(jobs.describe(request.path("name")));
            case "GET /jobs/{name}/workers" -> HttpResponse.ok(jobs.workers(request.path("name")));
            case "POST /jobs/{name}/stop" -> {
                jobs.stop(request.path("name"));
                yield HttpResponse.ok(Json.object());
            }
            default -> routeNotFound(request);
        };
    }

    private static int intQuery(HttpRequest request, String name, int fallback) {
        String value = request.query(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("query parameter " + name + " must be a whole number, not '" + value + "'");
        }
    }
}
