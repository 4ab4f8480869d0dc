package dev.verity.crowd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.SignedJsonPost;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * {@link CrowdMarketplace} over Amazon Mechanical Turk's requester API (2017-01-17): its JSON 1.1 protocol
 * ({@code POST /}, {@code X-Amz-Target: MTurkRequesterServiceV20170117.<Operation>}) signed with SigV4 for the service
 * {@value #SIGNING_NAME} in us-east-1, over the SDK's HTTP client, since the SDK's own {@code mturk} client is not at
 * hand. Request and response shapes are those of botocore's {@code mturk/2017-01-17/service-2.json}.
 */
public final class MechanicalTurkRequester implements CrowdMarketplace {

    /** The requester API where workers are paid. */
    public static final URI PRODUCTION = URI.create("https://mturk-requester.us-east-1.amazonaws.com");
    /** The sandbox: the same API, no money, workers at {@link #SANDBOX_WORKER_SITE}. */
    public static final URI SANDBOX = URI.create("https://mturk-requester-sandbox.us-east-1.amazonaws.com");
    /** Where workers work, and where an ExternalQuestion page posts its answer ({@code turkSubmitTo}). */
    public static final URI PRODUCTION_WORKER_SITE = URI.create("https://www.mturk.com");

    public static final URI SANDBOX_WORKER_SITE = URI.create("https://workersandbox.mturk.com");

    public static final String SIGNING_NAME = "mturk-requester";
    /** Mechanical Turk's requester API exists in us-east-1 only. */
    public static final String REGION = "us-east-1";

    static final String TARGET_PREFIX = "MTurkRequesterServiceV20170117.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** A HIT's id in an error message: Mechanical Turk's ids are 30 upper-case letters and digits. */
    private static final Pattern HIT_ID = Pattern.compile("\\b([0-9A-Z]{20,64})\\b");

    private final SignedJsonPost service;
    private final Clock clock;

    public MechanicalTurkRequester(SdkHttpClient http, URI endpoint, AwsCredentialsProvider credentials, Clock clock) {
        this.service = new SignedJsonPost(http, endpoint, credentials, SIGNING_NAME, REGION, CONTENT_TYPE);
        this.clock = clock;
    }

    public URI endpoint() {
        return service.endpoint();
    }

    @Override
    public Hit createHit(NewHit hit) {
        ObjectNode request = Json.object()
                .put("MaxAssignments", hit.maxAssignments())
                .put("LifetimeInSeconds", hit.lifetimeInSeconds())
                .put("AssignmentDurationInSeconds", hit.assignmentDurationInSeconds())
                .put("Reward", hit.reward())
                .put("Title", hit.title())
                .put("Description", hit.description())
                .put("Question", hit.question())
                .put("UniqueRequestToken", hit.uniqueRequestToken());
        if (hit.keywords() != null && !hit.keywords().isEmpty()) {
            request.put("Keywords", hit.keywords());
        }
        if (hit.requesterAnnotation() != null) {
            request.put("RequesterAnnotation", hit.requesterAnnotation());
        }
        try {
            return hit(call("CreateHIT", request).path("HIT"));
        } catch (CrowdMarketplaceException e) {
            // A retry of a call that created the HIT: the error names it ("…HitAlreadyExists…, HIT ID: …").
            Optional<String> existing = alreadyCreated(e);
            if (existing.isEmpty()) {
                throw e;
            }
            return hit(
                    call("GetHIT", Json.object().put("HITId", existing.get())).path("HIT"));
        }
    }

    private static Optional<String> alreadyCreated(CrowdMarketplaceException e) {
        boolean duplicate = "AWS.MechanicalTurk.HitAlreadyExists".equals(e.errorCode())
                || (e.isRequestError() && e.serviceMessage().contains("already exists"));
        if (!duplicate) {
            return Optional.empty();
        }
        Matcher id = HIT_ID.matcher(e.serviceMessage());
        while (id.find()) {
            if (!id.group(1).chars().allMatch(Character::isDigit)) { // not a request id or a timestamp
                return Optional.of(id.group(1));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<CrowdAssignment> assignment(String assignmentId) {
        JsonNode response;
        try {
            response = call("GetAssignment", Json.object().put("AssignmentId", assignmentId));
        } catch (CrowdMarketplaceException e) {
            if (e.isRequestError()) {
                return Optional.empty(); // no such assignment, or none submitted yet
            }
            throw e;
        }
        JsonNode a = response.path("Assignment");
        return Optional.of(new CrowdAssignment(
                a.path("AssignmentId").asText(),
                a.path("HITId").asText(),
                a.path("WorkerId").asText(),
                a.path("AssignmentStatus").asText(),
                a.path("Answer").asText(null)));
    }

    @Override
    public boolean approve(String assignmentId, String feedback) {
        ObjectNode request = Json.object().put("AssignmentId", assignmentId);
        if (feedback != null) {
            request.put("RequesterFeedback", feedback);
        }
        try {
            call("ApproveAssignment", request);
            return true;
        } catch (CrowdMarketplaceException e) {
            // Approving twice is refused ("can be called with a status of: Submitted"): fine if it is approved.
            if (e.isRequestError()
                    && assignment(assignmentId).map(CrowdAssignment::isApproved).orElse(false)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void expire(String hitId) {
        // A Timestamp is epoch seconds in the JSON protocol; a time in the past expires the HIT at once.
        call(
                "UpdateExpirationForHIT",
                Json.object()
                        .put("HITId", hitId)
                        .put("ExpireAt", clock.instant().getEpochSecond()));
    }

    /** The HIT's account balance in dollars (GetAccountBalance): a cheap check that the credentials work. */
    public String availableBalance() {
        return call("GetAccountBalance", Json.object()).path("AvailableBalance").asText();
    }

    private static Hit hit(JsonNode hit) {
        return new Hit(
                hit.path("HITId").asText(),
                hit.path("HITTypeId").asText(null),
                hit.path("HITStatus").asText(null),
                hit.path("MaxAssignments").asInt());
    }

    /** One signed call; the parsed response body, or a {@link CrowdMarketplaceException} with the service's error. */
    JsonNode call(String operation, ObjectNode body) {
        try {
            SignedJsonPost.Response response = service.post(TARGET_PREFIX + operation, Json.write(body));
            int status = response.status();
            String text = response.body();
            JsonNode json = text.isBlank() ? Json.object() : parse(operation, status, text);
            if (status / 100 != 2) {
                String type = json.path("__type").asText("HTTP" + status);
                throw new CrowdMarketplaceException(
                        operation,
                        status,
                        type.substring(type.lastIndexOf('#') + 1),
                        json.path("TurkErrorCode").asText(null),
                        json.path("Message").asText(json.path("message").asText(text)));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Mechanical Turk " + operation + " at " + endpoint() + " failed", e);
        }
    }

    private static JsonNode parse(String operation, int status, String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CrowdMarketplaceException(operation, status, "HTTP" + status, null, "not JSON: " + text);
        }
    }
}
