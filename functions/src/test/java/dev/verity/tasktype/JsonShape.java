package dev.verity.tasktype;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Compares JSON by shape: field names, JSON types and integer-ness, recursively into objects and arrays. */
final class JsonShape {

    private JsonShape() {}

    /** Same fields in the same order, each of the same type, at every level; array elements against the first. */
    static void assertSameShape(JsonNode actual, JsonNode expected, String path) {
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        assertThat(actual.isIntegralNumber()).as(path + " is an integer").isEqualTo(expected.isIntegralNumber());
        if (expected.isObject()) {
            assertThat(fieldNames(actual)).as(path).containsExactlyElementsOf(fieldNames(expected));
            for (String name : fieldNames(expected)) {
                assertSameShape(actual.get(name), expected.get(name), path + "." + name);
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            for (JsonNode element : actual) {
                assertSameShape(element, expected.get(0), path + "[]");
            }
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
