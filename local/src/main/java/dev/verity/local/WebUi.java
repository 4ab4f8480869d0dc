package dev.verity.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.http.SignInSecret;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The worker portal and requester console the runtime serves at /: the `verity-web` build on the classpath. */
final class WebUi {

    /**
     * What the UI reads from /config.json locally: the API on its own origin, sign-in by the local token issuer with
     * this run's secret (only the runtime's own pages can read it: see {@link SignInSecret}).
     */
    static String localConfig(SignInSecret secret) {
        ObjectNode config = Json.object().put("apiUrl", "");
        config.putObject("auth").put("kind", "local").put("signInSecret", secret.value());
        return Json.write(config);
    }

    private static final String RESOURCE = "verity-web/index.html";

    private WebUi() {}

    /** The folder to serve: the one asked for, else the UI packaged on the classpath (a folder or inside the jar). */
    static Path root(Path requested) {
        if (requested != null) {
            if (!Files.isRegularFile(requested.resolve("index.html"))) {
                throw new IllegalArgumentException(
                        "--web-root " + requested + " has no index.html (build it: cd web " + "&& npm run build)");
            }
            return requested;
        }
        URL index = WebUi.class.getClassLoader().getResource(RESOURCE);
        if (index == null) {
            throw new IllegalStateException("the web UI is not on the classpath (" + RESOURCE + "); build it with "
                    + "mvn -pl local -am package");
        }
        try {
            URI uri = index.toURI();
            if (uri.getScheme().equals("jar")) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // another runtime in this JVM opened the jar first; Path.of finds its file system
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected classpath URL " + index, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the runtime jar to serve the web UI", e);
        }
    }
}
