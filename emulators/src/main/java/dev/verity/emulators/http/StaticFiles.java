package dev.verity.emulators.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Files under a root directory for GET requests no route serves (the web UI); a directory serves its index.html. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("wasm", "application/wasm"));
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The file at {@code rawPath}, or empty when there is none (or the path leaves the root). */
    Optional<GatewayResponse> get(String rawPath) {
        Path file = root;
        for (String segment : rawPath.split("/")) {
            String name = RouteTable.decode(segment);
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..") || name.contains("/") || name.contains("\\")) {
                return Optional.empty();
            }
            file = file.resolve(name);
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // no-cache: the UI is rebuilt while the runtime runs, and a stale bundle would be confusing
            return Optional.of(GatewayResponse.of(200, contentType(file), Files.readAllBytes(file))
                    .set("cache-control", "no-cache"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0
                ? DEFAULT_TYPE
                : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_TYPE);
    }
}
