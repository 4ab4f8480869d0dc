package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.OwnerOnlyFiles;
import dev.verity.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code <state dir>/runtime.json}: how to reach the running Verity (API URL, endpoints, the functions' environment,
 * a requester token). Written by {@code verity up}, read by {@code verity jobs} and {@code verity invoke}.
 */
final class RuntimeInfo {

    static final String ACCOUNT_ID = "000000000000";
    private static final String FILE = "runtime.json";

    private RuntimeInfo() {}

    /** Owner-only: it holds a requester token and the embedded services' keys. */
    static void write(Path stateDir, ObjectNode info) throws IOException {
        OwnerOnlyFiles.write(stateDir.resolve(FILE), info.toPrettyString());
    }

    static JsonNode read(Path stateDir) throws IOException {
        try {
            return Json.MAPPER.readTree(Files.readString(stateDir.resolve(FILE)));
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "Verity is not running here (no " + stateDir.resolve(FILE) + "): start it with ./verity up");
        }
    }

    static void delete(Path stateDir) throws IOException {
        Files.deleteIfExists(stateDir.resolve(FILE));
    }
}
