package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.lambda.LambdaFunctions;
import dev.verity.manifest.DataObject;
import dev.verity.manifest.S3Uri;
import dev.verity.store.Assignment;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.ConsolidatedLabel;
import dev.verity.tasktype.ObjectAnswers;
import dev.verity.tasktype.WorkerAnswer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A custom job's post-annotation step for one chunk (reference §4.2). With a consolidation Lambda: the batch file
 * goes to {@link JobLayout#consolidationRequest}, the Lambda gets Ground Truth's request pointing at it, its response
 * is kept under {@link JobLayout#consolidationResponse}, and each object's label is the response's
 * {@code consolidatedAnnotation.content.<labelAttributeName>}. Without one: the label is {@code {}} with a
 * {@code worker-response-ref}.
 */
final class CustomConsolidation {

    private final ObjectStore objects;
    private final LambdaFunctions functions;

    CustomConsolidation(ObjectStore objects, LambdaFunctions functions) {
        this.objects = objects;
        this.functions = functions;
    }

    /**
     * Labels for the answered objects of a chunk; objects the Lambda returned no label for are left out.
     *
     * @param lastAnswers each answered object's last answer
     * @throws dev.verity.lambda.FunctionFailedException if the consolidation Lambda failed: the job fails, as the
     *                                                   labels cannot be made
     */
    List<ConsolidatedLabel> consolidate(
            JobContext job,
            int chunk,
            List<ChunkReader.ChunkObject> chunkObjects,
            List<ObjectAnswers> batch,
            Map<String, Assignment> lastAnswers)
            throws IOException {
        var consolidation = job.request().humanTaskConfig().annotationConsolidationConfig();
        if (consolidation == null) {
            return withWorkerResponseRefs(job, batch, lastAnswers);
        }
        if (batch.isEmpty()) {
            return List.of();
        }
        S3Uri payload = job.layout().consolidationRequest(chunk);
        put(payload, batchFile(chunkObjects, batch));
        JsonNode response = functions.invoke(consolidation.annotationConsolidationLambdaArn(), request(job, payload));
        put(job.layout().consolidationResponse(chunk), response);
        return labels(job, batch, response);
    }

    /**
     * Ground Truth's labels without a consolidation Lambda: each points at the object's worker-response file, which
     * holds every answer it got ({@link WorkerResponses}, written from the same answers).
     */
    private static List<ConsolidatedLabel> withWorkerResponseRefs(
            JobContext job, List<ObjectAnswers> batch, Map<String, Assignment> lastAnswers) {
        List<ConsolidatedLabel> labels = new ArrayList<>();
        for (ConsolidatedLabel label : job.taskType()
                .consolidate(batch, job.categories(), job.request().consolidation())) {
            String id = label.objectId();
            // A custom job has one human batch (automated labeling is for built-in types).
            S3Uri ref = job.layout().workerResponse(1, id, lastAnswers.get(id).submittedAt());
            ObjectNode metadata = label.metadata().deepCopy().put("worker-response-ref", ref.toString());
            labels.add(new ConsolidatedLabel(id, label.value(), metadata));
        }
        return labels;
    }

    /** {@code [{"datasetObjectId","dataObject":{"s3Uri"|"content"},"annotations":[...]}]}, answered objects only. */
    private static ArrayNode batchFile(List<ChunkReader.ChunkObject> chunkObjects, List<ObjectAnswers> batch) {
        Map<String, ObjectNode> lines = new HashMap<>();
        chunkObjects.forEach(object -> lines.put(object.objectId(), object.line()));
        ArrayNode file = Json.array();
        for (ObjectAnswers object : batch) {
            ObjectNode entry = file.addObject().put("datasetObjectId", object.objectId());
            ObjectNode line = lines.get(object.objectId());
            if (line.hasNonNull(DataObject.SOURCE_REF)) {
                entry.putObject("dataObject")
                        .put("s3Uri", line.get(DataObject.SOURCE_REF).asText());
            } else {
                entry.putObject("dataObject")
                        .put("content", line.path(DataObject.SOURCE).asText());
            }
            ArrayNode annotations = entry.putArray("annotations");
            for (WorkerAnswer answer : object.answers()) {
                // Ground Truth double-encodes the form's output: annotationData.content is a JSON string.
                annotations
                        .addObject()
                        .put("workerId", answer.workerId())
                        .putObject("annotationData")
                        .put("content", Json.write(answer.answerContent()));
            }
        }
        return file;
    }

    private static ObjectNode request(JobContext job, S3Uri payload) {
        ObjectNode request = Json.object()
                .put("version", PreAnnotation.VERSION)
                .put("labelingJobArn", job.record().arn());
        if (job.categories() == null) {
            request.putNull("labelCategories");
        } else {
            job.categories().labelNames().forEach(request.putArray("labelCategories")::add);
        }
        request.put("labelAttributeName", job.request().labelAttributeName());
        request.put("roleArn", job.request().roleArn());
        request.putObject("payload").put("s3Uri", payload.toString());
        return request;
    }

    /** The response's labels for objects of this batch; entries without the label attribute are skipped. */
    private static List<ConsolidatedLabel> labels(JobContext job, List<ObjectAnswers> batch, JsonNode response) {
        if (!response.isArray()) {
            throw new IllegalStateException("the consolidation Lambda must return a list of {\"datasetObjectId\", "
                    + "\"consolidatedAnnotation\"}, got " + response.getNodeType());
        }
        Set<String> inBatch = batch.stream().map(ObjectAnswers::objectId).collect(Collectors.toSet());
        String attribute = job.request().labelAttributeName();
        Map<String, ConsolidatedLabel> labels = new HashMap<>();
        for (JsonNode entry : response) {
            String id = entry.path("datasetObjectId").asText();
            JsonNode value =
                    entry.path("consolidatedAnnotation").path("content").get(attribute);
            if (inBatch.contains(id) && value != null) {
                labels.putIfAbsent(id, new ConsolidatedLabel(id, value, Json.object()));
            }
        }
        return List.copyOf(labels.values());
    }

    private void put(S3Uri uri, JsonNode json) throws IOException {
        objects.put(uri, Json.write(json).getBytes(StandardCharsets.UTF_8), "application/json");
    }
}
