package dev.verity.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A value in a filter condition: an attribute path into the manifest line, or a literal. */
sealed interface FilterOperand {

    /** The value for this line; null stands for SQL NULL (a missing attribute or a JSON null). */
    JsonNode resolve(ObjectNode line);

    /** A literal; {@code value} null is the NULL literal. */
    record Literal(JsonNode value) implements FilterOperand {
        @Override
        public JsonNode resolve(ObjectNode line) {
            return value;
        }
    }

    /** {@code s.a."b-c"}: attribute names below the alias, outermost first. */
    record Path(List<Name> names) implements FilterOperand {

        public Path {
            names = List.copyOf(names);
        }

        @Override
        public JsonNode resolve(ObjectNode line) {
            JsonNode current = line;
            for (Name name : names) {
                if (!current.isObject()) {
                    return null;
                }
                current = name.lookup((ObjectNode) current);
                if (current == null) {
                    return null;
                }
            }
            return current.isNull() ? null : current;
        }
    }

    /**
     * One attribute name of a path. As in S3 Select, a "quoted" name matches exactly and an unquoted one ignores
     * case (an exact match wins).
     */
    record Name(String name, boolean quoted) {

        JsonNode lookup(ObjectNode object) {
            JsonNode exact = object.get(name);
            if (exact != null || quoted) {
                return exact;
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getKey().equalsIgnoreCase(name)) {
                    return field.getValue();
                }
            }
            return null;
        }
    }
}
