package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A job's metrics read back through {@code GET /jobs/{name}/metrics}: the handlers, run over the embedded services
 * with the local runtime's metrics file ({@value Catalog#ENV_METRICS_FILE}), append their EMF lines to it, and the
 * route adds up the job's.
 */
@ExtendWith(EmulatorsExtension.class)
class JobMetricsIT {

    private static final String JOB = "metrics-animals";

    @TempDir
    Path dir;

    @Test
    void theMetricsRouteAddsUpTheTasksAWorkerTookReturnedAndAnsweredAndTheJobsOutcome(Emulators emulators)
            throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        Map<String, String> env = new HashMap<>(Environment.current().values());
        env.put(Catalog.ENV_METRICS_FILE, file.toString());
        Services services = new Services(new Environment(env));
        AwsClients clients = new AwsClients(Environment.current());
        S3Client s3 = clients.s3();
        SfnClient sfn = clients.sfn();
        JobDriver job = JobDriver.imageJob(services, s3, "metrics", JOB, 2, 1, request -> {})
                .dispatch(emulators, sfn);

        JsonNode before = job.requester("GET /jobs/{name}/metrics", Map.of("name", JOB), Map.of());
        assertThat(ApiEvents.status(before)).as(before.toString()).isEqualTo(200);
        assertThat(ApiEvents.body(before)
                        .path("metrics")
                        .path("TasksAccepted")
                        .path("count")
                        .asInt())
                .isZero();
        assertThat(ApiEvents.body(before)
                        .path("metrics")
                        .path("TimeSpent")
                        .path("average")
                        .isNull())
                .isTrue();

        // a task taken and given back, then both answered
        JsonNode taken = ApiEvents.body(job.next("worker-1"));
        JsonNode released = job.worker(
                "POST /worker/assignments/{id}/release",
                Map.of("id", taken.path("assignmentId").asText()),
                null,
                "worker-1");
        assertThat(ApiEvents.status(released)).as(released.toString()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            JsonNode task = ApiEvents.body(job.next("worker-1"));
            JsonNode submitted = job.worker(
                    "POST /worker/assignments/{id}",
                    Map.of("id", task.path("assignmentId").asText()),
                    JobDriver.classifierAnswer("cat"),
                    "worker-1");
            assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
        }
        job.finish();
        // the driver calls the handlers' handle(), not their Lambda entry point, which flushes after each invocation
        services.monitor.flush();

        JsonNode reply = job.requester("GET /jobs/{name}/metrics", Map.of("name", JOB), Map.of());
        assertThat(ApiEvents.status(reply)).as(reply.toString()).isEqualTo(200);
        JsonNode body = ApiEvents.body(reply);
        assertThat(body.path("LabelingJobName").asText()).isEqualTo(JOB);
        assertThat(body.path("Workteam").asText()).isEqualTo("Everyone-in-private-workforce");
        JsonNode metrics = body.path("metrics");
        assertThat(metrics.path("TasksAccepted").path("sum").asDouble()).isEqualTo(3);
        assertThat(metrics.path("TasksReturned").path("sum").asDouble()).isEqualTo(1);
        assertThat(metrics.path("TasksSubmitted").path("sum").asDouble()).isEqualTo(2);
        assertThat(metrics.path("TasksDeclined").path("sum").asDouble()).isZero();
        assertThat(metrics.path("TimeSpent").path("count").asInt()).isEqualTo(2);
        assertThat(metrics.path("TimeSpent").path("average").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(metrics.path("JobsSucceeded").path("sum").asDouble()).isEqualTo(1);
        assertThat(metrics.path("DatasetObjectsHumanAnnotated").path("maximum").asDouble())
                .isEqualTo(2);
        assertThat(Files.readAllLines(file)).allSatisfy(line -> assertThat(line).contains("\"" + JOB + "\""));

        JsonNode unknown = job.requester("GET /jobs/{name}/metrics", Map.of("name", "no-such-job"), Map.of());
        assertThat(ApiEvents.status(unknown)).isEqualTo(404);
    }
}
