package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.verity.api.BadRequestException;
import dev.verity.api.ForbiddenRequestException;
import dev.verity.api.Groups;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.api.MemberJson;
import dev.verity.api.OpenApiDocument;
import dev.verity.api.WorkteamJson;
import dev.verity.json.Json;
import dev.verity.labeling.ObjectQuery;
import dev.verity.workforce.WorkteamRequest;
import java.io.IOException;

/**
 * Requester routes: jobs (create, list, describe, workers, stop, automated-labeling rounds), a job's objects, answers
 * and output, dataset crawls, upload URLs and work teams (SageMaker's CreateWorkteam, ListWorkteams,
 * DescribeWorkteam, UpdateWorkteam and DeleteWorkteam, with their JSON) and their members. Open only to members of the {@value Groups#REQUESTERS} group, so a worker's token cannot
 * create or stop jobs; but for the API's OpenAPI document, which any caller may read.
 */
public final class RequesterApiHandler extends HttpHandler {

    public RequesterApiHandler() {}

    public RequesterApiHandler(Services services) {
        super(services);
    }

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws IOException {
        // The contract holds no data, and clients read it before they have a token: its route has no authorizer.
        if (request.routeKey().equals("GET /openapi.json")) {
            return HttpResponse.ok(OpenApiDocument.json());
        }
        // The user pool's groups only: an identity provider's groups decide work teams, never requester rights.
        if (!Groups.pool(request.claims()).contains(Groups.REQUESTERS)) {
            throw new ForbiddenRequestException("only members of the '" + Groups.REQUESTERS + "' group may use "
                    + request.routeKey() + "; the token's user pool groups are " + Groups.pool(request.claims()));
        }
        var jobs = services().jobs;
        var browser = services().browser;
        var teams = services().teams;
        var members = services().members;
        return switch (request.routeKey()) {
            case "POST /jobs" ->
                HttpResponse.ok(
                        Json.object().put("LabelingJobArn", jobs.create(request.jsonBody(), accountId(context))));
            case "GET /jobs" ->
                HttpResponse.ok(jobs.list(
                        intQuery(request, "maxResults", 50),
                        request.query("nextToken").orElse(null),
                        request.query("statusEquals").orElse(null)));
            case "GET /jobs/{name}" -> HttpResponse.ok(jobs.describe(request.path("name")));
            case "GET /jobs/{name}/workers" -> HttpResponse.ok(jobs.workers(request.path("name")));
            case "POST /jobs/{name}/stop" -> {
                jobs.stop(request.path("name"));
                yield HttpResponse.ok(Json.object());
            }
            case "POST /jobs/{name}/resume" -> {
                jobs.resume(request.path("name"));
                yield HttpResponse.ok(Json.object());
            }
            case "GET /jobs/{name}/objects" ->
                HttpResponse.ok(browser.page(request.path("name"), ObjectQuery.parse(request.query())));
            case "GET /jobs/{name}/objects/{id}/answers" ->
                HttpResponse.ok(browser.answers(request.path("name"), request.path("id")));
            case "GET /jobs/{name}/output" -> HttpResponse.ok(browser.output(request.path("name")));
            case "GET /jobs/{name}/rounds" ->
                HttpResponse.ok(services().activeLearning.rounds(request.path("name")));
            case "POST /datasets/manifest" -> HttpResponse.ok(services().crawler.crawl(request.jsonBody()));
            case "POST /uploads" -> HttpResponse.ok(services().uploads.presign(request.jsonBody()));
            case "POST /workteams" ->
                HttpResponse.ok(WorkteamJson.created(
                        teams.create(WorkteamRequest.create(request.jsonBody()), accountId(context))));
            case "GET /workteams" ->
                HttpResponse.ok(WorkteamJson.listed(
                        teams.list(
                                request.query("SortBy").orElse(null),
                                request.query("SortOrder").orElse(null),
                                request.query("NameContains").orElse(null),
                                request.query("NextToken").orElse(null),
                                request.query("MaxResults").orElse(null),
                                accountId(context)),
                        services().portalHost));
            case "GET /workteams/{name}" ->
                HttpResponse.ok(WorkteamJson.described(
                        teams.describe(request.path("name"), accountId(context)), services().portalHost));
            case "POST /workteams/{name}" ->
                HttpResponse.ok(WorkteamJson.described(
                        teams.update(
                                WorkteamRequest.update(request.path("name"), request.jsonBody()), accountId(context)),
                        services().portalHost));
            case "DELETE /workteams/{name}" -> {
                teams.delete(request.path("name"));
                yield HttpResponse.ok(WorkteamJson.deleted());
            }
            case "GET /workteams/{name}/members" ->
                HttpResponse.ok(MemberJson.listed(members.members(request.path("name"), accountId(context))));
            case "POST /workteams/{name}/members" ->
                HttpResponse.ok(MemberJson.invited(members.invite(
                        request.path("name"), MemberJson.emails(request.jsonBody()), accountId(context))));
            case "POST /workteams/{name}/members/{email}" ->
                HttpResponse.ok(MemberJson.updated(members.setEnabled(
                        request.path("name"),
                        request.path("email"),
                        MemberJson.enabled(request.jsonBody()),
                        accountId(context))));
            case "DELETE /workteams/{name}/members/{email}" -> {
                members.remove(request.path("name"), request.path("email"), accountId(context));
                yield HttpResponse.ok(WorkteamJson.deleted());
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
