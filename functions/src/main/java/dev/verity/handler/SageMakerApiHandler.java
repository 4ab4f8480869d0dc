package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.api.BadRequestException;
import dev.verity.api.ForbiddenRequestException;
import dev.verity.api.LabelingJobJson;
import dev.verity.api.WorkteamJson;
import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LimitExceededException;
import dev.verity.job.NotFoundException;
import dev.verity.job.Violation;
import dev.verity.json.Json;
import dev.verity.labeling.ForbiddenException;
import dev.verity.workforce.WorkteamRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SageMaker's own JSON protocol (awsJson1_1) for the labeling-job and work-team operations, so that boto3, the AWS CLI
 * and the SDKs work against Verity by changing only the endpoint: {@code POST /} with
 * {@code X-Amz-Target: SageMaker.<Operation>} and the operation's JSON; answers in SageMaker's shapes; errors as
 * {@code {"__type": ..., "Message": ...}} with {@code x-amzn-ErrorType}, which the SDKs turn into their modelled
 * exceptions. The route is IAM-authorised (SigV4): whoever may call it may use every operation.
 */
public final class SageMakerApiHandler extends JsonHandler {
    static final String TARGET_PREFIX = "SageMaker.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** The operations served; any other is an {@code UnknownOperationException}. */
    static final List<String> OPERATIONS = List.of(
            "CreateLabelingJob",
            "DescribeLabelingJob",
            "ListLabelingJobs",
            "StopLabelingJob",
            "ListLabelingJobsForWorkteam",
            "CreateWorkteam",
            "DescribeWorkteam",
            "ListWorkteams",
            "UpdateWorkteam",
            "DeleteWorkteam");

    private static final Logger LOG = LoggerFactory.getLogger(SageMakerApiHandler.class);

    public SageMakerApiHandler() {}

    public SageMakerApiHandler(Services services) {
        super(services);
    }

    /** A request naming no operation: answered (400) from the event alone, through the protocol's error shape. */
    @Override
    protected Optional<JsonNode> primingEvent() {
        return Optional.of(Json.object().put("version", "2.0").put("routeKey", "POST /"));
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        String target = event.path("headers").path("x-amz-target").asText("");
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        if (!OPERATIONS.contains(operation)) {
            return error(
                    400,
                    "UnknownOperationException",
                    target.isEmpty()
                            ? "the request names no operation: set X-Amz-Target to SageMaker.<Operation>"
                            : "Verity does not serve " + target + "; it serves SageMaker."
                                    + String.join(", ", OPERATIONS));
        }
        try {
            return ok(operate(operation, body(event), context));
        } catch (LimitExceededException e) {
            return error(400, "ResourceLimitExceeded", e.getMessage());
        } catch (InvalidRequestException | BadRequestException e) {
            return error(400, "ValidationException", e.getMessage());
        } catch (NotFoundException e) {
            return error(400, "ResourceNotFound", e.getMessage());
        } catch (ConflictException e) {
            return error(400, "ResourceInUse", e.getMessage());
        } catch (ForbiddenException | ForbiddenRequestException e) {
            return error(403, "AccessDeniedException", e.getMessage());
        } catch (RuntimeException e) {
            // The operation only: the body may hold names and ARNs.
            LOG.error("SageMaker.{} failed", operation, e);
            return error(
                    500, "InternalFailure", "internal error: " + e.getClass().getSimpleName());
        }
    }

    private JsonNode operate(String operation, JsonNode body, Context context) {
        var jobs = services().jobs;
        var teams = services().teams;
        String account = accountId(context);
        String portal = services().portalHost;
        return switch (operation) {
            case "CreateLabelingJob" -> Json.object().put("LabelingJobArn", jobs.create(body, account));
            case "DescribeLabelingJob" -> LabelingJobJson.described(jobs.describe(required(body, "LabelingJobName")));
            case "ListLabelingJobs" -> LabelingJobJson.listed(services().listing.list(body));
            case "StopLabelingJob" -> {
                try {
                    jobs.stop(required(body, "LabelingJobName"));
                } catch (ConflictException e) {
                    // SageMaker models no ResourceInUse for StopLabelingJob: a job that has ended is an invalid request
                    throw new InvalidRequestException(List.of(new Violation("LabelingJobName", e.getMessage())));
                }
                yield Json.object();
            }
            case "ListLabelingJobsForWorkteam" ->
                LabelingJobJson.listedForWorkteam(services().listing.listForWorkteam(body));
            case "CreateWorkteam" -> WorkteamJson.created(teams.create(WorkteamRequest.create(body), account));
            case "DescribeWorkteam" ->
                WorkteamJson.described(teams.describe(required(body, "WorkteamName"), account), portal);
            case "ListWorkteams" ->
                WorkteamJson.listed(
                        teams.list(
                                string(body, "SortBy"),
                                string(body, "SortOrder"),
                                string(body, "NameContains"),
                                string(body, "NextToken"),
                                string(body, "MaxResults"),
                                account),
                        portal);
            case "UpdateWorkteam" ->
                WorkteamJson.described(
                        teams.update(WorkteamRequest.update(required(body, "WorkteamName"), body), account), portal);
            case "DeleteWorkteam" -> {
                teams.delete(required(body, "WorkteamName"));
                yield WorkteamJson.deleted();
            }
            default -> throw new IllegalStateException(operation);
        };
    }

    /** The request's JSON object; {@code {}} for an empty body, as the SDKs send for operations without input. */
    private static JsonNode body(JsonNode event) {
        String text = event.path("body").asText("");
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("the body is not valid base64");
            }
        }
        if (text.isBlank()) {
            return Json.object();
        }
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
        }
        if (!json.isObject()) {
            throw new BadRequestException("the body must be a JSON object");
        }
        return json;
    }

    private static String required(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || !node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidRequestException(List.of(new Violation(field, "is required (a non-empty string)")));
        }
        return node.asText();
    }

    /** A scalar member as text (numbers too: the REST routes take the same parameters as strings), or null. */
    private static String string(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }

    private static ObjectNode ok(JsonNode body) {
        return response(200, body);
    }

    static ObjectNode error(int status, String type, String message) {
        ObjectNode response = response(status, Json.object().put("__type", type).put("Message", message));
        ((ObjectNode) response.get("headers")).put("x-amzn-errortype", type);
        return response;
    }

    private static ObjectNode response(int status, JsonNode body) {
        ObjectNode event = Json.object().put("statusCode", status);
        event.putObject("headers").put("content-type", CONTENT_TYPE);
        event.put("isBase64Encoded", false);
        event.put("body", Json.write(body));
        return event;
    }
}
