package dev.verity.tasktype;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The task types Verity supports, by Ground Truth name. */
public final class TaskTypes {

    private static final Map<String, TaskType> SUPPORTED = new TreeMap<>(Map.of(
            ImageClassification.NAME, new ImageClassification(),
            TextClassification.NAME, new TextClassification(),
            MultiLabelClassification.IMAGE_NAME, MultiLabelClassification.image(),
            MultiLabelClassification.TEXT_NAME, MultiLabelClassification.text(),
            NamedEntityRecognition.NAME, new NamedEntityRecognition(),
            BoundingBox.NAME, new BoundingBox(),
            AdjustmentBoundingBox.NAME, new AdjustmentBoundingBox(),
            VerificationBoundingBox.NAME, new VerificationBoundingBox(),
            SemanticSegmentation.NAME, new SemanticSegmentation(),
            AdjustmentSemanticSegmentation.NAME, new AdjustmentSemanticSegmentation()));

    private TaskTypes() {
    }

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
