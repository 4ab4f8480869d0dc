package dev.verity.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code verity up} in a child JVM, as a user runs it: started on a state directory and port, ready once it has
 * written {@code runtime.json}; its output goes to {@code runtime.log} in the state directory.
 */
final class RuntimeProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final long STOP_TIMEOUT_SECONDS = 15;

    private final Path stateDir;
    private final Process process;

    private RuntimeProcess(Path stateDir, Process process) {
        this.stateDir = stateDir;
        this.process = process;
    }

    static RuntimeProcess start(Path stateDir, int port) throws IOException {
        return start(stateDir, port, List.of());
    }

    /** With more {@code verity up} options, e.g. {@code --web-root}. */
    static RuntimeProcess start(Path stateDir, int port, List<String> options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.awt.headless=true",
                VerityCli.class.getName(),
                "up",
                "--state-dir",
                stateDir.toString(),
                "--port",
                Integer.toString(port)));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(stateDir.toFile(), "runtime.log")))
                .start();
        return new RuntimeProcess(stateDir, process);
    }

    /** Waits (bounded) until the runtime is up and answers what it wrote to {@code runtime.json}. */
    JsonNode awaitReady() throws IOException {
        try {
            return await("verity up to write runtime.json in " + stateDir)
                    .atMost(START_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                if (!process.isAlive()) {
                                    throw new IllegalStateException("the runtime exited: " + log());
                                }
                                return Files.exists(stateDir.resolve("runtime.json"))
                                        ? RuntimeInfo.read(stateDir)
                                        : null;
                            },
                            Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the runtime did not start: " + log(), e);
        }
    }

    /** SIGKILL, as {@code kill -9}: nothing of the runtime gets to run. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops it as Ctrl-C does (SIGTERM: a clean shutdown), forcibly if that takes more than a few seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private String log() throws IOException {
        return Files.readString(stateDir.resolve("runtime.log"));
    }

    /** An S3 client for the runtime's embedded S3, from what it wrote to {@code runtime.json}. */
    static S3Client s3(JsonNode info) {
        return configure(S3Client.builder(), info, "S3").forcePathStyle(true).build();
    }

    /** A Step Functions client for the runtime's embedded state machine service. */
    static SfnClient sfn(JsonNode info) {
        return configure(SfnClient.builder(), info, "SFN").build();
    }

    private static <B extends SdkSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> B configure(
            B builder, JsonNode info, String service) {
        return builder.httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        info.at("/systemProperties/aws.accessKeyId").asText(),
                        info.at("/systemProperties/aws.secretAccessKey").asText())))
                .endpointOverride(URI.create(
                        info.at("/environment/AWS_ENDPOINT_URL_" + service).asText()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
