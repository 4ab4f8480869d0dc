package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the semantic-segmentation label an earlier job wrote into a chained job's manifest line, for adjustment jobs.
 * The earlier label is the attribute {@code <attr>-ref} holding the mask's S3 URI whose
 * {@code <attr>-ref-metadata.type} is {@code groundtruth/semantic-segmentation}; when the line holds several (a chain of adjustments), the last one in
 * the line wins, since each job appends its label after the ones before it.
 */
final class EarlierMaskLabel {

    private EarlierMaskLabel() {}

    /** The earlier label's attribute name, or empty if the line has no semantic-segmentation label. */
    static Optional<String> attributeName(JsonNode line) {
        String found = null;
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode metadata = line.get(name + "-metadata");
            if (name.endsWith("-ref")
                    && line.get(name).isTextual()
                    && metadata != null
                    && SegmentationLabels.OUTPUT_TYPE.equals(
                            metadata.path("type").asText(null))) {
                found = name;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Why an adjustment job cannot use this line: it has no earlier mask, or the job would write its label over it
     * (Ground Truth requires a new attribute name). Empty if the line is usable.
     */
    static Optional<String> problemWith(JsonNode line, String labelAttributeName, String typeName) {
        Optional<String> earlier = attributeName(line);
        if (earlier.isEmpty()) {
            return Optional.of(typeName + " needs an earlier semantic-segmentation mask on every line (an attribute "
                    + "ending in \"-ref\" whose -metadata has type \"" + SegmentationLabels.OUTPUT_TYPE + "\")");
        }
        if (earlier.get().equals(labelAttributeName)) {
            return Optional.of("the earlier mask is under \"" + labelAttributeName + "\", the job's own label "
                    + "attribute; " + typeName + " jobs must use a new LabelAttributeName");
        }
        return Optional.empty();
    }

    /**
     * The earlier mask as the {@code crowd-semantic-segmentation} element's {@code initial-value}:
     * {@code {"labelMappings":{"<label>":{"color":"#rrggbb"}},"src":"s3://..."}}, the mappings from the earlier
     * label's {@code internal-color-map} without the background. {@code src} is the mask's S3 URI as the line has
     * it: whoever hands the task to a browser presigns it, as Ground Truth's {@code grant_read_access} filter does.
     * Empty if the line has no earlier mask.
     */
    static Optional<JsonNode> initialValue(JsonNode line) {
        return attributeName(line).map(attribute -> {
            ObjectNode value = Json.object();
            ObjectNode mappings = value.putObject("labelMappings");
            JsonNode colorMap = line.get(attribute + "-metadata").path(SegmentationLabels.COLOR_MAP);
            for (Iterator<Map.Entry<String, JsonNode>> classes = colorMap.fields(); classes.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = classes.next();
                JsonNode name = entry.getValue().get("class-name");
                JsonNode colour = entry.getValue().get("hex-color");
                if (!entry.getKey().equals("0")
                        && name != null
                        && name.isTextual()
                        && colour != null
                        && colour.isTextual()) {
                    mappings.putObject(name.textValue()).put("color", colour.textValue());
                }
            }
            value.put("src", line.get(attribute).textValue());
            return value;
        });
    }
}
