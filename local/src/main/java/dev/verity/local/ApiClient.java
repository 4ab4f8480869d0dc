package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** A client of Verity's HTTP API, as a browser or script would call it: JSON over HTTP with a bearer token. */
public final class ApiClient {

    /** One API answer: status code and JSON body (empty object when there is none). */
    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final Set<String> TERMINAL = Set.of("Completed", "Failed", "Stopped");
    private static final Duration POLL = Duration.ofMillis(200);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String token;

    public ApiClient(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(baseUrl, otherToken);
    }

    public Response get(String path) throws IOException {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    public Response post(String path, JsonNode body) throws IOException {
        return send(HttpRequest.newBuilder(resolve(path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.write(body))));
    }

    /** Like {@link #get} or {@link #post}, but a non-2xx answer is an exception carrying the API's message. */
    public JsonNode expect(Response response, String what) {
        if (!response.ok()) {
            throw new IllegalStateException(what + " failed: HTTP " + response.status() + " " + response.body());
        }
        return response.body();
    }

    /**
     * Polls DescribeLabelingJob until the job's status is one of {@code statuses} or a terminal one, or time runs out;
     * returns the last description read (an empty object if none could be).
     */
    public JsonNode awaitJob(String job, Set<String> statuses, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = Json.object();
        while (Instant.now().isBefore(deadline)) {
            Response response = get("/jobs/" + job);
            if (response.ok()) {
                last = response.body();
                String status = last.path("LabelingJobStatus").asText();
                if (statuses.contains(status) || TERMINAL.contains(status)) {
                    return last;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        return last;
    }

    private URI resolve(String path) {
        return baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private Response send(HttpRequest.Builder request) throws IOException {
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(
                    response.statusCode(), body == null || body.isBlank() ? Json.object() : Json.parse(body));
        } catch (java.net.ConnectException e) {
            // the runtime that wrote runtime.json is gone (killed, say): name where it was, not just "refused"
            java.net.ConnectException refused = new java.net.ConnectException("Verity does not answer at " + baseUrl);
            refused.initCause(e);
            throw refused;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
