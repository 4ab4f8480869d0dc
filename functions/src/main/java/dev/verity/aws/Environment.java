package dev.verity.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a function runs with: the process environment, overlaid by JVM system properties of the same
 * (upper-case) names. In Lambda only the environment is set; tests and the local runtime run handlers in one JVM and
 * give them the same variables as system properties.
 */
public record Environment(Map<String, String> values) {

    public static Environment current() {
        Map<String, String> merged = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.matches("[A-Z][A-Z0-9_]*")) {
                merged.put(key, v.toString());
            }
        });
        return new Environment(Map.copyOf(merged));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }
}
