package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * What a crowd element's answer must look like, for refusals that name it: the element's key, the expected shape,
 * and for adjustment tasks the {@value #MODIFIED} flag Ground Truth adds.
 */
final class ElementAnswerShape {

    static final String MODIFIED = "initialValueModified";

    private final String element;
    private final String expected;

    ElementAnswerShape(String element, String expected) {
        this.element = element;
        this.expected = expected;
    }

    /** The reason, then the shape expected (with the adjustment flag when adjusting). */
    InvalidAnswerException error(String reason, boolean adjusting) {
        return new InvalidAnswerException(reason + "; "
                + (adjusting ? expected + " with \"" + MODIFIED + "\":true|false in \"" + element + "\"" : expected));
    }

    void rejectUnexpectedFields(JsonNode object, Set<String> allowed, String prefix, boolean adjusting) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error("unexpected field \"" + prefix + name + "\"", adjusting);
            }
        }
    }

    /** The element's {@value #MODIFIED}: required when adjusting, else optional (null when absent). */
    Boolean initialValueModified(JsonNode value, boolean adjusting) {
        if (value == null || value.isNull()) {
            if (adjusting) {
                throw error("\"" + element + "." + MODIFIED + "\" is missing", true);
            }
            return null;
        }
        if (!value.isBoolean()) {
            throw error("\"" + element + "." + MODIFIED + "\" is not true or false", adjusting);
        }
        return value.booleanValue();
    }
}
