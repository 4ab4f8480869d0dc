package dev.verity.emulators;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code -Plocalstack} backend: LocalStack in a container via Testcontainers, exposed as {@link Emulators} with
 * the same endpoint settings. Only {@link EmulatorsExtension} refers to this class, and only in that mode, so
 * Testcontainers (an optional dependency) is loaded only then.
 */
final class LocalStackBackend {
    static final String IMAGE_PROPERTY = "verity.localstack.image";
    static final String DEFAULT_IMAGE = "localstack/localstack:4.4.0";
    static final String NO_DOCKER = "LocalStack profile: no Docker engine available, skipping integration tests "
            + "(they run against the embedded emulators without -Plocalstack)";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    /** Either started emulators or the reason the tests are skipped. */
    record Result(Emulators emulators, String skipReason) {}

    private LocalStackBackend() {}

    static Result start() {
        QuietLogging.apply();
        if (!dockerConfigured()) {
            System.out.println(NO_DOCKER);
            return new Result(null, NO_DOCKER);
        }
        try {
            return startWithTestcontainers();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "The LocalStack backend needs org.testcontainers:testcontainers-localstack on "
                            + "the test classpath (an optional dependency of verity-emulators): add it with test scope",
                    e);
        }
    }

    private static Result startWithTestcontainers() {
        if (!dockerAnswers()) {
            System.out.println(NO_DOCKER);
            return new Result(null, NO_DOCKER);
        }
        String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
        LocalStackContainer container = new LocalStackContainer(
                        DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("s3", "sqs", "dynamodb", "stepfunctions");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
        URI endpoint = container.getEndpoint();
        Emulators emulators = Emulators.external(
                "localstack",
                endpoint,
                endpoint,
                endpoint,
                endpoint,
                container.getRegion(),
                container.getAccessKey(),
                container.getSecretKey(),
                container::stop);
        return new Result(emulators, null);
    }

    /**
     * A cheap look before Testcontainers probes (which logs errors and tries several strategies): is there any hint
     * of a Docker engine at all — DOCKER_HOST, a Testcontainers configuration, or a known socket?
     */
    private static boolean dockerConfigured() {
        if (System.getenv("DOCKER_HOST") != null || System.getProperty("docker.host") != null) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        if (Files.isRegularFile(Path.of(home, ".testcontainers.properties"))) {
            return true;
        }
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        return sockets.stream().anyMatch(Files::exists);
    }

    /** Testcontainers' own check, bounded in time. */
    private static boolean dockerAnswers() {
        ExecutorService probe = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "verity-docker-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Boolean> available =
                    probe.submit(() -> DockerClientFactory.instance().isDockerAvailable());
            return available.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoClassDefFoundError missing) {
                throw missing;
            }
            return false;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            probe.shutdownNow();
        }
    }
}
