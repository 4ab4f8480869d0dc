package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Multi-label classification, {@code ImageMultiClassMultiLabel} (which shapes an image holds, {@link ShapeScenes})
 * and {@code TextMultiClassMultiLabel} (a news snippet's topics, {@link DemoTexts}). A worker drops each true label
 * with probability {@code 1 − accuracy} and ticks each absent one with probability {@code (1 − accuracy) / 2}.
 * The consolidated labels are those whose confidence (the EM's posterior) is at least 0.5; quality is label F1.
 */
final class MultiLabelDemo implements DemoTask<Set<String>> {

    static final double MIN_CONFIDENCE = 0.5;

    private final String name;
    private final String taskType;
    private final String element;
    private final String attribute;
    private final String title;
    private final String dataDescription;
    private final List<String> labels;
    private final boolean images;

    private MultiLabelDemo(
            String name,
            String taskType,
            String element,
            String attribute,
            String title,
            String dataDescription,
            List<String> labels,
            boolean images) {
        this.name = name;
        this.taskType = taskType;
        this.element = element;
        this.attribute = attribute;
        this.title = title;
        this.dataDescription = dataDescription;
        this.labels = labels;
        this.images = images;
    }

    static MultiLabelDemo image() {
        return new MultiLabelDemo(
                "image-multilabel",
                "ImageMultiClassMultiLabel",
                "crowd-image-classifier-multi-select",
                "shapes-present",
                "Which shapes do you see?",
                "images of 1–3 circles, squares and triangles",
                ShapeScenes.LABELS,
                true);
    }

    static MultiLabelDemo text() {
        return new MultiLabelDemo(
                "text-multilabel",
                "TextMultiClassMultiLabel",
                "crowd-classifier-multi-select",
                "topics",
                "Which topics does the snippet cover?",
                "news snippets on 1–3 topics",
                DemoTexts.TOPICS,
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
        return "Tick every category that applies";
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
    public List<DemoObject<Set<String>>> generate(int count, SplittableRandom random) {
        List<DemoObject<Set<String>>> objects = new ArrayList<>(count);
        if (images) {
            for (ShapeScenes.Scene scene : ShapeScenes.generate(count, random)) {
                Set<String> present = new TreeSet<>();
                scene.boxes().forEach(box -> present.add(box.label()));
                objects.add(DemoObject.image(scene.name(), scene.png(), Set.copyOf(present)));
            }
        } else {
            for (int i = 0; i < count; i++) {
                objects.add(DemoTexts.news(random));
            }
        }
        return objects;
    }

    @Override
    public JsonNode answer(JsonNode task, Set<String> truth, double accuracy, SplittableRandom random) {
        Set<String> ticked = new LinkedHashSet<>();
        for (String label : labels) {
            double draw = random.nextDouble();
            boolean present = truth.contains(label);
            if (present ? draw < accuracy : draw < (1 - accuracy) / 2) {
                ticked.add(label);
            }
        }
        if (ticked.isEmpty()) { // the element needs at least one tick
            ticked.add(truth.iterator().next());
        }
        ObjectNode answer = Json.object();
        ArrayNode array = answer.putObject(element).putArray("labels");
        ticked.forEach(array::add);
        return answer;
    }

    @Override
    public Set<String> fromAnswer(JsonNode answerContent) {
        Set<String> ticked = new TreeSet<>();
        answerContent.path(element).path("labels").forEach(label -> ticked.add(label.asText()));
        return ticked;
    }

    /** The labels of {@code class-map} whose {@code confidence-map} entry is at least {@value #MIN_CONFIDENCE}. */
    @Override
    public Set<String> fromOutput(JsonNode line) {
        JsonNode metadata = line.path(attribute + "-metadata");
        Set<String> chosen = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        metadata.path("class-map").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (metadata.path("confidence-map").path(entry.getKey()).asDouble() >= MIN_CONFIDENCE) {
                chosen.add(entry.getValue().asText());
            }
        }
        return chosen;
    }

    @Override
    public DemoQuality<Set<String>> quality() {
        return new DemoQuality.LabelSetF1();
    }
}
