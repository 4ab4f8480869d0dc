package dev.verity.local;

import dev.verity.catalog.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One local runtime for every test class of this JVM that runs jobs in-process, on a temporary state directory and
 * any free API port; it is stopped and its directory deleted when the JVM exits. One, because the functions build
 * their AWS clients once per process (as a Lambda instance does, {@code Services.fromEnvironment()}): a second
 * runtime started in the same JVM would have them still talking to the first one's endpoints. Jobs of different
 * tests do not meet: each has its own name. Its sample post-annotation Lambda is {@link
 * FailureAfterHumanWorkIT.FlakyPostAnnotation}, the sample itself unless a test asks it to fail first.
 */
final class SharedRuntime {

    private static VerityRuntime runtime;
    private static Path stateDir;

    private SharedRuntime() {}

    static synchronized VerityRuntime get() throws IOException {
        if (runtime == null) {
            Path dir = Files.createTempDirectory("verity-test-runtime-");
            VerityRuntime started = VerityRuntime.start(new VerityRuntime.Options(
                    dir,
                    0,
                    Map.of(
                            Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX + VerityRuntime.SAMPLE_POST_ANNOTATION,
                            FailureAfterHumanWorkIT.FlakyPostAnnotation.class.getName()),
                    null,
                    null));
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                started.close();
                                delete(dir);
                            },
                            "verity-test-runtime-stop"));
            runtime = started;
            stateDir = dir;
        }
        return runtime;
    }

    /** The shared runtime's state directory (where it writes its sign-in secret, for instance). */
    static synchronized Path stateDir() throws IOException {
        get();
        return stateDir;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
