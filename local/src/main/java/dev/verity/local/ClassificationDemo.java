package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Single-label classification, {@code ImageMultiClass} (one shape per image, {@link DemoDataset}) and
 * {@code TextMultiClass} (a review's sentiment, {@link DemoTexts}). A worker picks the right class with probability
 * {@code accuracy}, else one of the others; quality is accuracy.
 */
final class ClassificationDemo implements DemoTask<String> {

    private final String name;
    private final String taskType;
    private final String element;
    private final String attribute;
    private final String title;
    private final String dataDescription;
    private final List<String> labels;
    private final Function<SplittableRandom, DemoObject<String>> generator;
    private final boolean images;

    private ClassificationDemo(
            String name,
            String taskType,
            String element,
            String attribute,
            String title,
            String dataDescription,
            List<String> labels,
            Function<SplittableRandom, DemoObject<String>> generator,
            boolean images) {
        this.name = name;
        this.taskType = taskType;
        this.element = element;
        this.attribute = attribute;
        this.title = title;
        this.dataDescription = dataDescription;
        this.labels = labels;
        this.generator = generator;
        this.images = images;
    }

    static ClassificationDemo image() {
        return new ClassificationDemo(
                "image-classification",
                "ImageMultiClass",
                "crowd-image-classifier",
                "category",
                "Which shape is it?",
                "images of a circle, a square or a triangle",
                DemoDataset.LABELS,
                null,
                true);
    }

    static ClassificationDemo text() {
        return new ClassificationDemo(
                "text-classification",
                "TextMultiClass",
                "crowd-classifier",
                "sentiment",
                "What is the review's sentiment?",
                "hotel reviews, positive, negative or neutral",
                DemoTexts.SENTIMENTS,
                DemoTexts::review,
                false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String taskType() {
        return taskType;
    }

    @Override
    public String labelAttribute() {
        return attribute;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String description() {
        return "Choose the one category that fits best";
    }

    @Override
    public String dataDescription() {
        return dataDescription;
    }

    @Override
    public ObjectNode categories() {
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        labels.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        return categories;
    }

    @Override
    public List<DemoObject<String>> generate(int count, SplittableRandom random) {
        if (images) {
            return DemoDataset.generate(count, random.nextLong()).stream()
                    .map(image -> DemoObject.image(image.name(), image.png(), image.label()))
                    .toList();
        }
        List<DemoObject<String>> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            objects.add(generator.apply(random));
        }
        return objects;
    }

    @Override
    public JsonNode answer(JsonNode task, String truth, double accuracy, SplittableRandom random) {
        String label = truth;
        if (random.nextDouble() >= accuracy) {
            List<String> wrong = labels.stream().filter(l -> !l.equals(truth)).toList();
            label = wrong.get(random.nextInt(wrong.size()));
        }
        ObjectNode answer = Json.object();
        answer.putObject(element).put("label", label);
        return answer;
    }

    @Override
    public String fromAnswer(JsonNode answerContent) {
        return answerContent.path(element).path("label").asText();
    }

    @Override
    public String fromOutput(JsonNode line) {
        return line.path(attribute + "-metadata").path("class-name").asText(null);
    }

    @Override
    public DemoQuality<String> quality() {
        return new DemoQuality.Accuracy<>();
    }
}
