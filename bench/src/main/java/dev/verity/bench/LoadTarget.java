package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.json.Json;
import dev.verity.local.ApiClient;
import dev.verity.local.VerityRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The Verity the load benchmark runs against: a local runtime started in this JVM on a temporary state folder, or one
 * already running ({@code verity up}), found through its {@code runtime.json}. Either way the benchmark reaches it
 * only as a user would: its S3 for the data and its HTTP API, with tokens from the local sign-in route.
 */
final class LoadTarget implements AutoCloseable {

    private static final String SIGN_IN_SECRET_HEADER = "x-verity-sign-in-secret";

    private final URI apiUrl;
    private final S3Client s3;
    private final String bucket;
    private final Path stateDir;
    private final VerityRuntime started;
    private final String description;
    private final HttpClient http = HttpClient.newHttpClient();

    private LoadTarget(
            URI apiUrl, S3Client s3, String bucket, Path stateDir, VerityRuntime started, String description) {
        this.apiUrl = apiUrl;
        this.s3 = s3;
        this.bucket = bucket;
        this.stateDir = stateDir;
        this.started = started;
        this.description = description;
    }

    /** A runtime of its own, in this JVM: the workers and the service then share the machine's cores. */
    static LoadTarget startInProcess() throws IOException {
        Path state = Files.createTempDirectory("verity-load-");
        VerityRuntime runtime = VerityRuntime.start(new VerityRuntime.Options(state, 0));
        return new LoadTarget(
                runtime.apiUrl(),
                runtime.s3(),
                runtime.bucket(),
                state,
                runtime,
                "a local runtime started in the benchmark's JVM (`VerityRuntime`, the same as `verity up`)");
    }

    /** The runtime that wrote {@code runtimeJson} ({@code <state dir>/runtime.json}); its state folder is kept. */
    static LoadTarget attach(Path runtimeJson) throws IOException {
        JsonNode info = Json.MAPPER.readTree(Files.readString(runtimeJson));
        // The embedded services' endpoints and keys, as `verity invoke` sets them for a function.
        info.path("environment")
                .fields()
                .forEachRemaining(
                        e -> System.setProperty(e.getKey(), e.getValue().asText()));
        info.path("systemProperties")
                .fields()
                .forEachRemaining(
                        e -> System.setProperty(e.getKey(), e.getValue().asText()));
        S3Client s3 = new AwsClients(Environment.current()).s3();
        URI api = URI.create(info.path("apiUrl").asText());
        return new LoadTarget(
                api,
                s3,
                info.path("bucket").asText(VerityRuntime.BUCKET),
                runtimeJson.toAbsolutePath().getParent(),
                null,
                "a running `verity up` at " + api);
    }

    S3Client s3() {
        return s3;
    }

    String bucket() {
        return bucket;
    }

    /** The runtime's Step Functions endpoint, for the executions' histories. */
    SfnClient sfn() {
        return started != null ? started.clients().sfn() : new AwsClients(Environment.current()).sfn();
    }

    String description() {
        return description;
    }

    /**
     * Signs in through {@code POST /local-auth/token}, the local stand-in for Cognito's hosted UI, with the secret
     * this run of the runtime wrote to its state folder; each username is its own worker ({@code sub}).
     */
    ApiClient signIn(String username, String group) throws IOException, InterruptedException {
        String secret = Files.readString(stateDir.resolve(VerityRuntime.SIGN_IN_SECRET_FILE))
                .strip();
        ObjectNode body = Json.object().put("username", username);
        body.putArray("groups").add(group);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(apiUrl.resolve("local-auth/token"))
                        .header("content-type", "application/json")
                        .header(SIGN_IN_SECRET_HEADER, secret)
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "signing in " + username + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return new ApiClient(apiUrl, Json.parse(response.body()).get("idToken").asText());
    }

    /** Stops a runtime this benchmark started and deletes its state; leaves an attached one running. */
    @Override
    public void close() throws IOException {
        if (started == null) {
            return;
        }
        started.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
