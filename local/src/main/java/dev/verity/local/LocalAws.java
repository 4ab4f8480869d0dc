package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;

/** AWS clients of the running Verity's embedded services, from its {@code runtime.json} (see {@link RuntimeInfo}). */
final class LocalAws {

    private LocalAws() {}

    /** Points this process at the runtime: its endpoints, region and keys, as the functions' environment. */
    static void useRuntime(JsonNode info) {
        info.path("environment")
                .fields()
                .forEachRemaining(
                        e -> System.setProperty(e.getKey(), e.getValue().asText()));
        info.path("systemProperties")
                .fields()
                .forEachRemaining(
                        e -> System.setProperty(e.getKey(), e.getValue().asText()));
    }

    static AwsClients clients(JsonNode info) {
        useRuntime(info);
        return new AwsClients(Environment.current());
    }
}
