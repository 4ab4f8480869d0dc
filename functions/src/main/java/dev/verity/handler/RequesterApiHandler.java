package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.verity.api.BadRequestException;
import dev.verity.api.DatasetJson;
import dev.verity.api.ExportJson;
import dev.verity.api.ForbiddenRequestException;
import dev.verity.api.Groups;
import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.api.ImportJson;
import dev.verity.api.JobCostJson;
import dev.verity.api.JobMetricsJson;
import dev.verity.api.LabelingJobJson;
import dev.verity.api.MemberJson;
import dev.verity.api.ObjectBrowserJson;
import dev.verity.api.OpenApiDocument;
import dev.verity.api.RoundsJson;
import dev.verity.api.WorkerReportJson;
import dev.verity.api.WorkteamJson;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import dev.verity.export.ExportFormatException;
import dev.verity.export.ExportResult;
import dev.verity.json.Json;
import dev.verity.labeling.ObjectQuery;
import dev.verity.workforce.WorkteamRequest;
import java.io.IOException;
import java.util.Set;

/**
 * Requester routes: jobs (create, list, describe, workers, stop, automated-labeling rounds, AWS cost, task metrics, exports to training formats), a job's objects, answers
 * and output, dataset crawls, upload URLs and work teams (SageMaker's CreateWorkteam, ListWorkteams,
 * DescribeWorkteam, UpdateWorkteam and DeleteWorkteam, with their JSON) and their members. Open only to members of the {@value Groups#REQUESTERS} group, so a worker's token cannot
 * create or stop jobs; but for the API's OpenAPI document, which any caller may read.
 */
public final class RequesterApiHandler extends HttpHandler {

    public RequesterApiHandler() {}

    public RequesterApiHandler(Services services) {
        super(services);
    }

    /** The code of one requester route. */
    @FunctionalInterface
    private interface Route {
        HttpResponse answer(HttpRequest request, Context context) throws IOException;
    }

    private final RouteTable<Route> routes = RouteTable.<Route>builder()
            .on(Catalog.OPENAPI_DOCUMENT, (request, context) -> HttpResponse.ok(OpenApiDocument.json()))
            .on(
                    Catalog.JOBS_CREATE,
                    (request, context) -> HttpResponse.ok(Json.object()
                            .put("LabelingJobArn", services().jobs.create(request.jsonBody(), accountId(context)))))
            .on(
                    Catalog.JOBS_LIST,
                    (request, context) -> HttpResponse.ok(LabelingJobJson.listed(services()
                            .jobs
                            .list(
                                    intQuery(request, "maxResults", 50),
                                    request.query("nextToken").orElse(null),
                                    request.query("statusEquals").orElse(null)))))
            .on(
                    Catalog.JOBS_DESCRIBE,
                    (request, context) -> HttpResponse.ok(
                            LabelingJobJson.described(services().jobs.describe(request.path("name")))))
            .on(
                    Catalog.JOBS_WORKERS,
                    (request, context) ->
                            HttpResponse.ok(WorkerReportJson.of(services().jobs.workers(request.path("name")))))
            .on(Catalog.JOBS_STOP, (request, context) -> {
                services().jobs.stop(request.path("name"));
                return HttpResponse.ok(Json.object());
            })
            .on(Catalog.JOBS_RESUME, (request, context) -> {
                services().jobs.resume(request.path("name"));
                return HttpResponse.ok(Json.object());
            })
            .on(
                    Catalog.JOBS_OBJECTS,
                    (request, context) -> HttpResponse.ok(ObjectBrowserJson.page(
                            services().browser.page(request.path("name"), ObjectQuery.parse(request.query())))))
            .on(
                    Catalog.JOBS_OBJECT_ANSWERS,
                    (request, context) -> HttpResponse.ok(ObjectBrowserJson.answers(
                            services().browser.answers(request.path("name"), request.path("id")))))
            .on(
                    Catalog.JOBS_OUTPUT,
                    (request, context) -> HttpResponse.ok(
                            ObjectBrowserJson.output(services().browser.output(request.path("name")))))
            .on(
                    Catalog.JOBS_ROUNDS,
                    (request, context) -> HttpResponse.ok(
                            RoundsJson.report(services().activeLearning.rounds(request.path("name")))))
            .on(
                    Catalog.JOBS_COST,
                    (request, context) ->
                            HttpResponse.ok(JobCostJson.cost(services().costs.cost(request.path("name")))))
            .on(
                    Catalog.JOBS_METRICS,
                    (request, context) -> HttpResponse.ok(
                            JobMetricsJson.report(services().metrics.report(request.path("name")))))
            .on(Catalog.JOBS_EXPORT, (request, context) -> {
                String name = request.path("name");
                ExportResult export;
                try {
                    export = services()
                            .exports
                            .export(
                                    name,
                                    request.query("format").orElse(null),
                                    request.query("masks").orElse(null));
                } catch (ExportFormatException e) {
                    throw new BadRequestException(e.getMessage());
                }
                return HttpResponse.ok(
                        ExportJson.export(export, services().exports.formats(name)));
            })
            .on(
                    Catalog.DATASETS_CRAWL,
                    (request, context) -> HttpResponse.ok(
                            DatasetJson.crawled(services().crawler.crawl(request.jsonBody()))))
            .on(
                    Catalog.DATASETS_IMPORT,
                    (request, context) -> HttpResponse.ok(
                            ImportJson.imported(services().imports.importLabels(request.jsonBody()))))
            .on(
                    Catalog.UPLOADS_PRESIGN,
                    (request, context) -> HttpResponse.ok(
                            DatasetJson.uploads(services().uploads.presign(request.jsonBody()))))
            .on(
                    Catalog.WORKTEAMS_CREATE,
                    (request, context) -> HttpResponse.ok(WorkteamJson.created(
                            services().teams.create(WorkteamRequest.create(request.jsonBody()), accountId(context)))))
            .on(
                    Catalog.WORKTEAMS_LIST,
                    (request, context) -> HttpResponse.ok(WorkteamJson.listed(
                            services()
                                    .teams
                                    .list(
                                            request.query("SortBy").orElse(null),
                                            request.query("SortOrder").orElse(null),
                                            request.query("NameContains").orElse(null),
                                            request.query("NextToken").orElse(null),
                                            request.query("MaxResults").orElse(null),
                                            accountId(context)),
                            services().portalHost)))
            .on(
                    Catalog.WORKTEAMS_DESCRIBE,
                    (request, context) -> HttpResponse.ok(WorkteamJson.described(
                            services().teams.describe(request.path("name"), accountId(context)),
                            services().portalHost)))
            .on(
                    Catalog.WORKTEAMS_UPDATE,
                    (request, context) -> HttpResponse.ok(WorkteamJson.described(
                            services()
                                    .teams
                                    .update(
                                            WorkteamRequest.update(request.path("name"), request.jsonBody()),
                                            accountId(context)),
                            services().portalHost)))
            .on(Catalog.WORKTEAMS_DELETE, (request, context) -> {
                services().teams.delete(request.path("name"));
                return HttpResponse.ok(WorkteamJson.deleted());
            })
            .on(
                    Catalog.MEMBERS_LIST,
                    (request, context) -> HttpResponse.ok(
                            MemberJson.listed(services().members.members(request.path("name"), accountId(context)))))
            .on(
                    Catalog.MEMBERS_INVITE,
                    (request, context) -> HttpResponse.ok(MemberJson.invited(services()
                            .members
                            .invite(request.path("name"), MemberJson.emails(request.jsonBody()), accountId(context)))))
            .on(
                    Catalog.MEMBERS_UPDATE,
                    (request, context) -> HttpResponse.ok(MemberJson.updated(services()
                            .members
                            .setEnabled(
                                    request.path("name"),
                                    request.path("email"),
                                    MemberJson.enabled(request.jsonBody()),
                                    accountId(context)))))
            .on(Catalog.MEMBERS_REMOVE, (request, context) -> {
                services().members.remove(request.path("name"), request.path("email"), accountId(context));
                return HttpResponse.ok(WorkteamJson.deleted());
            })
            .build();

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws IOException {
        var resolved = routes.resolve(request).orElse(null);
        if (resolved == null) {
            return routeNotFound(request);
        }
        // Open routes (the OpenAPI document: no data, read before sign-in) skip the group check.
        // The user pool's groups only: an identity provider's groups decide work teams, never requester rights.
        if (resolved.route().authorization() != RouteSpec.Authorization.NONE
                && !Groups.pool(request.claims()).contains(Groups.REQUESTERS)) {
            throw new ForbiddenRequestException("only members of the '" + Groups.REQUESTERS + "' group may use "
                    + request.routeKey() + "; the token's user pool groups are " + Groups.pool(request.claims()));
        }
        return resolved.code().answer(request, context);
    }

    @Override
    Set<RouteSpec> routes() {
        return routes.routes();
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
