package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a finished job's automated-labeling files (Ground Truth's layout under {@code <S3OutputPath>/<job>/}) and
 * scores each round against the truth: what its model predicted for every object, and the objects it labeled. Object
 * ids are mapped back to the dataset through the job's own {@code manifests/intermediate/selected/} chunks.
 */
final class JobFiles {

    /**
     * One round seen against the truth.
     *
     * @param model       the round's {@code training/iteration-<n>/model.json} (empty if it trained none)
     * @param predictions the round's model on every object it predicted
     * @param machine     the objects the round machine-labeled
     */
    record RoundCheck(int iteration, JsonNode model, AutoLabelingJob.Score predictions, AutoLabelingJob.Score machine) {

        double trainingSeconds() {
            return model.path("trainingSeconds").asDouble(Double.NaN);
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final String root;

    /** @param root the job's folder, {@code <output prefix><job>/} */
    JobFiles(S3Client s3, String bucket, String root) {
        this.s3 = s3;
        this.bucket = bucket;
        this.root = root;
    }

    List<RoundCheck> rounds(JsonNode rounds, Map<String, LabelingDataset.Item> byKey) {
        Map<String, LabelingDataset.Item> byId = new HashMap<>();
        eachLine(
                "manifests/intermediate/selected/",
                chunk -> byId.put(
                        chunk.path("datasetObjectId").asText(),
                        byKey.get(AutoLabelingJob.objectKey(chunk.path("line")))));
        return StreamSupport.stream(rounds.spliterator(), false)
                .map(round -> {
                    int n = round.path("iteration").asInt();
                    return new RoundCheck(
                            n,
                            json("training/iteration-" + n + "/model.json"),
                            score("inference/iteration-" + n + "/", byId),
                            score("activelearning/iteration-" + n + "/machine-labels/", byId));
                })
                .toList();
    }

    /** Predictions ({@code {"datasetObjectId", "label", "confidence"}}) under {@code folder} against the truth. */
    private AutoLabelingJob.Score score(String folder, Map<String, LabelingDataset.Item> byId) {
        long[] tally = new long[2];
        eachLine(folder, prediction -> {
            LabelingDataset.Item item =
                    byId.get(prediction.path("datasetObjectId").asText());
            if (item != null && prediction.has("label")) {
                tally[0]++;
                tally[1] += prediction.path("label").asInt() == item.truth() ? 1 : 0;
            }
        });
        return new AutoLabelingJob.Score(tally[0], tally[1]);
    }

    /** Every JSON line of the {@code .jsonl} files directly under {@code folder}. */
    private void eachLine(String folder, Consumer<JsonNode> action) {
        String prefix = root + folder;
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            String key = object.key();
            if (!key.endsWith(".jsonl") || key.substring(prefix.length()).contains("/")) {
                continue;
            }
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(s3.getObject(b -> b.bucket(bucket).key(key)), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        action.accept(Json.parse(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private JsonNode json(String path) {
        try {
            return Json.MAPPER.readTree(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(root + path)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Json.object();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
