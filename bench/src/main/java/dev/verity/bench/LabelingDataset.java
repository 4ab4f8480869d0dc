package dev.verity.bench;

import java.util.List;

/**
 * A real dataset with its truth, ready to become a labeling job: one {@link Item} per object (a PNG for a
 * {@code source-ref}, or a text for an inline {@code source}), the job's task type and automated-labeling algorithm,
 * and what the report should say about how the data was prepared ({@code notes}).
 *
 * @param name      short name, used in options and job names, e.g. {@code fashion-mnist}
 * @param title     name in the report, e.g. {@code Fashion-MNIST}
 * @param taskType  Ground Truth's task type, as in the {@code PRE-<type>} and {@code ACS-<type>} Lambda ARNs
 * @param algorithm the last part of the {@code LabelingJobAlgorithmSpecificationArn}, e.g. {@code image-classification}
 * @param element   the crowd element whose answer carries the label, e.g. {@code crowd-image-classifier}
 * @param labels    the categories; an item's truth is an index into them
 */
record LabelingDataset(
        String name,
        String title,
        String taskType,
        String algorithm,
        String element,
        String labelAttribute,
        String question,
        List<String> labels,
        List<Item> items,
        List<String> notes) {

    LabelingDataset {
        labels = List.copyOf(labels);
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }

    /** One object: exactly one of {@code png} and {@code text}; {@code name} is stable from run to run. */
    record Item(String name, byte[] png, String text, int truth) {}

    int classes() {
        return labels.size();
    }
}
