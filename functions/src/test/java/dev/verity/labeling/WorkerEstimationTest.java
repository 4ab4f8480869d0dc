package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.fakes.InMemoryJobStore;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The job-wide measure of the workers, gathered chunk by chunk: each chunk's answers are written once per human
 * batch, and the estimate reads those files, never the answers themselves.
 */
class WorkerEstimationTest {

    /** Chunks of 2 objects, so a job of 5 has 3. */
    private final LabelingBench bench = new LabelingBench(InMemoryJobStore::new, 2);

    private String answeredJob(String name) {
        String job = bench.imageJob(name, 5, 2);
        IntStream.range(0, 5).forEach(i -> {
            bench.takeAndAnswer(job, "w1");
            bench.takeAndAnswer(job, "w2");
        });
        return job;
    }

    @Test
    void theModelMeasuresEveryWorkerOverEveryChunk() throws Exception {
        String job = answeredJob("every-chunk");

        for (int chunk = 0; chunk < 3; chunk++) {
            JsonNode gathered = bench.workerEstimation.gather(job, chunk);
            assertThat(gathered.get("answers").asInt()).isEqualTo(chunk < 2 ? 2 : 1);
        }
        JsonNode estimated = bench.workerEstimation.estimate(job);

        assertThat(estimated.get("workerModel").asBoolean()).isTrue();
        JsonNode model = Json.parse(bench.objects.text(bench.layout(job).workerModel()));
        assertThat(model.get("workers")).hasSize(2);
    }

    @Test
    void aTaskTypeThatMeasuresNoWorkersGathersNothingAndStoresNoModel() throws Exception {
        bench.lambdas.reply(LabelingBench.PRE_LAMBDA, event -> {
            ObjectNode response = Json.object();
            response.putObject("taskInput")
                    .put("text", event.at("/dataObject/source").asText());
            return response;
        });
        String job = bench.dispatch(bench.createAndSelect(bench.customRequest("custom", 2, 1)));
        bench.takeAndAnswer(job, "w1");

        assertThat(bench.workerEstimation.gather(job, 0).get("answers").asInt()).isZero();
        assertThat(bench.workerEstimation.estimate(job).get("workerModel").asBoolean())
                .isFalse();
        assertThat(bench.objects.exists(bench.layout(job).chunkAnswers(1, 0))).isFalse();
        assertThat(bench.objects.exists(bench.layout(job).workerModel())).isFalse();
    }

    @Test
    void gatheringClosesTheBatchToWorkers() throws Exception {
        String job = bench.imageJob("closes", 2, 1);

        bench.workerEstimation.gather(job, 0);

        assertThat(bench.poll(job, "w1")).isEmpty();
    }

    @Test
    void aGatheringRetriedWritesTheSameFile() throws Exception {
        String job = answeredJob("retried");
        bench.workerEstimation.gather(job, 0);
        byte[] first = bytes(bench.layout(job).chunkAnswers(1, 0));

        bench.workerEstimation.gather(job, 0);

        assertThat(bytes(bench.layout(job).chunkAnswers(1, 0))).isEqualTo(first);
    }

    private byte[] bytes(S3Uri uri) throws IOException {
        try (InputStream in = bench.objects.open(uri).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    @Test
    void anEstimateWithAChunkNotGatheredFailsAndSaysWhich() throws Exception {
        String job = answeredJob("not-gathered");
        bench.workerEstimation.gather(job, 0);
        bench.workerEstimation.gather(job, 2);

        assertThatThrownBy(() -> bench.workerEstimation.estimate(job))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the answers of chunk 1 of batch 1 were not gathered");
    }
}
