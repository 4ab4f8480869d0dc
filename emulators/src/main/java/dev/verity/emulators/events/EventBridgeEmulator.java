package dev.verity.emulators.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.support.LoopbackHttpServer;
import dev.verity.emulators.support.LoopbackHttpServer.Request;
import dev.verity.emulators.support.LoopbackHttpServer.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A recording Amazon EventBridge on 127.0.0.1: {@code PutEvents} over the AWS JSON 1.1 protocol
 * ({@code X-Amz-Target: AWSEvents.PutEvents}, SigV4-signed with any credentials), so the SDK's
 * {@code EventBridgeClient} and {@code aws events put-events --endpoint-url} work. The events are kept in memory, in
 * order, for tests and the local runtime to read ({@link #events()}); no rule matches them and nothing is delivered.
 *
 * <p>As EventBridge does, each entry needs {@code Source}, {@code DetailType} and a {@code Detail} that is a JSON
 * object, and goes to the {@code default} bus (by name or by its ARN): an entry that breaks a rule fails alone, with
 * its {@code ErrorCode}, and counts in {@code FailedEntryCount}. A call has 1 to 10 entries. Other operations answer
 * {@code UnknownOperationException}; unsigned requests {@code MissingAuthenticationTokenException}.
 */
public final class EventBridgeEmulator implements AutoCloseable {

    /** The account in ARNs, the same as the other emulators'. */
    public static final String ACCOUNT_ID = "000000000000";

    private static final String TARGET_PREFIX = "AWSEvents.";
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackHttpServer server;
    private final String region;
    private final Clock clock;
    private final List<RecordedEvent> events = new ArrayList<>();

    private EventBridgeEmulator(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
        server = LoopbackHttpServer.bind("eventbridge");
        server.serve(this::handle);
    }

    /** Starts one on a free port, ARNs in {@code region}. */
    public static EventBridgeEmulator start(String region) {
        return new EventBridgeEmulator(Objects.requireNonNull(region), Clock.systemUTC());
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The events put so far, in the order they were put. */
    public synchronized List<RecordedEvent> events() {
        return List.copyOf(events);
    }

    /** Forgets the events put so far. */
    public synchronized void clear() {
        events.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    private Response handle(Request request) {
        if (!"POST".equals(request.method())) {
            return error(405, "UnknownOperationException", "EventBridge answers POST requests only");
        }
        if (!request.isSigned()) {
            return error(400, "MissingAuthenticationTokenException", "the request is not signed (SigV4)");
        }
        String target = Objects.requireNonNullElse(request.header("x-amz-target"), "");
        if (!target.equals(TARGET_PREFIX + "PutEvents")) {
            return error(400, "UnknownOperationException", "this EventBridge records PutEvents only, not " + target);
        }
        JsonNode body;
        try {
            body = JSON.readTree(new String(request.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return error(400, "SerializationException", "the body is not JSON: " + e.getMessage());
        }
        JsonNode entries = body == null ? null : body.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            return error(
                    400,
                    "ValidationException",
                    "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have"
                            + " length between 1 and 10");
        }
        return json(putEvents(entries));
    }

    private ObjectNode putEvents(JsonNode entries) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            String problem = problem(entry);
            if (problem != null) {
                failed++;
                result.put("ErrorCode", "InvalidArgument").put("ErrorMessage", problem);
                continue;
            }
            String id = UUID.randomUUID().toString();
            List<String> resources = new ArrayList<>();
            entry.path("Resources").forEach(r -> resources.add(r.asText()));
            Instant time = entry.hasNonNull("Time")
                    ? Instant.ofEpochMilli((long) (entry.get("Time").asDouble() * 1000))
                    : clock.instant();
            JsonNode detail;
            try {
                detail = JSON.readTree(entry.get("Detail").asText());
            } catch (IOException e) {
                throw new IllegalStateException(e); // checked by problem()
            }
            synchronized (this) {
                events.add(new RecordedEvent(
                        id,
                        time,
                        "default",
                        entry.get("Source").asText(),
                        entry.get("DetailType").asText(),
                        detail,
                        List.copyOf(resources),
                        ACCOUNT_ID,
                        region));
            }
            result.put("EventId", id);
        }
        answer.put("FailedEntryCount", failed);
        return answer;
    }

    /** Why EventBridge would refuse the entry, or null. */
    private String problem(JsonNode entry) {
        for (String field : List.of("Source", "DetailType", "Detail")) {
            if (!entry.path(field).isTextual() || entry.path(field).asText().isBlank()) {
                return "Parameter " + field + " is not valid. Reason: " + field + " is a required argument.";
            }
        }
        try {
            JsonNode detail = JSON.readTree(entry.get("Detail").asText());
            if (detail == null || !detail.isObject()) {
                return "Detail is malformed: it must be a JSON object.";
            }
        } catch (IOException e) {
            return "Detail is malformed.";
        }
        String bus = entry.path("EventBusName").asText("default");
        if (!bus.equals("default")
                && !bus.equals("arn:aws:events:" + region + ":" + ACCOUNT_ID + ":event-bus/default")) {
            return "Event bus " + bus + " does not exist.";
        }
        return null;
    }

    private static Response json(JsonNode body) {
        try {
            return new Response(200, JSON_11, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
        try {
            return new Response(status, JSON_11, JSON.writeValueAsBytes(body), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
