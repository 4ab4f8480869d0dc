package dev.verity.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Ground Truth text-span label's entities, in Java string indexes of the text (Ground Truth's offsets count Unicode
 * code points; {@link #codePointStart}/{@link #codePointEnd} keep them), sorted by start. Entities outside the text
 * or empty are left out.
 */
record EntityLabel(List<Entity> entities) {

    record Entity(String label, int start, int end, int codePointStart, int codePointEnd) {}

    static EntityLabel read(JsonNode value, String text) {
        List<Entity> entities = new ArrayList<>();
        int codePoints = text.codePointCount(0, text.length());
        for (JsonNode e : value.path("annotations").path("entities")) {
            if (!e.path("label").isTextual()
                    || !e.path("startOffset").canConvertToInt()
                    || !e.path("endOffset").canConvertToInt()) {
                continue;
            }
            int start = e.get("startOffset").asInt();
            int end = e.get("endOffset").asInt();
            if (start < 0 || end <= start || end > codePoints) {
                continue;
            }
            entities.add(new Entity(
                    e.get("label").asText(),
                    text.offsetByCodePoints(0, start),
                    text.offsetByCodePoints(0, end),
                    start,
                    end));
        }
        entities.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new EntityLabel(List.copyOf(entities));
    }
}
