package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.MarkJobFailedHandler;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** What POST /jobs/{name}/resume refuses, each with its reason (resuming itself: FailureAfterHumanWorkIT). */
@ExtendWith(EmulatorsExtension.class)
class ResumeRefusalsIT {

    private final Services services = new Services(Environment.current());
    private final S3Client s3 = new AwsClients(Environment.current()).s3();

    @Test
    void aJobThatHasNotFailedOrFailedBeforeAnyHumanWorkIsNotResumed() throws Exception {
        JobDriver job = JobDriver.imageJob(services, s3, "resume", "resume-refused", 1, 1, r -> {});

        JsonNode running = job.requester("POST /jobs/{name}/resume", Map.of("name", job.job), (JsonNode) null);
        assertThat(ApiEvents.status(running)).isEqualTo(409);
        assertThat(ApiEvents.body(running).get("message").asText()).contains("only a failed job can be resumed");

        new MarkJobFailedHandler(services)
                .handle(
                        Json.object()
                                .put("jobName", job.job)
                                .set(
                                        "error",
                                        Json.object()
                                                .put("Error", "States.TaskFailed")
                                                .put("Cause", "the manifest vanished")),
                        null);
        JsonNode early = job.requester("POST /jobs/{name}/resume", Map.of("name", job.job), (JsonNode) null);
        assertThat(ApiEvents.status(early)).isEqualTo(409);
        assertThat(ApiEvents.body(early).get("message").asText())
                .contains("failed before any task was sent to workers")
                .contains("the manifest vanished");

        JsonNode unknown = job.requester("POST /jobs/{name}/resume", Map.of("name", "no-such-job"), (JsonNode) null);
        assertThat(ApiEvents.status(unknown)).isEqualTo(404);
    }
}
