package dev.verity.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;

/** A rejected manifest line and why. */
public record LineError(long lineNumber, String reason) implements ManifestEntry {

    /** The line as it is reported in the job's errors file: {@code {"line": <n>, "error": "<reason>"}}. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("line", lineNumber);
        json.put("error", reason);
        return json;
    }
}
