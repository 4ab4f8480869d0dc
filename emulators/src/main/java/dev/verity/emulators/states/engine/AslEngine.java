package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.emulators.lambda.LambdaInvoker;
import dev.verity.emulators.states.Execution;
import dev.verity.emulators.states.ExecutionRunner;
import dev.verity.emulators.states.ExecutionStatus;
import dev.verity.emulators.states.StateMachine;
import dev.verity.emulators.states.StatesService;
import dev.verity.emulators.states.TaskCallback;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The states engine: an {@link ExecutionRunner} that interprets Amazon States Language. Each started (or resumed)
 * execution runs on a worker of a bounded pool ({@value #DEFAULT_EXECUTIONS} at once by default; more wait their
 * turn); Lambda calls, Map iterations and Parallel branches run on a second, growing pool of daemon threads. A
 * waiting state (Wait, a task token, a retry delay) holds its worker. The outcome is recorded in the
 * {@link StatesService}: history events, a checkpoint per state transition, and finally
 * succeedExecution/failExecution.
 *
 * <p>Resume after a restart (the service loaded a persisted RUNNING execution): the execution continues in the
 * checkpointed top-level state with its recorded input and retry counters. A Task in flight is run again
 * (at-least-once, as Lambda retries are); a {@code .waitForTaskToken} state whose function was already called
 * keeps waiting for the same token with the rest of its timeout, and an answer that arrived before the restart
 * is used; a Wait state waits only the rest; a Map or Parallel state runs again as a whole (tokens its iterations
 * had issued are retired).
 */
public final class AslEngine implements ExecutionRunner, AutoCloseable {
    public static final int DEFAULT_EXECUTIONS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(AslEngine.class);

    private final Interpreter interpreter;
    private final ThreadPoolExecutor executions;
    private final ExecutorService tasks;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public AslEngine(LambdaInvoker invoker) {
        this(invoker, DEFAULT_EXECUTIONS);
    }

    public AslEngine(LambdaInvoker invoker, int maxConcurrentExecutions) {
        Objects.requireNonNull(invoker);
        this.executions = new ThreadPoolExecutor(
                maxConcurrentExecutions,
                maxConcurrentExecutions,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemons("verity-states-execution-"));
        this.executions.allowCoreThreadTimeOut(true);
        this.tasks = Executors.newCachedThreadPool(daemons("verity-states-task-"));
        this.interpreter = new Interpreter(invoker, tasks);
    }

    @Override
    public void started(StatesService states, StateMachine stateMachine, Execution execution) {
        launch(states, stateMachine, execution, null);
    }

    @Override
    public void resumed(StatesService states, StateMachine stateMachine, Execution execution) {
        if (stateMachine == null) {
            states.failExecution(
                    execution.executionArn(),
                    ExecutionStatus.FAILED,
                    StateError.RUNTIME,
                    "The state machine was deleted before the execution could resume");
            return;
        }
        Checkpoint checkpoint =
                states.checkpoint(execution.executionArn()).map(Checkpoint::of).orElse(null);
        // Only the checkpointed top-level token is still awaited; tokens of iterations that will re-run are not.
        states.retireTaskTokensExcept(execution.executionArn(), checkpoint == null ? null : checkpoint.token());
        launch(states, stateMachine, execution, checkpoint);
    }

    @Override
    public void taskCallback(StatesService states, TaskCallback callback) {
        Run run = runs.get(callback.executionArn());
        if (run != null) {
            run.deliver(callback);
        }
    }

    @Override
    public void stopped(StatesService states, Execution execution) {
        Run run = runs.remove(execution.executionArn());
        if (run != null) {
            run.cancel();
        }
    }

    private void launch(StatesService states, StateMachine machine, Execution execution, Checkpoint checkpoint) {
        Run run;
        try {
            run = new Run(states, machine, execution);
        } catch (StateError e) {
            states.failExecution(execution.executionArn(), ExecutionStatus.FAILED, e.error(), e.cause());
            return;
        }
        runs.put(execution.executionArn(), run);
        executions.execute(() -> execute(run, checkpoint));
    }

    private void execute(Run run, Checkpoint checkpoint) {
        StatesService service = run.service;
        try {
            JsonNode output = interpreter.run(Scope.top(run), run.definition, run.input(), checkpoint);
            if (!run.isCancelled()) {
                service.succeedExecution(run.arn(), output.toString());
            }
        } catch (StateError e) {
            // a failure caused by shutdown (an interrupted call) is not the execution's outcome
            if (!run.isCancelled()) {
                service.failExecution(run.arn(), ExecutionStatus.FAILED, e.error(), e.cause());
            }
        } catch (Cancelled e) {
            // stopped, or the engine is closing: the persisted state stays as it is
        } catch (IllegalStateException e) {
            // the execution was closed meanwhile (StopExecution raced the last state)
            LOG.debug("execution {} closed while finishing: {}", run.arn(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("execution {} failed in the engine", run.arn(), e);
            if (!run.isCancelled()) {
                service.failExecution(run.arn(), ExecutionStatus.FAILED, StateError.RUNTIME, String.valueOf(e));
            }
        } finally {
            runs.remove(run.arn(), run);
        }
    }

    /** Stops interpreting: waits end, threads exit without recording anything, so persisted executions resume later. */
    @Override
    public void close() {
        runs.values().forEach(Run::cancel);
        executions.shutdownNow();
        tasks.shutdownNow();
        try {
            executions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
