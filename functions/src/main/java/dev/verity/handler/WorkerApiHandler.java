package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.api.BadRequestException;
import dev.verity.api.Groups;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.api.TaskJson;
import dev.verity.api.UnauthorizedException;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import dev.verity.json.Json;
import dev.verity.labeling.Worker;
import dev.verity.workforce.WorkerGroups;
import java.io.IOException;
import java.util.Set;

/**
 * Worker routes: GET /worker/jobs, POST /worker/jobs/{name}/tasks/next, POST /worker/assignments/{id}[/release|/decline].
 */
public final class WorkerApiHandler extends HttpHandler {

    public WorkerApiHandler() {}

    public WorkerApiHandler(Services services) {
        super(services);
    }

    /** The code of one worker route, for the worker who calls it. */
    @FunctionalInterface
    private interface Route {
        HttpResponse answer(HttpRequest request, Worker worker) throws IOException;
    }

    private final RouteTable<Route> routes = RouteTable.<Route>builder()
            .on(
                    Catalog.WORKER_JOBS_LIST,
                    (request, worker) ->
                            HttpResponse.ok(TaskJson.openJobs(services().tasks.openJobs(worker))))
            .on(
                    Catalog.WORKER_TASKS_NEXT,
                    (request, worker) -> services()
                            .tasks
                            .next(request.path("name"), worker)
                            .map(task -> HttpResponse.ok(TaskJson.assigned(task)))
                            .orElseGet(HttpResponse::noContent))
            .on(Catalog.WORKER_ASSIGNMENTS_SUBMIT, (request, worker) -> {
                JsonNode answer = request.jsonBody().get("answerContent");
                if (answer == null || !answer.isObject()) {
                    throw new BadRequestException(
                            "the body must be {\"answerContent\": {...}}: the crowd form's answer");
                }
                return HttpResponse.ok(TaskJson.submitted(services().tasks.submit(request.path("id"), worker, answer)));
            })
            .on(Catalog.WORKER_ASSIGNMENTS_RELEASE, (request, worker) -> {
                services().tasks.release(request.path("id"), worker);
                return HttpResponse.ok(Json.object().put("released", true));
            })
            .on(
                    Catalog.WORKER_ASSIGNMENTS_DECLINE,
                    (request, worker) ->
                            HttpResponse.ok(TaskJson.declined(services().tasks.decline(request.path("id"), worker))))
            .build();

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws IOException {
        Worker worker = worker(request);
        // Tokens stay valid until they expire: a disabled worker is refused here, at their next call.
        if (services().members.isDisabled(worker.id())) {
            throw new UnauthorizedException("your worker account is disabled: a requester of this workforce disabled"
                    + " it, and only they can enable it again");
        }
        var resolved = routes.resolve(request).orElse(null);
        return resolved == null ? routeNotFound(request) : resolved.code().answer(request, worker);
    }

    @Override
    Set<RouteSpec> routes() {
        return routes.routes();
    }

    /** The worker from the JWT claims the authorizer passed on: sub, iss and the groups {@link Groups#of} reads. */
    private static Worker worker(HttpRequest request) {
        String sub = request.claims().get("sub");
        if (sub == null || sub.isBlank()) {
            throw new UnauthorizedException("the request carries no worker identity (JWT claim 'sub')");
        }
        return new Worker(
                sub,
                request.claims().getOrDefault("iss", "verity"),
                new WorkerGroups(Groups.pool(request.claims()), Groups.fromIdentityProvider(request.claims())));
    }
}
