package dev.verity.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Test helpers that use Verity only through its public interfaces: S3 uploads and the HTTP API. */
final class LocalJobs {

    static final List<String> LABELS = List.of("red", "green", "blue");

    private LocalJobs() {}

    /** Uploads {@code objects} images, a manifest and categories; returns source-ref → true label, in order. */
    static Map<String, String> uploadDataset(S3Client s3, String bucket, String job, int objects) {
        Map<String, String> truth = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            String key = "it/" + job + "/img-" + i + ".png";
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[] {(byte) i, 1, 2}));
            String sourceRef = "s3://" + bucket + "/" + key;
            truth.put(sourceRef, LABELS.get(i % LABELS.size()));
            manifest.append(Json.write(Json.object().put("source-ref", sourceRef)))
                    .append('\n');
        }
        s3.putObject(
                b -> b.bucket(bucket).key("it/" + job + "/input.manifest"),
                RequestBody.fromString(manifest.toString()));
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        s3.putObject(
                b -> b.bucket(bucket).key("it/" + job + "/categories.json"),
                RequestBody.fromString(Json.write(categories)));
        return truth;
    }

    /** Starts the job the way a user would from the CLI: uploading its request to {@code jobs/<name>.json}. */
    static void uploadJobRequest(S3Client s3, String bucket, String job, int workersPerObject) {
        s3.putObject(
                b -> b.bucket(bucket).key("jobs/" + job + ".json"),
                RequestBody.fromString(jobRequest(bucket, job, workersPerObject)));
    }

    /** An image-classification job request over {@code it/<job>/input.manifest}. */
    static String jobRequest(String bucket, String job, int workersPerObject) {
        return """
                {"LabelingJobName": "%1$s", "LabelAttributeName": "colour",
                 "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://%2$s/it/%1$s/input.manifest"}}},
                 "OutputConfig": {"S3OutputPath": "s3://%2$s/it-output"},
                 "RoleArn": "arn:aws:iam::000000000000:role/verity-it",
                 "LabelCategoryConfigS3Uri": "s3://%2$s/it/%1$s/categories.json",
                 "HumanTaskConfig": {
                   "WorkteamArn": "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce",
                   "UiConfig": {"UiTemplateS3Uri": "s3://%2$s/templates/t.html"},
                   "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
                   "TaskTitle": "Which colour?", "TaskDescription": "Pick the colour",
                   "NumberOfHumanWorkersPerDataObject": %3$d, "TaskTimeLimitInSeconds": 60,
                   "TaskAvailabilityLifetimeInSeconds": 3600,
                   "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"}}}
                """.formatted(job, bucket, workersPerObject);
    }

    /**
     * Signs in through the local stand-in for Cognito's hosted UI, with the sign-in secret the runtime on
     * {@code stateDir} wrote for this run, and returns an API client with the ID token.
     */
    static ApiClient signIn(Path stateDir, URI apiUrl, String username, String group)
            throws IOException, InterruptedException {
        ObjectNode body = Json.object().put("username", username);
        body.putArray("groups").add(group);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(apiUrl.resolve("local-auth/token"))
                                .header("content-type", "application/json")
                                .header("x-verity-sign-in-secret", signInSecret(stateDir))
                                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("sign-in failed: " + response.statusCode() + " " + response.body());
        }
        return new ApiClient(apiUrl, Json.parse(response.body()).get("idToken").asText());
    }

    /** The secret the runtime on {@code stateDir} wrote for this run (a new one each time it starts). */
    static String signInSecret(Path stateDir) throws IOException {
        return Files.readString(stateDir.resolve("sign-in-secret")).strip();
    }

    /** The worker's answer: the true label, except for every fifth object where it is wrong. */
    static String answer(String worker, String objectId, String truth) {
        int id = Integer.parseInt(objectId);
        boolean wrong = (id + worker.hashCode()) % 5 == 0;
        return wrong ? LABELS.get((LABELS.indexOf(truth) + 1) % LABELS.size()) : truth;
    }

    static ObjectNode answerBody(String label) {
        ObjectNode body = Json.object();
        body.putObject("answerContent").putObject("crowd-image-classifier").put("label", label);
        return body;
    }

    /**
     * The worker's next task of the job, waiting (bounded) for one to be dispatched; null if none comes. Polled in the
     * caller's thread, so a task handed out by a request still running at the time-out is not lost: it is returned.
     */
    static JsonNode take(ApiClient worker, String job, long timeoutMillis) throws IOException {
        ApiClient.Response next;
        try {
            next = await("a task of " + job)
                    .atMost(Duration.ofMillis(timeoutMillis))
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> worker.post("/worker/jobs/" + job + "/tasks/next", null), r -> r.status() != 204);
        } catch (ConditionTimeoutException e) {
            return null;
        }
        return worker.expect(next, "next task");
    }

    /** The job's description once its status is {@code status} or a terminal one, or as it was at the time-out. */
    static JsonNode waitForStatus(ApiClient requester, String job, String status, long timeoutMillis)
            throws IOException, InterruptedException {
        return requester.awaitJob(job, Set.of(status), Duration.ofMillis(timeoutMillis));
    }
}
