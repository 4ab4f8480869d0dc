package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.autolabel.DataKind;
import dev.verity.job.LabelCategoryConfig;

/** What automated labeling needs of a task type that supports it (single-label classification). */
public interface AutoLabeling {

    /** What a model learns from: the image a line's {@code source-ref} names, or its {@code source} text. */
    DataKind dataKind();

    /** The class index a validated answer picks. */
    int classOf(JsonNode answerContent, LabelCategoryConfig categories);

    /** The class index a consolidated human label holds. */
    int classOf(ConsolidatedLabel label);

    /** A model's label: the class and the model's confidence, written with {@code "human-annotated": "no"}. */
    ConsolidatedLabel machineLabel(String objectId, int classIndex, double confidence, LabelCategoryConfig categories);
}
