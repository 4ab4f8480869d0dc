package dev.verity.it;

import static dev.verity.it.JobDriver.classifierAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The request's {@code ConsolidationMethod} reaches the output: two one-image classification jobs, each image answered
 * by one worker, one job with Ground Truth's method and one with the default. Through the real handlers and the
 * embedded services.
 */
@ExtendWith(EmulatorsExtension.class)
class ConsolidationMethodIT {

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
    }

    @Test
    void groundTruthsMethodGivesALoneAnswerConfidenceZeroAndTheDescriptionEchoesTheChoice(Emulators emulators)
            throws Exception {
        JobDriver job = JobDriver.imageJob(
                services, s3, "methods", "ground-truth-method", 1, 1, r -> r.put("ConsolidationMethod", "GroundTruth"));

        JsonNode metadata = labelOfTheOneImage(job, emulators);

        assertThat(metadata.get("class-name").asText()).isEqualTo("dog");
        assertThat(metadata.get("confidence").doubleValue()).isZero();
        assertThat(described(job).get("ConsolidationMethod").asText()).isEqualTo("GroundTruth");
    }

    @Test
    void theDefaultMethodGivesALoneAnswerAConfidenceBetweenZeroAndOne(Emulators emulators) throws Exception {
        JobDriver job = JobDriver.imageJob(services, s3, "methods", "default-method", 1, 1, r -> {});

        JsonNode metadata = labelOfTheOneImage(job, emulators);

        assertThat(metadata.get("class-name").asText()).isEqualTo("dog");
        assertThat(metadata.get("confidence").doubleValue()).isGreaterThan(0.0).isLessThan(1.0);
        assertThat(described(job).has("ConsolidationMethod")).isFalse();
    }

    @Test
    void aMethodVerityDoesNotKnowIsRefusedNamingTheFieldAndTheMethods() throws Exception {
        JobDriver job = new JobDriver(services, "unknown-method");
        var request = JobDriver.request(
                "unknown-method",
                "animal",
                "methods/unknown-method.manifest",
                "methods/categories.json",
                "ImageMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                1);
        request.put("ConsolidationMethod", "MajorityVote");

        JsonNode refused = job.requester("POST /jobs", Map.of(), request);

        assertThat(ApiEvents.status(refused)).as(refused.toString()).isEqualTo(400);
        assertThat(ApiEvents.body(refused).get("message").asText())
                .contains("ConsolidationMethod")
                .contains("[Verity, GroundTruth]")
                .contains("MajorityVote");
    }

    /** One worker answers "dog" for the job's one image; the job finishes; the output line's label metadata. */
    private static JsonNode labelOfTheOneImage(JobDriver job, Emulators emulators) throws Exception {
        job.dispatch(emulators, sfn);
        JsonNode task = ApiEvents.body(job.next("w1"));
        JsonNode submitted = job.worker(
                "POST /worker/assignments/{id}",
                Map.of("id", task.get("assignmentId").asText()),
                classifierAnswer("dog"),
                "w1");
        assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
        job.finish();

        String output = s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET)
                        .key("jobs-output/" + job.job + "/manifests/output/output.manifest"))
                .asString(StandardCharsets.UTF_8);
        JsonNode line = Json.parse(output.strip());
        assertThat(line.get("animal").asInt()).isEqualTo(1);
        return line.get("animal-metadata");
    }

    private static JsonNode described(JobDriver job) throws Exception {
        JsonNode described = job.requester("GET /jobs/{name}", Map.of("name", job.job), (JsonNode) null);
        assertThat(ApiEvents.status(described)).as(described.toString()).isEqualTo(200);
        return ApiEvents.body(described);
    }
}
