package dev.verity.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label category configuration file a job's {@code LabelCategoryConfigS3Uri} points at:
 * {@code {"document-version":"2018-11-28","labels":[{"label":"cat"},...],"instructions":{...}}}.
 * A label's index in {@link #labels} is its class index in the output.
 *
 * @param instructions    {@code {"shortInstruction":...,"fullInstruction":...}} as given, or null
 * @param documentVersion null when the file has none
 */
public record LabelCategoryConfig(List<LabelCategory> labels, JsonNode instructions, String documentVersion) {

    private static final int MAX_LABEL_LENGTH = 256;

    public LabelCategoryConfig {
        labels = List.copyOf(labels);
    }

    /**
     * Parses and validates the file: labels unique, each 1–256 characters, at least {@code minLabels} of them.
     *
     * @throws InvalidRequestException naming every violation, e.g. on {@code labels[2].label}
     */
    public static LabelCategoryConfig parse(JsonNode json, int minLabels) {
        Violations violations = new Violations();
        FieldReader file = FieldReader.root(json, "a label category configuration", violations);
        String documentVersion = file.optionalString("document-version");
        List<FieldReader> labelReaders = file.requiredObjects("labels");
        JsonNode labelArray = file.raw("labels");
        if (labelArray != null && labelArray.isArray() && labelReaders.size() < minLabels) {
            file.add("labels", "must have at least " + minLabels + " labels, got " + labelReaders.size());
        }
        List<LabelCategory> labels =
                labelReaders.stream().map(LabelCategoryConfig::label).toList();
        rejectDuplicates(file, labels);
        JsonNode instructions = file.raw("instructions");
        file.optionalObject("instructions").ifPresent(reader -> {
            reader.optionalString("shortInstruction");
            reader.optionalString("fullInstruction");
            reader.rejectUnknownFields();
        });
        file.rejectUnknownFields();

        violations.throwIfAny();
        return new LabelCategoryConfig(labels, instructions == null ? null : instructions.deepCopy(), documentVersion);
    }

    public List<String> labelNames() {
        return labels.stream().map(LabelCategory::label).toList();
    }

    /** The class index of {@code label} (exact spelling), or -1 if it is not a category. */
    public int indexOf(String label) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    private static LabelCategory label(FieldReader reader) {
        String label = reader.requiredString("label");
        reader.length("label", label, 1, MAX_LABEL_LENGTH);
        String shortDisplayName = reader.optionalString("shortDisplayName");
        reader.rejectUnknownFields();
        return new LabelCategory(label, shortDisplayName);
    }

    private static void rejectDuplicates(FieldReader file, List<LabelCategory> labels) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i).label();
            if (label == null) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(label, i);
            if (first != null) {
                file.add("labels[" + i + "].label", "duplicate label \"" + label + "\" (also labels[" + first + "])");
            }
        }
    }
}
