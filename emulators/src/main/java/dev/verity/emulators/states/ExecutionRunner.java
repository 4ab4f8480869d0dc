package dev.verity.emulators.states;

/**
 * What runs an execution once StartExecution has recorded it. The default, {@link #NONE}, runs nothing: executions
 * stay RUNNING until stopped, or until something closes them through
 * {@link StatesService#succeedExecution}/{@link StatesService#failExecution}. The ASL interpreter plugs in here: on
 * {@link #started} it begins interpreting the state machine's definition (on its own thread; callbacks must not
 * block the HTTP thread), issues task tokens with {@link StatesService#issueTaskToken} for
 * {@code .waitForTaskToken} states, and resumes them on {@link #taskCallback}.
 *
 * <p>Callbacks are invoked after the model is updated and outside its lock, so a runner may call back into the
 * {@link StatesService}.
 */
public interface ExecutionRunner {
    ExecutionRunner NONE = new ExecutionRunner() {};

    /** A new execution was recorded as RUNNING (not called for an idempotent repeat of StartExecution). */
    default void started(StatesService states, StateMachine stateMachine, Execution execution) {}

    /**
     * A RUNNING execution was loaded from persisted state after a restart ({@link StatesService#resumeRunning()});
     * {@code stateMachine} is null if it was deleted. Its checkpoint is {@link StatesService#checkpoint(String)}.
     */
    default void resumed(StatesService states, StateMachine stateMachine, Execution execution) {}

    /** A task token was answered: SUCCESS and FAILURE close the token, HEARTBEAT does not. */
    default void taskCallback(StatesService states, TaskCallback callback) {}

    /** StopExecution closed the execution with status ABORTED. */
    default void stopped(StatesService states, Execution execution) {}
}
