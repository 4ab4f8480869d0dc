package dev.verity.tasktype;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The task types Verity supports, by Ground Truth name. */
public final class TaskTypes {

    private static final Map<String, TaskType> SUPPORTED = new TreeMap<>(Map.ofEntries(
            Map.entry(ImageClassification.NAME, new ImageClassification()),
            Map.entry(TextClassification.NAME, new TextClassification()),
            Map.entry(MultiLabelClassification.IMAGE_NAME, MultiLabelClassification.image()),
            Map.entry(MultiLabelClassification.TEXT_NAME, MultiLabelClassification.text()),
            Map.entry(NamedEntityRecognition.NAME, new NamedEntityRecognition()),
            Map.entry(BoundingBox.NAME, new BoundingBox()),
            Map.entry(AdjustmentBoundingBox.NAME, new AdjustmentBoundingBox()),
            Map.entry(VerificationBoundingBox.NAME, new VerificationBoundingBox()),
            Map.entry(SemanticSegmentation.NAME, new SemanticSegmentation()),
            Map.entry(AdjustmentSemanticSegmentation.NAME, new AdjustmentSemanticSegmentation()),
            Map.entry(Custom.NAME, new Custom())));

    private TaskTypes() {}

    /** @throws IllegalArgumentException naming the supported types if {@code name} is not one */
    public static TaskType of(String name) {
        TaskType type = name == null ? null : SUPPORTED.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unsupported task type \"" + name + "\"; supported: " + supported());
        }
        return type;
    }

    /** The supported names, sorted. */
    public static List<String> supported() {
        return List.copyOf(SUPPORTED.keySet());
    }
}
