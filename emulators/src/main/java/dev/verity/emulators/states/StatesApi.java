package dev.verity.emulators.states;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Step Functions JSON API (AWS JSON 1.0) over {@link StatesService}, independent of the HTTP server: one
 * request is an action name (from {@code X-Amz-Target: AWSStepFunctions.<Action>}) and a JSON body; the answer is
 * HTTP 200 with a JSON body, or 400 with {@code {"__type": "<ErrorCode>", "message": "..."}}.
 */
public final class StatesApi {
    public static final String TARGET_PREFIX = "AWSStepFunctions.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /** An HTTP answer: status, body and (for errors) the error code. */
    public record Response(int status, byte[] body, String errorCode) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StatesService service;
    private final Map<String, Function<JsonNode, ObjectNode>> actions;

    public StatesApi(StatesService service) {
        this.service = service;
        this.actions = Map.ofEntries(
                Map.entry("CreateStateMachine", this::createStateMachine),
                Map.entry("DescribeStateMachine", this::describeStateMachine),
                Map.entry("ListStateMachines", this::listStateMachines),
                Map.entry("DeleteStateMachine", this::deleteStateMachine),
                Map.entry("StartExecution", this::startExecution),
                Map.entry("DescribeExecution", this::describeExecution),
                Map.entry("ListExecutions", this::listExecutions),
                Map.entry("StopExecution", this::stopExecution),
                Map.entry("GetExecutionHistory", this::getExecutionHistory),
                Map.entry("SendTaskSuccess", this::sendTaskSuccess),
                Map.entry("SendTaskFailure", this::sendTaskFailure),
                Map.entry("SendTaskHeartbeat", this::sendTaskHeartbeat));
    }

    /** Handles one request; {@code target} is the X-Amz-Target header (may be null). Never throws. */
    public Response handle(String target, byte[] body) {
        try {
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new StatesException("UnknownOperationException", "Missing or unknown X-Amz-Target: " + target);
            }
            Function<JsonNode, ObjectNode> action = actions.get(target.substring(TARGET_PREFIX.length()));
            if (action == null) {
                throw new StatesException(
                        "UnknownOperationException",
                        "Operation not supported by this emulator: " + target.substring(TARGET_PREFIX.length()));
            }
            JsonNode request;
            try {
                request = body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new StatesException("SerializationException", "Request body is not JSON: " + e.getMessage());
            }
            if (request == null || !request.isObject()) {
                throw new StatesException("SerializationException", "Request body must be a JSON object");
            }
            return new Response(200, JSON.writeValueAsBytes(action.apply(request)), null);
        } catch (StatesException e) {
            return error(400, e.code(), e.getMessage());
        } catch (RuntimeException | JsonProcessingException e) {
            return error(500, "InternalFailure", String.valueOf(e));
        }
    }

    private static Response error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", code).put("message", message);
        try {
            return new Response(status, JSON.writeValueAsBytes(body), code);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- actions ----

    private ObjectNode createStateMachine(JsonNode in) {
        StateMachine sm = service.createStateMachine(
                text(in, "name"), text(in, "definition"), text(in, "roleArn"), text(in, "type"));
        ObjectNode out = JSON.createObjectNode().put("stateMachineArn", sm.arn());
        date(out, "creationDate", sm.creationDate());
        return out;
    }

    private ObjectNode describeStateMachine(JsonNode in) {
        StateMachine sm = service.describeStateMachine(text(in, "stateMachineArn"));
        ObjectNode out = JSON.createObjectNode()
                .put("stateMachineArn", sm.arn())
                .put("name", sm.name())
                .put("status", "ACTIVE")
                .put("definition", sm.definition())
                .put("roleArn", sm.roleArn())
                .put("type", sm.type());
        date(out, "creationDate", sm.creationDate());
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        return out;
    }

    private ObjectNode listStateMachines(JsonNode in) {
        Page page = Page.of(in);
        List<StateMachine> all = service.stateMachines();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("stateMachines");
        for (StateMachine sm : page.slice(all)) {
            ObjectNode item = items.addObject()
                    .put("stateMachineArn", sm.arn())
                    .put("name", sm.name())
                    .put("type", sm.type());
            date(item, "creationDate", sm.creationDate());
        }
        page.next(all.size(), out);
        return out;
    }

    private ObjectNode deleteStateMachine(JsonNode in) {
        service.deleteStateMachine(text(in, "stateMachineArn"));
        return JSON.createObjectNode();
    }

    private ObjectNode startExecution(JsonNode in) {
        Execution e = service.startExecution(text(in, "stateMachineArn"), text(in, "name"), text(in, "input"));
        ObjectNode out = JSON.createObjectNode().put("executionArn", e.executionArn());
        date(out, "startDate", e.startDate());
        return out;
    }

    private ObjectNode describeExecution(JsonNode in) {
        Execution e = service.describeExecution(text(in, "executionArn"));
        ObjectNode out = summary(JSON.createObjectNode(), e);
        out.put("input", e.input());
        out.putObject("inputDetails").put("included", true);
        if (e.output() != null) {
            out.put("output", e.output());
            out.putObject("outputDetails").put("included", true);
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        return out;
    }

    private ObjectNode listExecutions(JsonNode in) {
        String status = text(in, "statusFilter");
        ExecutionStatus filter;
        try {
            filter = status == null ? null : ExecutionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new StatesException("ValidationException", "Invalid statusFilter: " + status);
        }
        Page page = Page.of(in);
        List<Execution> all = service.listExecutions(text(in, "stateMachineArn"), filter);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("executions");
        for (Execution e : page.slice(all)) {
            summary(items.addObject(), e);
        }
        page.next(all.size(), out);
        return out;
    }

    private ObjectNode stopExecution(JsonNode in) {
        Execution e = service.stopExecution(text(in, "executionArn"), text(in, "error"), text(in, "cause"));
        return date(JSON.createObjectNode(), "stopDate", e.stopDate());
    }

    private ObjectNode getExecutionHistory(JsonNode in) {
        List<HistoryEvent> events = new ArrayList<>(service.history(text(in, "executionArn")));
        if (in.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(events);
        }
        boolean includeData = in.path("includeExecutionData").asBoolean(true);
        Page page = Page.of(in);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("events");
        for (HistoryEvent event : page.slice(events)) {
            ObjectNode item = items.addObject();
            date(item, "timestamp", event.timestamp());
            item.put("type", event.type()).put("id", event.id()).put("previousEventId", event.previousEventId());
            if (event.detailsKey() != null && event.details() != null) {
                ObjectNode details = event.details().deepCopy();
                if (!includeData) {
                    details.remove(List.of("input", "output", "parameters"));
                }
                item.set(event.detailsKey(), details);
            }
        }
        page.next(events.size(), out);
        return out;
    }

    private ObjectNode sendTaskSuccess(JsonNode in) {
        service.sendTaskSuccess(text(in, "taskToken"), text(in, "output"));
        return JSON.createObjectNode();
    }

    private ObjectNode sendTaskFailure(JsonNode in) {
        service.sendTaskFailure(text(in, "taskToken"), text(in, "error"), text(in, "cause"));
        return JSON.createObjectNode();
    }

    private ObjectNode sendTaskHeartbeat(JsonNode in) {
        service.sendTaskHeartbeat(text(in, "taskToken"));
        return JSON.createObjectNode();
    }

    // ---- helpers ----

    private static ObjectNode summary(ObjectNode out, Execution e) {
        out.put("executionArn", e.executionArn())
                .put("stateMachineArn", e.stateMachineArn())
                .put("name", e.name())
                .put("status", e.status().name());
        date(out, "startDate", e.startDate());
        if (e.stopDate() != null) {
            date(out, "stopDate", e.stopDate());
        }
        return out;
    }

    /** AWS JSON timestamps: epoch seconds with a fraction. */
    private static ObjectNode date(ObjectNode out, String field, Instant instant) {
        return out.put(field, BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    private static String text(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new StatesException("SerializationException", "Field '" + field + "' must be a string");
        }
        return value.asText();
    }

    /** maxResults/nextToken paging over an in-memory list; the token is the next offset. */
    private record Page(int offset, int size) {
        static Page of(JsonNode in) {
            int max = in.path("maxResults").asInt(0);
            if (max < 0 || max > 1000) {
                throw new StatesException("ValidationException", "maxResults must be between 0 and 1000");
            }
            String token = text(in, "nextToken");
            int offset = 0;
            if (token != null) {
                try {
                    offset = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    throw new StatesException("InvalidToken", "Invalid Token: '" + token + "'");
                }
            }
            return new Page(offset, max == 0 ? 100 : max);
        }

        <T> List<T> slice(List<T> all) {
            int from = Math.min(offset, all.size());
            return all.subList(from, Math.min(all.size(), from + size));
        }

        void next(int total, ObjectNode out) {
            if (offset + size < total) {
                out.put("nextToken", Integer.toString(offset + size));
            }
        }
    }
}
