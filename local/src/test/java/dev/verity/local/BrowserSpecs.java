package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs browser specs of {@code web/e2e} (Vitest + playwright-core) as a child process and fails with the failed
 * tests and their first error lines in the message, so a CI log's tail names what broke.
 */
final class BrowserSpecs {

    static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    /** Lines kept after each failure heading: the error and where it was thrown. */
    private static final int LINES_PER_FAILURE = 8;

    private BrowserSpecs() {}

    /** Where the specs save screenshots, created if missing. */
    static Path screenshots() throws java.io.IOException {
        return Files.createDirectories(WEB.resolve("e2e/screenshots"));
    }

    /** Runs the given spec files (all when none) with the environment added, and asserts they all passed. */
    static void run(Map<String, String> env, long timeoutMinutes, String... specFiles) throws Exception {
        List<String> command = new ArrayList<>(List.of("npx", "vitest", "run", "--config", "vitest.e2e.config.ts"));
        command.addAll(List.of(specFiles));
        ProcessBuilder specs =
                new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true);
        specs.environment().putAll(env);
        specs.environment().put("SCREENSHOT_DIR", screenshots().toString());
        Process process = specs.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        // Through System.out, not inheritIO: Surefire's channel to this JVM must not be written to natively.
        Thread echo = new Thread(
                () -> process.inputReader().lines().forEach(line -> {
                    System.out.println(line);
                    output.add(ANSI.matcher(line).replaceAll(""));
                }),
                "browser-specs-output");
        echo.setDaemon(true);
        echo.start();
        try {
            assertThat(process.waitFor(timeoutMinutes, TimeUnit.MINUTES))
                    .as("browser specs finished within %d minutes", timeoutMinutes)
                    .isTrue();
            echo.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(process.exitValue())
                    .as("browser specs' exit code; failures:%n%s", failures(output))
                    .isZero();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Each "FAIL" heading of Vitest's summary with the lines after it. */
    static String failures(List<String> output) {
        List<String> kept = new ArrayList<>();
        synchronized (output) {
            for (int i = 0; i < output.size(); i++) {
                if (output.get(i).trim().startsWith("FAIL ")) {
                    kept.addAll(output.subList(i, Math.min(output.size(), i + 1 + LINES_PER_FAILURE)));
                }
            }
        }
        return kept.isEmpty()
                ? "(none reported: see the output above)"
                : kept.stream().collect(Collectors.joining("\n"));
    }
}
