package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector): a copy of the template in which every field whose
 * name ends in {@code .$} is renamed without the suffix and gets the value of its path ({@code $...} from the
 * input, {@code $$...} from the context object) or intrinsic function call.
 */
final class PayloadTemplate {
    private PayloadTemplate() {}

    static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = PathEvaluator.JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                if (name.endsWith(".$")) {
                    out.set(name.substring(0, name.length() - 2), dynamic(name, field.getValue(), input, context));
                } else {
                    out.set(name, evaluate(field.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = PathEvaluator.JSON.createArrayNode();
            template.forEach(item -> out.add(evaluate(item, input, context)));
            return out;
        }
        return template;
    }

    /** A path or intrinsic call: the {@code .$} fields' values, and ErrorPath/CausePath. */
    static JsonNode dynamic(String field, JsonNode expression, JsonNode input, JsonNode context) {
        if (!expression.isTextual()) {
            throw StateError.runtime("The value of field '" + field + "' must be a path or an intrinsic function");
        }
        String text = expression.asText().trim();
        return Intrinsics.isCall(text)
                ? Intrinsics.evaluate(text, input, context)
                : PathEvaluator.read(text, input, context);
    }
}
