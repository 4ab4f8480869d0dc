package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.api.BadRequestException;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.api.TaskJson;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import dev.verity.labeling.CrowdTaskService.Visit;
import java.io.IOException;
import java.util.Set;

/**
 * The public crowd's task page (no sign-in; see {@link dev.verity.labeling.CrowdTaskService}):
 * {@code GET /mturk/jobs/{name}/objects/{id}/task?hitId=&assignmentId=&workerId=&turkSubmitTo=} and
 * {@code POST /mturk/jobs/{name}/objects/{id}/answers} with
 * {@code {"hitId", "assignmentId", "workerId", "answerContent": {...}}}.
 */
public final class CrowdApiHandler extends HttpHandler {

    public CrowdApiHandler() {}

    public CrowdApiHandler(Services services) {
        super(services);
    }

    /** The code of one task-page route. */
    @FunctionalInterface
    private interface Route {
        HttpResponse answer(HttpRequest request) throws IOException;
    }

    private final RouteTable<Route> routes = RouteTable.<Route>builder()
            .on(
                    Catalog.CROWD_TASK,
                    request -> HttpResponse.ok(TaskJson.crowd(services()
                            .crowd
                            .task(
                                    request.path("name"),
                                    request.path("id"),
                                    new Visit(
                                            request.query("hitId").orElse(null),
                                            request.query("assignmentId").orElse(null),
                                            request.query("workerId").orElse(null),
                                            request.query("turkSubmitTo").orElse(null))))))
            .on(Catalog.CROWD_ANSWERS_SUBMIT, request -> {
                JsonNode body = request.jsonBody();
                JsonNode answer = body.get("answerContent");
                if (answer == null || !answer.isObject()) {
                    throw new BadRequestException("the body must be {\"hitId\", \"assignmentId\", \"workerId\","
                            + " \"answerContent\": {...}}: the crowd form's answer");
                }
                return HttpResponse.ok(TaskJson.crowdSubmitted(services()
                        .crowd
                        .submit(
                                request.path("name"),
                                request.path("id"),
                                new Visit(
                                        text(body, "hitId"), text(body, "assignmentId"), text(body, "workerId"), null),
                                answer)));
            })
            .build();

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws IOException {
        var resolved = routes.resolve(request).orElse(null);
        return resolved == null ? routeNotFound(request) : resolved.code().answer(request);
    }

    @Override
    Set<RouteSpec> routes() {
        return routes.routes();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
