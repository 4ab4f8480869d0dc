package dev.verity.emulators.states;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Step Functions model behind {@link StatesApi}: state machines, executions (with their history and the
 * runner's checkpoint) and task tokens, with the API's rules (idempotent CreateStateMachine and StartExecution,
 * single-use task tokens). Thread-safe; every operation takes one lock, and {@link ExecutionRunner} callbacks run
 * after it is released.
 *
 * <p>In memory, unless built with an {@link ExecutionStore}: then it starts from what the store holds and writes an
 * execution's file whenever its status, tokens, callbacks or checkpoint change (history events ride along with the
 * next such write), and {@link #resumeRunning()} hands the RUNNING executions back to the runner.
 */
public final class StatesService {
    public static final String ACCOUNT_ID = "000000000000";
    static final int MAX_TOKEN_LENGTH = 2048;
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile ExecutionRunner runner = ExecutionRunner.NONE;

    private final Object lock = new Object();
    private final Map<String, StateMachine> stateMachines = new LinkedHashMap<>(); // by arn
    private final Map<String, Execution> executions = new LinkedHashMap<>(); // by arn, in start order
    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final List<TaskCallback> callbacks = new ArrayList<>();
    private final Map<String, List<HistoryEvent>> histories = new HashMap<>(); // by execution arn
    private final Map<String, JsonNode> checkpoints = new HashMap<>(); // by execution arn
    private final ExecutionStore store;

    private record Token(String executionArn, boolean open) {}

    public StatesService(String region) {
        this(region, Clock.systemUTC());
    }

    public StatesService(String region, Clock clock) {
        this(region, clock, null);
    }

    /** With a non-null {@code store}: loads what it holds and persists every change to it. */
    public StatesService(String region, Clock clock, ExecutionStore store) {
        this.region = Objects.requireNonNull(region);
        this.clock = Objects.requireNonNull(clock);
        this.store = store;
        if (store != null) {
            load(store);
        }
    }

    private void load(ExecutionStore from) {
        for (StateMachine machine : from.loadStateMachines()) {
            stateMachines.put(machine.arn(), machine);
        }
        List<TaskCallback> loadedCallbacks = new ArrayList<>();
        for (ExecutionStore.StoredExecution stored : from.loadExecutions()) {
            String arn = stored.execution().executionArn();
            executions.put(arn, stored.execution());
            histories.put(arn, new ArrayList<>(stored.history()));
            stored.tokens().forEach((token, open) -> tokens.put(token, new Token(arn, open)));
            loadedCallbacks.addAll(stored.callbacks());
            if (stored.checkpoint() != null) {
                checkpoints.put(arn, stored.checkpoint());
            }
        }
        loadedCallbacks.sort(Comparator.comparing(TaskCallback::time));
        callbacks.addAll(loadedCallbacks);
    }

    /** Calls {@link ExecutionRunner#resumed} for every RUNNING execution (after a restart on persisted state). */
    public void resumeRunning() {
        Map<Execution, StateMachine> running = new LinkedHashMap<>();
        synchronized (lock) {
            executions.values().stream()
                    .filter(e -> e.status() == ExecutionStatus.RUNNING)
                    .forEach(e -> running.put(e, stateMachines.get(e.stateMachineArn())));
        }
        running.forEach((execution, machine) -> runner.resumed(this, machine, execution));
    }

    public String region() {
        return region;
    }

    public void setRunner(ExecutionRunner runner) {
        this.runner = runner == null ? ExecutionRunner.NONE : runner;
    }

    public ExecutionRunner runner() {
        return runner;
    }

    public String stateMachineArn(String name) {
        return "arn:aws:states:" + region + ":" + ACCOUNT_ID + ":stateMachine:" + name;
    }

    public static String executionArn(String stateMachineArn, String executionName) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
    }

    // ---- state machines ----

    public StateMachine createStateMachine(String name, String definition, String roleArn, String type) {
        checkName(name);
        require(definition, "definition");
        require(roleArn, "roleArn");
        checkArn(roleArn);
        String machineType = type == null || type.isEmpty() ? "STANDARD" : type;
        if (!machineType.equals("STANDARD") && !machineType.equals("EXPRESS")) {
            throw new StatesException(
                    "ValidationException",
                    "1 validation error detected: Value '" + machineType
                            + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        JsonNode asl = parse(definition, "InvalidDefinition", "Invalid State Machine Definition: ");
        if (!asl.isObject() || !asl.has("StartAt") || !asl.path("States").isObject()) {
            throw new StatesException(
                    "InvalidDefinition",
                    "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: StartAt and States are required'");
        }
        String arn = stateMachineArn(name);
        synchronized (lock) {
            StateMachine existing = stateMachines.get(arn);
            if (existing != null) {
                if (sameJson(existing.definition(), definition)
                        && existing.roleArn().equals(roleArn)
                        && existing.type().equals(machineType)) {
                    return existing;
                }
                throw new StatesException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            StateMachine created = new StateMachine(arn, name, definition, roleArn, machineType, clock.instant());
            stateMachines.put(arn, created);
            if (store != null) {
                store.saveStateMachine(created);
            }
            return created;
        }
    }

    public StateMachine describeStateMachine(String arn) {
        checkArn(arn);
        synchronized (lock) {
            StateMachine found = stateMachines.get(arn);
            if (found == null) {
                throw new StatesException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
            }
            return found;
        }
    }

    public Optional<StateMachine> findStateMachine(String arn) {
        synchronized (lock) {
            return Optional.ofNullable(stateMachines.get(arn));
        }
    }

    public List<StateMachine> stateMachines() {
        synchronized (lock) {
            return List.copyOf(stateMachines.values());
        }
    }

    /** Removes the state machine; its executions stay describable (as in AWS, where they are kept for a while). */
    public void deleteStateMachine(String arn) {
        checkArn(arn);
        synchronized (lock) {
            StateMachine removed = stateMachines.remove(arn);
            if (removed != null && store != null) {
                store.deleteStateMachine(removed);
            }
        }
    }

    // ---- executions ----

    /**
     * StartExecution. Idempotent on the name while the execution runs: the same name with the same input (compared as
     * JSON) returns the running execution; a different input, or a name whose execution has closed, is
     * {@code ExecutionAlreadyExists} (names are never reused).
     */
    public Execution startExecution(String stateMachineArn, String name, String input) {
        checkArn(stateMachineArn);
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        checkName(executionName);
        String executionInput = input == null ? "{}" : input;
        parse(executionInput, "InvalidExecutionInput", "Invalid execution input: ");
        StateMachine machine;
        Execution started;
        synchronized (lock) {
            machine = stateMachines.get(stateMachineArn);
            if (machine == null) {
                throw new StatesException(
                        "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
            }
            String arn = executionArn(stateMachineArn, executionName);
            Execution existing = executions.get(arn);
            if (existing != null) {
                if (existing.status() == ExecutionStatus.RUNNING && sameJson(existing.input(), executionInput)) {
                    return existing;
                }
                throw new StatesException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            started = new Execution(
                    arn,
                    stateMachineArn,
                    executionName,
                    executionInput,
                    ExecutionStatus.RUNNING,
                    clock.instant(),
                    null,
                    null,
                    null,
                    null);
            executions.put(arn, started);
            ObjectNode details =
                    JSON.createObjectNode().put("input", executionInput).put("roleArn", machine.roleArn());
            details.putObject("inputDetails").put("truncated", false);
            addEvent(arn, 0, "ExecutionStarted", "executionStartedEventDetails", details);
            persist(arn);
        }
        runner.started(this, machine, started);
        return started;
    }

    public Execution describeExecution(String executionArn) {
        checkArn(executionArn);
        synchronized (lock) {
            Execution found = executions.get(executionArn);
            if (found == null) {
                throw new StatesException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
            }
            return found;
        }
    }

    public Optional<Execution> findExecution(String executionArn) {
        synchronized (lock) {
            return Optional.ofNullable(executions.get(executionArn));
        }
    }

    /** All executions, in start order. */
    public List<Execution> executions() {
        synchronized (lock) {
            return List.copyOf(executions.values());
        }
    }

    /** ListExecutions order: newest first; {@code status} null for all. */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus status) {
        checkArn(stateMachineArn);
        synchronized (lock) {
            if (!stateMachines.containsKey(stateMachineArn)
                    && executions.values().stream()
                            .noneMatch(e -> e.stateMachineArn().equals(stateMachineArn))) {
                throw new StatesException(
                        "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
            }
            List<Execution> result = new ArrayList<>();
            for (Execution e : executions.values()) {
                if (e.stateMachineArn().equals(stateMachineArn) && (status == null || e.status() == status)) {
                    result.add(0, e);
                }
            }
            return result;
        }
    }

    /** StopExecution: ABORTED with the given error and cause; a closed execution is returned unchanged. */
    public Execution stopExecution(String executionArn, String error, String cause) {
        Execution stopped;
        synchronized (lock) {
            Execution current = describeExecution(executionArn);
            if (current.status().isClosed()) {
                return current;
            }
            stopped = current.close(ExecutionStatus.ABORTED, clock.instant(), null, error, cause);
            executions.put(executionArn, stopped);
            closeTokens(executionArn);
            addEvent(
                    executionArn,
                    lastEventId(executionArn),
                    "ExecutionAborted",
                    "executionAbortedEventDetails",
                    errorDetails(error, cause));
            persist(executionArn);
        }
        runner.stopped(this, stopped);
        return stopped;
    }

    /** For runners: close a RUNNING execution as SUCCEEDED. */
    public Execution succeedExecution(String executionArn, String output) {
        parse(output, "InvalidOutput", "Invalid output: ");
        return finish(executionArn, ExecutionStatus.SUCCEEDED, output, null, null);
    }

    /** For runners: close a RUNNING execution as FAILED (or TIMED_OUT, with that status). */
    public Execution failExecution(String executionArn, ExecutionStatus status, String error, String cause) {
        if (status != ExecutionStatus.FAILED && status != ExecutionStatus.TIMED_OUT) {
            throw new IllegalArgumentException("not a failure status: " + status);
        }
        return finish(executionArn, status, null, error, cause);
    }

    private Execution finish(String executionArn, ExecutionStatus status, String output, String error, String cause) {
        synchronized (lock) {
            Execution current = describeExecution(executionArn);
            if (current.status().isClosed()) {
                throw new IllegalStateException(executionArn + " is already " + current.status());
            }
            Execution closed = current.close(status, clock.instant(), output, error, cause);
            executions.put(executionArn, closed);
            closeTokens(executionArn);
            long previous = lastEventId(executionArn);
            if (status == ExecutionStatus.SUCCEEDED) {
                ObjectNode details = JSON.createObjectNode().put("output", output);
                details.putObject("outputDetails").put("truncated", false);
                addEvent(executionArn, previous, "ExecutionSucceeded", "executionSucceededEventDetails", details);
            } else if (status == ExecutionStatus.TIMED_OUT) {
                addEvent(
                        executionArn,
                        previous,
                        "ExecutionTimedOut",
                        "executionTimedOutEventDetails",
                        errorDetails(error, cause));
            } else {
                addEvent(
                        executionArn,
                        previous,
                        "ExecutionFailed",
                        "executionFailedEventDetails",
                        errorDetails(error, cause));
            }
            persist(executionArn);
            return closed;
        }
    }

    // ---- task tokens ----

    /** For runners (and tests): a new open task token belonging to a RUNNING execution. */
    public String issueTaskToken(String executionArn) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = "VTT" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        registerTaskToken(token, executionArn);
        return token;
    }

    /** Accepts {@code token} (chosen by the caller) as an open task token of a RUNNING execution. */
    public void registerTaskToken(String token, String executionArn) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a task token has 1 to " + MAX_TOKEN_LENGTH + " characters");
        }
        synchronized (lock) {
            Execution execution = describeExecution(executionArn);
            if (execution.status().isClosed()) {
                throw new IllegalStateException(executionArn + " is " + execution.status());
            }
            if (tokens.containsKey(token)) {
                throw new IllegalStateException("task token already issued");
            }
            tokens.put(token, new Token(executionArn, true));
            persist(executionArn);
        }
    }

    /** For runners: closes an open token nobody may answer any more (its task timed out or was abandoned). */
    public void retireTaskToken(String token) {
        synchronized (lock) {
            Token t = tokens.get(token);
            if (t != null && t.open()) {
                tokens.put(token, new Token(t.executionArn(), false));
                persist(t.executionArn());
            }
        }
    }

    /** For runners resuming an execution: closes its open tokens except {@code keep} (may be null). */
    public void retireTaskTokensExcept(String executionArn, String keep) {
        synchronized (lock) {
            tokens.replaceAll((k, t) ->
                    t.executionArn().equals(executionArn) && !k.equals(keep) ? new Token(executionArn, false) : t);
            persist(executionArn);
        }
    }

    /** The SendTaskSuccess or SendTaskFailure that answered {@code token}, if one did. */
    public Optional<TaskCallback> taskResult(String token) {
        synchronized (lock) {
            return callbacks.stream()
                    .filter(c -> c.isResult() && c.taskToken().equals(token))
                    .findFirst();
        }
    }

    /** Whether {@code token} is known and not yet answered (and its execution still runs). */
    public boolean isTaskTokenOpen(String token) {
        synchronized (lock) {
            Token t = tokens.get(token);
            return t != null && t.open();
        }
    }

    public TaskCallback sendTaskSuccess(String token, String output) {
        require(output, "output");
        parse(output, "InvalidOutput", "Invalid Output: ");
        return callback(TaskCallback.Kind.SUCCESS, token, output, null, null);
    }

    public TaskCallback sendTaskFailure(String token, String error, String cause) {
        return callback(TaskCallback.Kind.FAILURE, token, null, error, cause);
    }

    public TaskCallback sendTaskHeartbeat(String token) {
        return callback(TaskCallback.Kind.HEARTBEAT, token, null, null, null);
    }

    /** Every accepted result callback and each open token's latest heartbeat, in arrival order. */
    public List<TaskCallback> taskCallbacks() {
        synchronized (lock) {
            return List.copyOf(callbacks);
        }
    }

    private TaskCallback callback(TaskCallback.Kind kind, String token, String output, String error, String cause) {
        require(token, "taskToken");
        TaskCallback recorded;
        synchronized (lock) {
            Token t = tokens.get(token);
            if (t == null) {
                throw new StatesException("InvalidToken", "Invalid Token: 'Invalid token'");
            }
            if (!t.open()) {
                throw new StatesException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
            }
            recorded = new TaskCallback(kind, token, t.executionArn(), output, error, cause, clock.instant());
            if (kind == TaskCallback.Kind.HEARTBEAT) {
                // Only a token's latest heartbeat matters: a job sends one per object let in, and every callback kept
                // is written again with each change of the execution (a 100,000-object job slowed to a crawl).
                callbacks.removeIf(c ->
                        c.kind() == TaskCallback.Kind.HEARTBEAT && c.taskToken().equals(token));
            }
            callbacks.add(recorded);
            if (recorded.isResult()) {
                tokens.put(token, new Token(t.executionArn(), false));
            }
            persist(t.executionArn());
        }
        runner.taskCallback(this, recorded);
        return recorded;
    }

    // ---- history and checkpoints ----

    /**
     * For runners: appends a history event to a RUNNING execution and returns its id ({@code previousEventId} 0 for
     * none). Persisted with the execution's next write. Ignored (returns 0) once the execution has closed.
     */
    public long recordEvent(
            String executionArn, long previousEventId, String type, String detailsKey, ObjectNode details) {
        synchronized (lock) {
            Execution execution = executions.get(executionArn);
            if (execution == null || execution.status().isClosed()) {
                return 0;
            }
            return addEvent(executionArn, previousEventId, type, detailsKey, details);
        }
    }

    /** GetExecutionHistory: the execution's events, oldest first. */
    public List<HistoryEvent> history(String executionArn) {
        synchronized (lock) {
            describeExecution(executionArn);
            return List.copyOf(histories.getOrDefault(executionArn, List.of()));
        }
    }

    /** For runners: replaces the execution's checkpoint (where to resume after a restart) and persists it. */
    public void checkpoint(String executionArn, JsonNode checkpoint) {
        synchronized (lock) {
            Execution execution = executions.get(executionArn);
            if (execution == null || execution.status().isClosed()) {
                return;
            }
            checkpoints.put(executionArn, checkpoint);
            persist(executionArn);
        }
    }

    public Optional<JsonNode> checkpoint(String executionArn) {
        synchronized (lock) {
            return Optional.ofNullable(checkpoints.get(executionArn));
        }
    }

    private long addEvent(
            String executionArn, long previousEventId, String type, String detailsKey, ObjectNode details) {
        List<HistoryEvent> events = histories.computeIfAbsent(executionArn, k -> new ArrayList<>());
        long id = events.size() + 1L;
        events.add(new HistoryEvent(id, previousEventId, clock.instant(), type, detailsKey, details));
        return id;
    }

    private long lastEventId(String executionArn) {
        return histories.getOrDefault(executionArn, List.of()).size();
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = JSON.createObjectNode();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }

    /** Writes the execution's file (caller holds the lock). */
    private void persist(String executionArn) {
        if (store == null) {
            return;
        }
        Map<String, Boolean> own = new LinkedHashMap<>();
        tokens.forEach((token, t) -> {
            if (t.executionArn().equals(executionArn)) {
                own.put(token, t.open());
            }
        });
        List<TaskCallback> ownCallbacks = callbacks.stream()
                .filter(c -> c.executionArn().equals(executionArn))
                .toList();
        store.saveExecution(new ExecutionStore.StoredExecution(
                executions.get(executionArn),
                List.copyOf(histories.getOrDefault(executionArn, List.of())),
                own,
                ownCallbacks,
                checkpoints.get(executionArn)));
    }

    private void closeTokens(String executionArn) {
        tokens.replaceAll((k, t) -> t.executionArn().equals(executionArn) ? new Token(executionArn, false) : t);
    }

    // ---- validation ----

    static void require(String value, String member) {
        if (value == null) {
            throw new StatesException(
                    "ValidationException",
                    "1 validation error detected: Value null at '" + member
                            + "' failed to satisfy constraint: Member must not be null");
        }
    }

    static void checkName(String name) {
        require(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new StatesException("InvalidName", "Invalid Name: '" + name + "'");
        }
    }

    static void checkArn(String arn) {
        require(arn, "arn");
        if (!arn.startsWith("arn:") || arn.split(":", -1).length < 6) {
            throw new StatesException(
                    "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
    }

    static JsonNode parse(String json, String errorCode, String prefix) {
        if (json == null) {
            throw new StatesException(errorCode, prefix + "'null'");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new StatesException(errorCode, prefix + "'empty document'");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new StatesException(errorCode, prefix + "'" + e.getOriginalMessage() + "'");
        }
    }

    private static boolean sameJson(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
