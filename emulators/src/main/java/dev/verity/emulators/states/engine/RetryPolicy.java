package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A state's Retry and Catch fields: which Retrier or Catcher an error name matches (States.ALL matches everything,
 * States.TaskFailed everything but States.Timeout; States.Runtime is never matched) and how long to wait before
 * a retry. Interval and delays may be fractional seconds (AWS requires whole seconds; tests use small fractions).
 */
final class RetryPolicy {
    private final List<Retrier> retriers;
    private final JsonNode catchers;

    /** One Retrier. {@code maxDelaySeconds} ≤ 0 means no cap. */
    record Retrier(
            List<String> errorEquals,
            double intervalSeconds,
            int maxAttempts,
            double backoffRate,
            double maxDelaySeconds,
            boolean fullJitter) {
        /** The wait before retry number {@code retriesSoFar + 1}; {@code random} in [0, 1) for FULL jitter. */
        long delayMillis(int retriesSoFar, DoubleSupplier random) {
            double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
            if (maxDelaySeconds > 0) {
                seconds = Math.min(seconds, maxDelaySeconds);
            }
            if (fullJitter) {
                seconds *= random.getAsDouble();
            }
            return Math.round(seconds * 1000);
        }
    }

    RetryPolicy(JsonNode state) {
        this.retriers = new ArrayList<>();
        for (JsonNode r : state.path("Retry")) {
            List<String> errors = new ArrayList<>();
            r.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
            retriers.add(new Retrier(
                    errors,
                    r.path("IntervalSeconds").asDouble(1),
                    r.path("MaxAttempts").asInt(3),
                    r.path("BackoffRate").asDouble(2.0),
                    r.path("MaxDelaySeconds").asDouble(0),
                    "FULL".equals(r.path("JitterStrategy").asText("NONE"))));
        }
        this.catchers = state.path("Catch");
    }

    int size() {
        return retriers.size();
    }

    Retrier retrier(int index) {
        return retriers.get(index);
    }

    /** The index of the first Retrier whose ErrorEquals matches {@code error}, or -1. */
    int retrierFor(String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (matches(retriers.get(i).errorEquals(), error)) {
                return i;
            }
        }
        return -1;
    }

    /** The first Catcher whose ErrorEquals matches {@code error}, or null. */
    JsonNode catcherFor(String error) {
        for (JsonNode catcher : catchers) {
            List<String> errors = new ArrayList<>();
            catcher.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
            if (matches(errors, error)) {
                return catcher;
            }
        }
        return null;
    }

    static boolean matches(List<String> errorEquals, String error) {
        if (StateError.RUNTIME.equals(error)) {
            return false;
        }
        for (String candidate : errorEquals) {
            if (candidate.equals(error)
                    || candidate.equals(StateError.ALL)
                    || candidate.equals(StateError.TASK_FAILED) && !StateError.TIMEOUT.equals(error)) {
                return true;
            }
        }
        return false;
    }
}
