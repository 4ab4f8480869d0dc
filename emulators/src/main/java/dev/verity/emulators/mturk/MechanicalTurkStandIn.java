package dev.verity.emulators.mturk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.verity.emulators.support.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Amazon Mechanical Turk, on 127.0.0.1, for tests and {@code verity up} (the real service cannot
 * be reached from here). Two sides:
 *
 * <ul>
 *   <li><b>Requester API</b> ({@code POST /}, JSON 1.1, {@code X-Amz-Target: MTurkRequesterServiceV20170117.<Op>}, a
 *       SigV4 {@code Authorization} header required but not verified): CreateHIT (idempotent by
 *       {@code UniqueRequestToken}), GetHIT, ListAssignmentsForHIT, GetAssignment, ApproveAssignment,
 *       RejectAssignment, UpdateExpirationForHIT, DeleteHIT, GetAccountBalance, with botocore's shapes
 *       ({@code mturk/2017-01-17/service-2.json}) and the service's rules where they matter to a requester: an
 *       assignment is visible to the requester only once submitted, only a Submitted one can be approved or rejected,
 *       a HIT's Reward is dollars and cents. Every call is recorded ({@link #requests()}).
 *   <li><b>Worker site</b>: {@code GET /} lists the HITs that can be accepted; {@code GET /worker/accept?hitId=&workerId=}
 *       plays a worker accepting one (an Accepted assignment, at most one per worker and HIT, within MaxAssignments)
 *       and shows its ExternalQuestion page in a frame, with {@code assignmentId}, {@code hitId}, {@code turkSubmitTo}
 *       and {@code workerId} added to its URL as Mechanical Turk does; {@code GET /worker/preview?hitId=} shows it
 *       with {@code assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE}; {@code POST /mturk/externalSubmit} takes the page's
 *       form: the assignment becomes Submitted, its Answer a QuestionFormAnswers document of the posted fields;
 *       {@code GET /worker/dashboard?workerId=} lists the worker's assignments and their status, as a worker's
 *       dashboard does.
 * </ul>
 *
 * State is in memory. Nothing is paid.
 */
public final class MechanicalTurkStandIn implements AutoCloseable {

    public static final String TARGET_PREFIX = "MTurkRequesterServiceV20170117.";
    /** What Mechanical Turk puts in {@code assignmentId} while a worker only previews a HIT. */
    public static final String PREVIEW_ASSIGNMENT_ID = "ASSIGNMENT_ID_NOT_AVAILABLE";

    private static final String QUESTION_FORM_ANSWERS =
            "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd";
    private static final Pattern REWARD = Pattern.compile("^[0-9]+(\\.)?[0-9]{0,2}$");
    private static final Pattern EXTERNAL_URL =
            Pattern.compile("<ExternalURL>\\s*(.*?)\\s*</ExternalURL>", Pattern.DOTALL);
    private static final String ID_CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final long DEFAULT_AUTO_APPROVAL_DELAY = 2_592_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackHttpServer server;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, ObjectNode> hits = new LinkedHashMap<>();
    private final Map<String, String> hitsByToken = new LinkedHashMap<>();
    private final Map<String, StandInAssignment> assignments = new LinkedHashMap<>();

    private MechanicalTurkStandIn(int port, Clock clock) {
        this.clock = clock;
        // exchanges, not LoopbackHttpServer's requests: the stand-in writes its pages and answers itself, and has no
        // host check or size limit
        server = LoopbackHttpServer.bind("mturk", port, 0);
        server.serveExchanges(this::handle);
    }

    /** On any free port. */
    public static MechanicalTurkStandIn start() {
        return start(0);
    }

    public static MechanicalTurkStandIn start(int port) {
        return new MechanicalTurkStandIn(port, Clock.systemUTC());
    }

    /** {@code http://127.0.0.1:<port>}: the requester API, and the worker site ({@code turkSubmitTo}). */
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- what tests look at and do ----

    /** Every requester API call so far, oldest first. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The calls of one operation, e.g. {@code CreateHIT}. */
    public synchronized List<RecordedRequest> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /** Every HIT, as GetHIT describes it, oldest first. */
    public synchronized List<JsonNode> hits() {
        return hits.keySet().stream().map(id -> (JsonNode) describeHit(id)).toList();
    }

    /** Every assignment, in the order they were accepted. */
    public synchronized List<StandInAssignment> assignments() {
        return List.copyOf(assignments.values());
    }

    public synchronized Optional<StandInAssignment> assignment(String assignmentId) {
        return Optional.ofNullable(assignments.get(assignmentId));
    }

    /**
     * A worker accepts the HIT (as on the worker site): a new Accepted assignment, or the one they hold already.
     *
     * @throws IllegalStateException if the HIT cannot be accepted (unknown, expired, no assignment left, or taken by
     *                               this worker before)
     */
    public synchronized StandInAssignment accept(String hitId, String workerId) {
        ObjectNode hit = hits.get(hitId);
        if (hit == null) {
            throw new IllegalStateException("no HIT " + hitId);
        }
        for (StandInAssignment a : assignments.values()) {
            if (a.hitId().equals(hitId) && a.workerId().equals(workerId)) {
                if (a.status().equals("Accepted")) {
                    return a;
                }
                throw new IllegalStateException("worker " + workerId + " did HIT " + hitId + " already");
            }
        }
        if (!assignable(hitId)) {
            throw new IllegalStateException("HIT " + hitId + " cannot be accepted now (" + hitStatus(hitId) + ")");
        }
        Instant now = clock.instant();
        StandInAssignment a = new StandInAssignment(
                id(30),
                hitId,
                workerId,
                "Accepted",
                now,
                now.plusSeconds(hit.path("AssignmentDurationInSeconds").asLong()),
                null,
                null,
                null,
                null);
        assignments.put(a.assignmentId(), a);
        return a;
    }

    /**
     * The URL Mechanical Turk frames for the assignment: the HIT's ExternalURL with {@code assignmentId},
     * {@code hitId}, {@code turkSubmitTo} and {@code workerId} added.
     */
    public synchronized URI taskUrl(String assignmentId) {
        StandInAssignment a = assignments.get(assignmentId);
        if (a == null) {
            throw new IllegalArgumentException("no assignment " + assignmentId);
        }
        return frameUrl(a.hitId(), a.assignmentId(), a.workerId());
    }

    /** The page on the worker site where {@code workerId} accepts the HIT and works on it. */
    public URI acceptPage(String hitId, String workerId) {
        return endpoint().resolve("/worker/accept?hitId=" + encode(hitId) + "&workerId=" + encode(workerId));
    }

    /**
     * What {@code POST /mturk/externalSubmit} does: the Accepted assignment becomes Submitted, its answer the fields
     * (all but {@code assignmentId}) as a QuestionFormAnswers document.
     *
     * @throws IllegalStateException if the assignment is not Accepted (unknown, submitted before, past its deadline)
     */
    public synchronized StandInAssignment submit(String assignmentId, Map<String, String> fields) {
        StandInAssignment a = assignments.get(assignmentId);
        if (a == null) {
            throw new IllegalStateException("no assignment " + assignmentId);
        }
        if (!a.status().equals("Accepted")) {
            throw new IllegalStateException("assignment " + assignmentId + " is " + a.status() + ", not Accepted");
        }
        if (clock.instant().isAfter(a.deadline())) {
            throw new IllegalStateException("assignment " + assignmentId + " passed its deadline " + a.deadline());
        }
        StandInAssignment submitted = a.with("Submitted", clock.instant(), questionFormAnswers(fields), null);
        assignments.put(assignmentId, submitted);
        return submitted;
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (method.equals("POST") && path.equals("/") && target != null) {
                requesterApi(exchange, target, body);
            } else if (method.equals("POST") && path.equals("/mturk/externalSubmit")) {
                externalSubmit(exchange, form(new String(body, StandardCharsets.UTF_8)));
            } else if (method.equals("GET") && path.equals("/worker/accept")) {
                acceptPage(exchange, query);
            } else if (method.equals("GET") && path.equals("/worker/dashboard")) {
                send(exchange, 200, "text/html; charset=utf-8", dashboard(query.getOrDefault("workerId", "")));
            } else if (method.equals("GET") && path.equals("/worker/preview")) {
                previewPage(exchange, query);
            } else if (method.equals("GET") && path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", index(query.getOrDefault("workerId", "")));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: " + method + " " + path);
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain; charset=utf-8", "stand-in failure: " + e);
        }
    }

    private void requesterApi(HttpExchange exchange, String target, byte[] body) throws IOException {
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            sendJson(exchange, 400, error("SerializationException", null, "the body is not JSON"));
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        synchronized (this) {
            requests.add(new RecordedRequest(
                    operation,
                    request,
                    authorization,
                    exchange.getRequestHeaders().getFirst("Content-Type")));
        }
        if (!target.startsWith(TARGET_PREFIX)) {
            sendJson(exchange, 400, error("UnknownOperationException", null, "unknown target " + target));
            return;
        }
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            sendJson(exchange, 400, error("MissingAuthenticationTokenException", null, "the request is not signed"));
            return;
        }
        ObjectNode response;
        try {
            response = operation(operation, request);
        } catch (RequestError e) {
            sendJson(exchange, 400, error("RequestError", e.code, e.getMessage() + " (" + clock.millis() + ")"));
            return;
        }
        if (response == null) {
            sendJson(exchange, 400, error("UnknownOperationException", null, "the stand-in does not do " + operation));
            return;
        }
        sendJson(exchange, 200, response);
    }

    private synchronized ObjectNode operation(String operation, JsonNode request) {
        return switch (operation) {
            case "CreateHIT" -> createHit(request);
            case "GetHIT" -> JSON.createObjectNode().set("HIT", describeHit(hitId(request)));
            case "ListAssignmentsForHIT" -> listAssignments(request);
            case "GetAssignment" -> getAssignment(request);
            case "ApproveAssignment" -> decide(request, "Approved");
            case "RejectAssignment" -> decide(request, "Rejected");
            case "UpdateExpirationForHIT" -> updateExpiration(request);
            case "DeleteHIT" -> deleteHit(request);
            case "GetAccountBalance" -> JSON.createObjectNode().put("AvailableBalance", "10000.00");
            default -> null;
        };
    }

    private ObjectNode createHit(JsonNode request) {
        for (String field :
                List.of("LifetimeInSeconds", "AssignmentDurationInSeconds", "Reward", "Title", "Description")) {
            if (!request.hasNonNull(field)) {
                throw new RequestError(
                        null, "Value null at '" + field + "' failed to satisfy constraint: must not be null");
            }
        }
        if (!REWARD.matcher(request.path("Reward").asText()).matches()) {
            throw new RequestError(null, "Reward " + request.path("Reward").asText() + " is not dollars and cents");
        }
        if (!request.hasNonNull("Question")) {
            throw new RequestError(null, "Either a Question or a HITLayoutId must be provided");
        }
        String question = request.path("Question").asText();
        if (question.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            throw new RequestError(null, "Question is larger than 64 kilobytes");
        }
        if (!question.contains("<ExternalQuestion") || externalUrl(question).isEmpty()) {
            throw new RequestError(null, "the stand-in takes ExternalQuestion HITs only");
        }
        String token = request.path("UniqueRequestToken").asText(null);
        if (token != null && (token.isEmpty() || token.length() > 64)) {
            throw new RequestError(null, "UniqueRequestToken must be 1 to 64 characters");
        }
        if (token != null && hitsByToken.containsKey(token)) {
            throw new RequestError(
                    "AWS.MechanicalTurk.HitAlreadyExists",
                    "There is already a HIT which exists with the same request token: " + hitsByToken.get(token));
        }
        int maxAssignments = request.path("MaxAssignments").asInt(1);
        if (maxAssignments < 1) {
            throw new RequestError(null, "MaxAssignments must be at least 1");
        }
        Instant now = clock.instant();
        ObjectNode hit = JSON.createObjectNode();
        hit.put("HITId", id(30));
        hit.put("HITTypeId", hitType(request));
        hit.put("HITGroupId", hit.get("HITTypeId").asText());
        hit.put("CreationTime", seconds(now));
        hit.put("Title", request.path("Title").asText());
        hit.put("Description", request.path("Description").asText());
        hit.put("Question", question);
        if (request.hasNonNull("Keywords")) {
            hit.put("Keywords", request.path("Keywords").asText());
        }
        hit.put("MaxAssignments", maxAssignments);
        hit.put("Reward", request.path("Reward").asText());
        hit.put(
                "AutoApprovalDelayInSeconds",
                request.path("AutoApprovalDelayInSeconds").asLong(DEFAULT_AUTO_APPROVAL_DELAY));
        hit.put(
                "Expiration",
                seconds(now.plusSeconds(request.path("LifetimeInSeconds").asLong())));
        hit.put(
                "AssignmentDurationInSeconds",
                request.path("AssignmentDurationInSeconds").asLong());
        if (request.hasNonNull("RequesterAnnotation")) {
            hit.put("RequesterAnnotation", request.path("RequesterAnnotation").asText());
        }
        hit.put("HITReviewStatus", "NotReviewed");
        hits.put(hit.get("HITId").asText(), hit);
        if (token != null) {
            hitsByToken.put(token, hit.get("HITId").asText());
        }
        return JSON.createObjectNode().set("HIT", describeHit(hit.get("HITId").asText()));
    }

    /** HITs of the same title, description, keywords, reward and durations share a HIT type, as in Mechanical Turk. */
    private static String hitType(JsonNode request) {
        String key = String.join(
                "\n",
                request.path("Title").asText(),
                request.path("Description").asText(),
                request.path("Keywords").asText(),
                request.path("Reward").asText(),
                request.path("AssignmentDurationInSeconds").asText());
        StringBuilder id = new StringBuilder();
        long hash = key.hashCode() & 0xffffffffL;
        for (int i = 0; i < 30; i++) {
            id.append(ID_CHARACTERS.charAt((int) (hash % ID_CHARACTERS.length())));
            hash = hash * 31 + i + 7;
            hash &= 0xffffffffL;
        }
        return id.toString();
    }

    private String hitId(JsonNode request) {
        String id = request.path("HITId").asText("");
        if (!hits.containsKey(id)) {
            throw new RequestError(null, "Hit " + id + " does not exist.");
        }
        return id;
    }

    private ObjectNode describeHit(String hitId) {
        ObjectNode hit = hits.get(hitId).deepCopy();
        long pending = count(hitId, "Accepted");
        long submitted = count(hitId, "Submitted");
        long decided = count(hitId, "Approved") + count(hitId, "Rejected");
        int max = hit.path("MaxAssignments").asInt();
        hit.put("HITStatus", hitStatus(hitId));
        hit.put("NumberOfAssignmentsPending", pending);
        hit.put("NumberOfAssignmentsAvailable", Math.max(0, max - pending - submitted - decided));
        hit.put("NumberOfAssignmentsCompleted", decided);
        return hit;
    }

    private long count(String hitId, String status) {
        return assignments.values().stream()
                .filter(a -> a.hitId().equals(hitId) && a.status().equals(status))
                .count();
    }

    private boolean expired(String hitId) {
        return hits.get(hitId).path("Expiration").asDouble() <= seconds(clock.instant());
    }

    private boolean assignable(String hitId) {
        ObjectNode hit = hits.get(hitId);
        long taken = assignments.values().stream()
                .filter(a -> a.hitId().equals(hitId))
                .count();
        return !expired(hitId) && taken < hit.path("MaxAssignments").asInt();
    }

    private String hitStatus(String hitId) {
        if (assignable(hitId)) {
            return "Assignable";
        }
        return count(hitId, "Accepted") > 0 && !expired(hitId) ? "Unassignable" : "Reviewable";
    }

    private ObjectNode listAssignments(JsonNode request) {
        String hitId = hitId(request);
        List<String> statuses = new ArrayList<>();
        request.path("AssignmentStatuses").forEach(s -> statuses.add(s.asText()));
        ArrayNode list = JSON.createArrayNode();
        for (StandInAssignment a : assignments.values()) {
            if (a.hitId().equals(hitId)
                    && !a.status().equals("Accepted")
                    && (statuses.isEmpty() || statuses.contains(a.status()))) {
                list.add(describe(a));
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("NumResults", list.size());
        response.set("Assignments", list);
        return response;
    }

    private ObjectNode getAssignment(JsonNode request) {
        StandInAssignment a =
                submittedAssignment(request.path("AssignmentId").asText(""), "Reviewable,Approved,Rejected");
        ObjectNode response = JSON.createObjectNode();
        response.set("Assignment", describe(a));
        response.set("HIT", describeHit(a.hitId()));
        return response;
    }

    /** The assignment, if the requester may see it: Mechanical Turk shows none before its worker submits it. */
    private StandInAssignment submittedAssignment(String assignmentId, String allowed) {
        StandInAssignment a = assignments.get(assignmentId);
        if (a == null) {
            throw new RequestError(null, "Assignment " + assignmentId + " does not exist.");
        }
        if (a.status().equals("Accepted")) {
            throw new RequestError(null, "This operation can be called with a status of: " + allowed);
        }
        return a;
    }

    private ObjectNode decide(JsonNode request, String decision) {
        StandInAssignment a = submittedAssignment(request.path("AssignmentId").asText(""), "Submitted");
        boolean override = decision.equals("Approved")
                && request.path("OverrideRejection").asBoolean(false)
                && a.status().equals("Rejected");
        if (!a.status().equals("Submitted") && !override) {
            throw new RequestError(null, "This operation can be called with a status of: Submitted");
        }
        String feedback = request.path("RequesterFeedback").asText(null);
        if (decision.equals("Rejected") && feedback == null) {
            throw new RequestError(
                    null, "Value null at 'RequesterFeedback' failed to satisfy constraint: must not be null");
        }
        assignments.put(a.assignmentId(), a.with(decision, clock.instant(), null, feedback));
        return JSON.createObjectNode();
    }

    private ObjectNode updateExpiration(JsonNode request) {
        String hitId = hitId(request);
        if (!request.has("ExpireAt")) {
            throw new RequestError(null, "Value null at 'ExpireAt' failed to satisfy constraint: must not be null");
        }
        hits.get(hitId).put("Expiration", request.path("ExpireAt").asDouble());
        return JSON.createObjectNode();
    }

    private ObjectNode deleteHit(JsonNode request) {
        String hitId = hitId(request);
        boolean open =
                !hitStatus(hitId).equals("Reviewable") || count(hitId, "Submitted") > 0 || count(hitId, "Accepted") > 0;
        if (open) {
            throw new RequestError(
                    null,
                    "This HIT is currently in the state '" + hitStatus(hitId) + "' or has assignments to review.");
        }
        hits.remove(hitId);
        return JSON.createObjectNode();
    }

    private ObjectNode describe(StandInAssignment a) {
        ObjectNode json = JSON.createObjectNode();
        json.put("AssignmentId", a.assignmentId());
        json.put("WorkerId", a.workerId());
        json.put("HITId", a.hitId());
        json.put("AssignmentStatus", a.status());
        json.put("AcceptTime", seconds(a.acceptTime()));
        json.put("Deadline", seconds(a.deadline()));
        if (a.submitTime() != null) {
            json.put("SubmitTime", seconds(a.submitTime()));
            json.put(
                    "AutoApprovalTime",
                    seconds(a.submitTime()
                            .plusSeconds(
                                    hits.containsKey(a.hitId())
                                            ? hits.get(a.hitId())
                                                    .path("AutoApprovalDelayInSeconds")
                                                    .asLong()
                                            : DEFAULT_AUTO_APPROVAL_DELAY)));
        }
        if (a.status().equals("Approved")) {
            json.put("ApprovalTime", seconds(a.decisionTime()));
        }
        if (a.status().equals("Rejected")) {
            json.put("RejectionTime", seconds(a.decisionTime()));
        }
        if (a.answer() != null) {
            json.put("Answer", a.answer());
        }
        if (a.requesterFeedback() != null) {
            json.put("RequesterFeedback", a.requesterFeedback());
        }
        return json;
    }

    // ---- worker site ----

    private void acceptPage(HttpExchange exchange, Map<String, String> query) throws IOException {
        String hitId = query.getOrDefault("hitId", "");
        String workerId = query.getOrDefault("workerId", "");
        if (workerId.isBlank()) {
            send(exchange, 400, "text/plain; charset=utf-8", "a workerId is needed to accept a HIT");
            return;
        }
        StandInAssignment a;
        try {
            a = accept(hitId, workerId);
        } catch (IllegalStateException e) {
            send(
                    exchange,
                    409,
                    "text/html; charset=utf-8",
                    page(
                            "Cannot accept",
                            "<p id=\"refused\">" + html(e.getMessage()) + "</p><p><a href=\"/?workerId="
                                    + encode(workerId) + "\">Back</a></p>"));
            return;
        }
        send(
                exchange,
                200,
                "text/html; charset=utf-8",
                framePage(
                        a.hitId(),
                        workerId,
                        taskUrl(a.assignmentId()),
                        "Worker " + workerId + ", assignment " + a.assignmentId()));
    }

    private void previewPage(HttpExchange exchange, Map<String, String> query) throws IOException {
        String hitId = query.getOrDefault("hitId", "");
        URI url;
        synchronized (this) {
            if (!hits.containsKey(hitId)) {
                send(exchange, 404, "text/plain; charset=utf-8", "no HIT " + hitId);
                return;
            }
            url = frameUrl(hitId, PREVIEW_ASSIGNMENT_ID, null);
        }
        send(exchange, 200, "text/html; charset=utf-8", framePage(hitId, "", url, "Preview of HIT " + hitId));
    }

    private synchronized URI frameUrl(String hitId, String assignmentId, String workerId) {
        String external = externalUrl(hits.get(hitId).path("Question").asText()).orElseThrow();
        StringBuilder url = new StringBuilder(external).append(external.contains("?") ? '&' : '?');
        url.append("assignmentId=").append(encode(assignmentId));
        url.append("&hitId=").append(encode(hitId));
        if (workerId != null) {
            url.append("&turkSubmitTo=").append(encode(endpoint().toString()));
            url.append("&workerId=").append(encode(workerId));
        }
        return URI.create(url.toString());
    }

    private void externalSubmit(HttpExchange exchange, Map<String, String> fields) throws IOException {
        String assignmentId = fields.getOrDefault("assignmentId", "");
        try {
            submit(assignmentId, fields);
        } catch (IllegalStateException e) {
            send(
                    exchange,
                    400,
                    "text/html; charset=utf-8",
                    page("Not submitted", "<p id=\"submit-refused\">" + html(e.getMessage()) + "</p>"));
            return;
        }
        send(
                exchange,
                200,
                "text/html; charset=utf-8",
                page(
                        "Submitted",
                        "<p id=\"submitted\">Assignment " + html(assignmentId) + " was submitted. Thank you.</p>"
                                + "<p><a href=\"/\">Find more HITs</a></p>"));
    }

    private synchronized String index(String workerId) {
        StringBuilder rows = new StringBuilder();
        for (String hitId : hits.keySet()) {
            ObjectNode hit = describeHit(hitId);
            rows.append("<tr><td>")
                    .append(html(hit.path("Title").asText()))
                    .append("</td><td>")
                    .append(html(hit.path("Reward").asText()))
                    .append(" USD</td><td>")
                    .append(hit.path("NumberOfAssignmentsAvailable").asInt())
                    .append(" of ")
                    .append(hit.path("MaxAssignments").asInt())
                    .append("</td><td>")
                    .append(hit.path("HITStatus").asText())
                    .append("</td><td>")
                    .append("<a href=\"/worker/preview?hitId=")
                    .append(encode(hitId))
                    .append("\">preview</a>");
            if (!workerId.isBlank() && assignable(hitId)) {
                rows.append(" · <a data-hit=\"")
                        .append(html(hitId))
                        .append("\" href=\"")
                        .append(html(acceptPage(hitId, workerId).toString()))
                        .append("\">accept</a>");
            }
            rows.append("</td></tr>");
        }
        return page(
                "Mechanical Turk stand-in",
                "<p>Verity's local stand-in for Amazon Mechanical Turk's worker site."
                        + " Nothing is paid.</p><form method=\"get\" action=\"/\">Worker id <input name=\"workerId\" value=\""
                        + html(workerId) + "\"> <button>Work as this worker</button></form>"
                        + "<table><tr><th>HIT</th><th>Reward</th><th>Available</th><th>Status</th><th></th></tr>" + rows
                        + "</table>");
    }

    private synchronized String dashboard(String workerId) {
        StringBuilder rows = new StringBuilder();
        for (StandInAssignment a : assignments.values()) {
            if (a.workerId().equals(workerId)) {
                rows.append("<tr data-assignment=\"")
                        .append(html(a.assignmentId()))
                        .append("\"><td>")
                        .append(html(a.hitId()))
                        .append("</td><td>")
                        .append(html(a.assignmentId()))
                        .append("</td><td class=\"status\">")
                        .append(a.status())
                        .append("</td></tr>");
            }
        }
        return page(
                "Dashboard of worker " + workerId,
                "<table id=\"assignments\"><tr><th>HIT</th><th>Assignment"
                        + "</th><th>Status</th></tr>" + rows + "</table><p><a href=\"/?workerId=" + encode(workerId)
                        + "\">Find HITs</a></p>");
    }

    private static String framePage(String hitId, String workerId, URI url, String caption) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>HIT " + html(hitId) + "</title>"
                + "<style>body{margin:0;font:14px system-ui}header{padding:6px 12px;background:#232f3e;color:#fff}"
                + "iframe{border:0;width:100%;height:calc(100vh - 34px)}</style></head><body>"
                + "<header>Mechanical Turk stand-in · " + html(caption)
                + (workerId.isBlank()
                        ? ""
                        : " · <a style=\"color:#fff\" href=\"/?workerId=" + encode(workerId) + "\">HITs</a>")
                + "</header>"
                + "<iframe id=\"task\" name=\"task\" src=\"" + html(url.toString()) + "\"></iframe></body></html>";
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head>"
                + "<body style=\"font:14px system-ui;margin:20px\"><h2>" + html(title) + "</h2>" + body
                + "</body></html>";
    }

    // ---- helpers ----

    /** The posted fields, all but assignmentId, as Mechanical Turk records an ExternalQuestion's answer. */
    static String questionFormAnswers(Map<String, String> fields) {
        StringBuilder xml = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<QuestionFormAnswers xmlns=\""
                        + QUESTION_FORM_ANSWERS + "\">\n");
        fields.forEach((name, value) -> {
            if (!name.equals("assignmentId")) {
                xml.append("<Answer>\n<QuestionIdentifier>")
                        .append(html(name))
                        .append("</QuestionIdentifier>\n")
                        .append("<FreeText>")
                        .append(html(value))
                        .append("</FreeText>\n</Answer>\n");
            }
        });
        return xml.append("</QuestionFormAnswers>\n").toString();
    }

    private static Optional<String> externalUrl(String question) {
        Matcher m = EXTERNAL_URL.matcher(question);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1)
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"));
    }

    private String id(int length) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static ObjectNode error(String type, String turkErrorCode, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", "com.amazonaws.mturk.requester#" + type);
        error.put("Message", message);
        if (turkErrorCode != null) {
            error.put("TurkErrorCode", turkErrorCode);
        }
        return error;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        exchange.getResponseHeaders()
                .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        send(exchange, status, "application/x-amz-json-1.1", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** A refused request: Mechanical Turk's RequestError (HTTP 400), with its TurkErrorCode if it has one. */
    private static final class RequestError extends RuntimeException {
        private final String code;

        RequestError(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
