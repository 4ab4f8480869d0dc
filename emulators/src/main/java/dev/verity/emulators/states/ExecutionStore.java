package dev.verity.emulators.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files under a directory that let {@link StatesService} survive a restart: {@code state-machines/<name>.json}
 * (what CreateStateMachine stored) and {@code executions/<machine>:<execution>.json} (URL-encoded names), each
 * execution file holding the execution, its history, its task tokens and callbacks, and the runner's checkpoint.
 * Every write goes to a temporary file that is then renamed over the old one, so a file is always whole. After
 * {@link #close()} writes are dropped: a runner thread that outlives its emulator cannot overwrite what a newer
 * emulator on the same directory wrote.
 */
public final class ExecutionStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path machines;
    private final Path executions;
    private volatile boolean closed;

    /** Everything persisted about one execution. {@code tokens} maps each token to whether it is still open. */
    public record StoredExecution(
            Execution execution,
            List<HistoryEvent> history,
            Map<String, Boolean> tokens,
            List<TaskCallback> callbacks,
            JsonNode checkpoint) {}

    public ExecutionStore(Path directory) {
        this.machines = directory.resolve("state-machines");
        this.executions = directory.resolve("executions");
        try {
            Files.createDirectories(machines);
            Files.createDirectories(executions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    public void saveStateMachine(StateMachine machine) {
        ObjectNode node = JSON.createObjectNode()
                .put("arn", machine.arn())
                .put("name", machine.name())
                .put("definition", machine.definition())
                .put("roleArn", machine.roleArn())
                .put("type", machine.type())
                .put("creationDate", machine.creationDate().toString());
        write(machines.resolve(fileName(machine.name())), node);
    }

    public void deleteStateMachine(StateMachine machine) {
        if (closed) {
            return;
        }
        try {
            Files.deleteIfExists(machines.resolve(fileName(machine.name())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void saveExecution(StoredExecution stored) {
        Execution e = stored.execution();
        ObjectNode node = JSON.createObjectNode();
        node.putObject("execution")
                .put("executionArn", e.executionArn())
                .put("stateMachineArn", e.stateMachineArn())
                .put("name", e.name())
                .put("input", e.input())
                .put("status", e.status().name())
                .put("startDate", e.startDate().toString())
                .put("stopDate", e.stopDate() == null ? null : e.stopDate().toString())
                .put("output", e.output())
                .put("error", e.error())
                .put("cause", e.cause());
        ArrayNode history = node.putArray("history");
        for (HistoryEvent event : stored.history()) {
            ObjectNode h = history.addObject()
                    .put("id", event.id())
                    .put("previousEventId", event.previousEventId())
                    .put("timestamp", event.timestamp().toString())
                    .put("type", event.type())
                    .put("detailsKey", event.detailsKey());
            h.set("details", event.details());
        }
        ObjectNode tokens = node.putObject("tokens");
        stored.tokens().forEach(tokens::put);
        ArrayNode callbacks = node.putArray("callbacks");
        for (TaskCallback c : stored.callbacks()) {
            callbacks
                    .addObject()
                    .put("kind", c.kind().name())
                    .put("taskToken", c.taskToken())
                    .put("output", c.output())
                    .put("error", c.error())
                    .put("cause", c.cause())
                    .put("time", c.time().toString());
        }
        node.set("checkpoint", stored.checkpoint());
        write(executions.resolve(fileName(machineName(e.stateMachineArn()) + ":" + e.name())), node);
    }

    public List<StateMachine> loadStateMachines() {
        List<StateMachine> result = new ArrayList<>();
        for (JsonNode n : readAll(machines)) {
            result.add(new StateMachine(
                    n.get("arn").asText(),
                    n.get("name").asText(),
                    n.get("definition").asText(),
                    n.get("roleArn").asText(),
                    n.get("type").asText(),
                    Instant.parse(n.get("creationDate").asText())));
        }
        return result;
    }

    /** Every stored execution, in start order. */
    public List<StoredExecution> loadExecutions() {
        List<StoredExecution> result = new ArrayList<>();
        for (JsonNode n : readAll(executions)) {
            JsonNode e = n.get("execution");
            Execution execution = new Execution(
                    e.get("executionArn").asText(),
                    e.get("stateMachineArn").asText(),
                    e.get("name").asText(),
                    e.get("input").asText(),
                    ExecutionStatus.valueOf(e.get("status").asText()),
                    Instant.parse(e.get("startDate").asText()),
                    instant(e.get("stopDate")),
                    text(e.get("output")),
                    text(e.get("error")),
                    text(e.get("cause")));
            List<HistoryEvent> history = new ArrayList<>();
            for (JsonNode h : n.path("history")) {
                history.add(new HistoryEvent(
                        h.get("id").asLong(),
                        h.get("previousEventId").asLong(),
                        Instant.parse(h.get("timestamp").asText()),
                        h.get("type").asText(),
                        text(h.get("detailsKey")),
                        h.get("details") instanceof ObjectNode details ? details : null));
            }
            Map<String, Boolean> tokens = new LinkedHashMap<>();
            n.path("tokens")
                    .fields()
                    .forEachRemaining(t -> tokens.put(t.getKey(), t.getValue().asBoolean()));
            List<TaskCallback> callbacks = new ArrayList<>();
            for (JsonNode c : n.path("callbacks")) {
                callbacks.add(new TaskCallback(
                        TaskCallback.Kind.valueOf(c.get("kind").asText()),
                        c.get("taskToken").asText(),
                        execution.executionArn(),
                        text(c.get("output")),
                        text(c.get("error")),
                        text(c.get("cause")),
                        Instant.parse(c.get("time").asText())));
            }
            JsonNode checkpoint = n.get("checkpoint");
            result.add(new StoredExecution(
                    execution,
                    history,
                    tokens,
                    callbacks,
                    checkpoint == null || checkpoint.isNull() ? null : checkpoint));
        }
        result.sort((a, b) -> a.execution().startDate().compareTo(b.execution().startDate()));
        return result;
    }

    /** Later writes are ignored. */
    @Override
    public void close() {
        closed = true;
    }

    private void write(Path target, JsonNode node) {
        if (closed) {
            return;
        }
        try {
            Path temp = Files.createTempFile(target.getParent(), ".write-", ".tmp");
            try {
                Files.write(temp, JSON.writeValueAsBytes(node));
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static List<JsonNode> readAll(Path directory) {
        List<JsonNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                nodes.add(JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return nodes;
    }

    private static String fileName(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + ".json";
    }

    private static String machineName(String stateMachineArn) {
        return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
