package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.api.BadRequestException;
import dev.verity.api.Groups;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.api.UnauthorizedException;
import dev.verity.json.Json;
import dev.verity.labeling.Worker;
import dev.verity.workforce.WorkerGroups;
import java.io.IOException;

/**
 * Worker routes: GET /worker/jobs, POST /worker/jobs/{name}/tasks/next, POST /worker/assignments/{id}[/release|/decline].
 */
public final class WorkerApiHandler extends HttpHandler {

    public WorkerApiHandler() {}

    public WorkerApiHandler(Services services) {
        super(services);
    }

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws IOException {
        var tasks = services().tasks;
        Worker worker = worker(request);
        // Tokens stay valid until they expire: a disabled worker is refused here, at their next call.
        if (services().members.isDisabled(worker.id())) {
            throw new UnauthorizedException("your worker account is disabled: a requester of this workforce disabled"
                    + " it, and only they can enable it again");
        }
        return switch (request.routeKey()) {
            case "GET /worker/jobs" -> HttpResponse.ok(tasks.openJobs(worker));
            case "POST /worker/jobs/{name}/tasks/next" ->
                tasks.next(request.path("name"), worker).map(HttpResponse::ok).orElseGet(HttpResponse::noContent);
            case "POST /worker/assignments/{id}" -> {
                JsonNode answer = request.jsonBody().get("answerContent");
                if (answer == null || !answer.isObject()) {
                    throw new BadRequestException(
                            "the body must be {\"answerContent\": {...}}: the crowd form's answer");
                }
                yield HttpResponse.ok(tasks.submit(request.path("id"), worker, answer));
            }
            case "POST /worker/assignments/{id}/release" -> {
                tasks.release(request.path("id"), worker);
                yield HttpResponse.ok(Json.object().put("released", true));
            }
            case "POST /worker/assignments/{id}/decline" -> HttpResponse.ok(tasks.decline(request.path("id"), worker));
            default -> routeNotFound(request);
        };
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
