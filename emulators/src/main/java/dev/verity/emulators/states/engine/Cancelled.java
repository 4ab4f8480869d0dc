package dev.verity.emulators.states.engine;

/**
 * Unwinds a thread whose work no longer matters: the execution was stopped, the engine is closing, or a sibling
 * Map iteration / Parallel branch failed. Never matched by Retry or Catch, and never recorded as a failure.
 */
final class Cancelled extends RuntimeException {
    Cancelled() {
        super(null, null, false, false);
    }
}
