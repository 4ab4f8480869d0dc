package dev.verity.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;
import dev.verity.autolabel.LabelingModel;
import dev.verity.autolabel.LabelingModels;
import dev.verity.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * An in-memory {@link LabelingModels} for tests of the automated-labeling steps: word counts hashed into a few
 * buckets and multinomial naive Bayes. Verity's real models live in the models module.
 */
final class BagOfWordsModels implements LabelingModels {

    private static final int BUCKETS = 512;
    /** Naive Bayes is overconfident (words are not independent); tempering spreads its confidence out. */
    private static final double TEMPERATURE = 4;

    @Override
    public Featuriser featuriser(DataKind kind) {
        if (kind != DataKind.TEXT) {
            throw new IllegalArgumentException("this test model reads text only");
        }
        return new Featuriser() {
            @Override
            public String name() {
                return "test-bag-of-words";
            }

            @Override
            public Features featurise(byte[] content) {
                TreeMap<Integer, Float> counts = new TreeMap<>();
                for (String word : new String(content, StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT)
                        .split("\\W+")) {
                    if (!word.isEmpty() && !word.matches(".*\\d.*")) { // numbers only tell objects apart
                        counts.merge(Math.floorMod(word.hashCode(), BUCKETS), 1f, Float::sum);
                    }
                }
                int[] indices =
                        counts.keySet().stream().mapToInt(Integer::intValue).toArray();
                float[] values = new float[indices.length];
                int i = 0;
                for (float v : counts.values()) {
                    values[i++] = v;
                }
                return new Features(indices, values);
            }
        };
    }

    @Override
    public LabelingModel train(DataKind kind, List<Features> examples, int[] classes, List<String> labels, long seed) {
        double[][] logLikelihood = new double[labels.size()][BUCKETS];
        double[] logPrior = new double[labels.size()];
        for (int c = 0; c < labels.size(); c++) {
            double[] counts = new double[BUCKETS];
            java.util.Arrays.fill(counts, 1); // Laplace
            int n = 0;
            for (int e = 0; e < examples.size(); e++) {
                if (classes[e] == c) {
                    n++;
                    Features f = examples.get(e);
                    for (int k = 0; k < f.size(); k++) {
                        counts[f.indices()[k]] += f.values()[k];
                    }
                }
            }
            double total = java.util.Arrays.stream(counts).sum();
            for (int b = 0; b < BUCKETS; b++) {
                logLikelihood[c][b] = Math.log(counts[b] / total);
            }
            logPrior[c] = Math.log((n + 1.0) / (examples.size() + labels.size()));
        }
        return new NaiveBayes(List.copyOf(labels), logPrior, logLikelihood);
    }

    @Override
    public LabelingModel load(byte[] saved) {
        JsonNode json = Json.parse(new String(saved, StandardCharsets.UTF_8));
        List<String> labels = new ArrayList<>();
        json.get("labels").forEach(l -> labels.add(l.asText()));
        double[] prior = Json.MAPPER.convertValue(json.get("prior"), double[].class);
        double[][] likelihood = Json.MAPPER.convertValue(json.get("likelihood"), double[][].class);
        return new NaiveBayes(labels, prior, likelihood);
    }

    private record NaiveBayes(List<String> labels, double[] logPrior, double[][] logLikelihood)
            implements LabelingModel {

        @Override
        public String featuriser() {
            return "test-bag-of-words";
        }

        @Override
        public double[] probabilities(Features features) {
            double[] scores = logPrior.clone();
            for (int c = 0; c < scores.length; c++) {
                for (int k = 0; k < features.size(); k++) {
                    scores[c] += features.values()[k] * logLikelihood[c][features.indices()[k]] / TEMPERATURE;
                }
            }
            double max = java.util.Arrays.stream(scores).max().orElse(0);
            double sum = 0;
            for (int c = 0; c < scores.length; c++) {
                scores[c] = Math.exp(scores[c] - max);
                sum += scores[c];
            }
            for (int c = 0; c < scores.length; c++) {
                scores[c] /= sum;
            }
            return scores;
        }

        @Override
        public byte[] save() {
            ObjectNode json = Json.object();
            labels.forEach(json.putArray("labels")::add);
            json.set("prior", Json.MAPPER.valueToTree(logPrior));
            json.set("likelihood", Json.MAPPER.valueToTree(logLikelihood));
            return Json.write(json).getBytes(StandardCharsets.UTF_8);
        }
    }
}
