package dev.verity.consolidation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Dawid–Skene learned about a job's workers: each worker's confusion matrix (row-major K×K, row = true class,
 * column = answer) and the class prior. Estimated once over the whole job, it labels every chunk with the same
 * measure of each worker; {@code defaultAccuracy} stands in for a worker it never saw. {@code temperature} divides the
 * answers' log-likelihood before it meets the class prior (1 for Ground Truth's method; {@link BayesianConsensus}
 * learns it so that confidences match accuracy).
 */
public record WorkerModel(
        int classes, double[] classPrior, Map<String, double[]> confusion, double defaultAccuracy, double temperature) {

    public WorkerModel {
        confusion = Map.copyOf(confusion);
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
    }

    public WorkerModel(int classes, double[] classPrior, Map<String, double[]> confusion, double defaultAccuracy) {
        this(classes, classPrior, confusion, defaultAccuracy, 1.0);
    }

    WorkerModel withTemperature(double newTemperature) {
        return new WorkerModel(classes, classPrior, confusion, defaultAccuracy, newTemperature);
    }

    /** A worker's accuracy: the mean of the confusion matrix's diagonal. */
    static double accuracy(double[] confusion, int classes) {
        double diagonal = 0;
        for (int c = 0; c < classes; c++) {
            diagonal += confusion[c * classes + c];
        }
        return diagonal / classes;
    }

    /** A measured worker's accuracy (the mean of their confusion matrix's diagonal); NaN if the model never saw them. */
    public double accuracyOf(String workerId) {
        double[] matrix = confusion.get(workerId);
        return matrix == null ? Double.NaN : accuracy(matrix, classes);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object()
                .put("classes", classes)
                .put("defaultAccuracy", defaultAccuracy)
                .put("temperature", temperature);
        ArrayNode prior = json.putArray("classPrior");
        for (double p : classPrior) {
            prior.add(p);
        }
        ObjectNode workers = json.putObject("workers");
        new TreeMap<>(confusion).forEach((worker, matrix) -> {
            ArrayNode cells = workers.putArray(worker);
            for (double p : matrix) {
                cells.add(p);
            }
        });
        return json;
    }

    public static WorkerModel fromJson(JsonNode json) {
        int classes = json.get("classes").asInt();
        double[] prior = new double[classes];
        for (int c = 0; c < classes; c++) {
            prior[c] = json.get("classPrior").get(c).asDouble();
        }
        Map<String, double[]> confusion = new TreeMap<>();
        json.get("workers").fields().forEachRemaining(worker -> {
            double[] matrix = new double[classes * classes];
            for (int cell = 0; cell < matrix.length; cell++) {
                matrix[cell] = worker.getValue().get(cell).asDouble();
            }
            confusion.put(worker.getKey(), matrix);
        });
        // A model written before temperatures existed is untempered.
        return new WorkerModel(
                classes,
                prior,
                confusion,
                json.get("defaultAccuracy").asDouble(),
                json.path("temperature").asDouble(1.0));
    }
}
