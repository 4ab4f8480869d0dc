package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.TextSpan;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads what the {@code crowd-entity-annotation} element submits,
 * {@code {"crowd-entity-annotation":{"entities":[{"label","startOffset","endOffset"}]}}}, into spans, refusing a
 * wrong shape, an unknown label, an empty or reversed span, overlapping spans and offsets past the text.
 *
 * <p>Offsets count Unicode code points, not Java's UTF-16 units: Ground Truth documents them as Unicode offsets, and
 * Amazon Comprehend, which trains on these manifests, counts code points. So an emoji outside the Basic Multilingual
 * Plane is one character, while a letter followed by a combining accent is two.
 */
final class EntityAnnotationAnswer {

    static final String ELEMENT = "crowd-entity-annotation";
    private static final String ENTITIES = "entities";
    private static final String LABEL = "label";
    private static final String START = "startOffset";
    private static final String END = "endOffset";
    private static final Set<String> ENTITY_FIELDS = Set.of(LABEL, START, END);
    private static final String EXPECTED_SHAPE = "expected {\"" + ELEMENT + "\":{\"entities\":[{\"label\":"
            + "\"<category>\",\"startOffset\":<int>,\"endOffset\":<int>}]}}";

    /** A span and where it stood in the answer, so refusals can name the entity as the worker sent it. */
    private record Indexed(int index, TextSpan span) {}

    private EntityAnnotationAnswer() {}

    /**
     * The answer's spans in text order, checked against the categories; offsets are not checked against the text.
     *
     * @throws InvalidAnswerException saying what is wrong
     */
    static List<TextSpan> read(JsonNode answerContent, LabelCategoryConfig categories) {
        return indexed(answerContent, categories).stream().map(Indexed::span).toList();
    }

    /**
     * As {@link #read}, and every span must end within {@code text}.
     *
     * @throws InvalidAnswerException saying what is wrong, with the text's length in code points
     */
    static List<TextSpan> read(JsonNode answerContent, LabelCategoryConfig categories, String text) {
        List<Indexed> spans = indexed(answerContent, categories);
        int length = text.codePointCount(0, text.length());
        for (Indexed entity : spans) {
            if (entity.span().endOffset() > length) {
                throw new InvalidAnswerException(
                        name(entity) + ": endOffset " + entity.span().endOffset()
                                + " is past the end of the text, which is " + length
                                + " characters (Unicode code points) long");
            }
        }
        return spans.stream().map(Indexed::span).toList();
    }

    /** The normalized answer: the element with its entities in text order and only the fields Ground Truth sends. */
    static ObjectNode normalized(List<TextSpan> spans) {
        ObjectNode answer = Json.object();
        entitiesJson(spans, answer.putObject(ELEMENT).putArray(ENTITIES));
        return answer;
    }

    /** Appends {@code {"label","startOffset","endOffset"}} for each span, the shape answers and output share. */
    static void entitiesJson(List<TextSpan> spans, ArrayNode into) {
        spans.forEach(span -> into.addObject()
                .put(LABEL, span.label())
                .put(START, span.startOffset())
                .put(END, span.endOffset()));
    }

    private static List<Indexed> indexed(JsonNode answerContent, LabelCategoryConfig categories) {
        if (answerContent == null || !answerContent.isObject()) {
            throw shapeError("the answer is not a JSON object");
        }
        rejectUnexpectedFields(answerContent, Set.of(ELEMENT), "");
        JsonNode element = answerContent.get(ELEMENT);
        if (element == null || !element.isObject()) {
            throw shapeError("\"" + ELEMENT + "\" is " + (element == null ? "missing" : "not an object"));
        }
        rejectUnexpectedFields(element, Set.of(ENTITIES), ELEMENT + ".");
        JsonNode entities = element.get(ENTITIES);
        if (entities == null || !entities.isArray()) {
            throw shapeError("\"" + ELEMENT + ".entities\" is " + (entities == null ? "missing" : "not an array"));
        }
        List<Indexed> spans = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            spans.add(new Indexed(i, entity(entities.get(i), i, categories)));
        }
        spans.sort(Comparator.comparingInt((Indexed entity) -> entity.span().startOffset()));
        for (int i = 1; i < spans.size(); i++) {
            Indexed before = spans.get(i - 1);
            Indexed after = spans.get(i);
            if (before.span().overlaps(after.span())) {
                Indexed first = before.index() < after.index() ? before : after;
                Indexed second = first == before ? after : before;
                throw new InvalidAnswerException(
                        name(first) + " overlaps " + name(second) + "; entities must not share characters");
            }
        }
        return spans;
    }

    private static TextSpan entity(JsonNode entity, int index, LabelCategoryConfig categories) {
        String path = ELEMENT + ".entities[" + index + "]";
        if (!entity.isObject()) {
            throw shapeError("\"" + path + "\" is not an object");
        }
        rejectUnexpectedFields(entity, ENTITY_FIELDS, path + ".");
        JsonNode label = entity.get(LABEL);
        if (label == null || !label.isTextual()) {
            throw shapeError("\"" + path + ".label\" is " + (label == null ? "missing" : "not a string"));
        }
        int start = offset(entity, START, path);
        int end = offset(entity, END, path);
        String where = "entities[" + index + "]";
        if (categories.indexOf(label.textValue()) < 0) {
            throw new InvalidAnswerException(where + ": unknown label " + Json.write(label.textValue())
                    + "; allowed labels: " + Json.write(categories.labelNames()));
        }
        if (start >= end) {
            throw new InvalidAnswerException(where + ": startOffset " + start + " is not before endOffset " + end
                    + "; endOffset is the first character after the entity, so an entity has at least one character");
        }
        return new TextSpan(label.textValue(), start, end);
    }

    private static int offset(JsonNode entity, String field, String path) {
        JsonNode offset = entity.get(field);
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToInt() || offset.intValue() < 0) {
            throw shapeError(
                    "\"" + path + "." + field + "\" is " + (offset == null ? "missing" : "not a non-negative integer"));
        }
        return offset.intValue();
    }

    private static String name(Indexed entity) {
        TextSpan span = entity.span();
        return "entities[" + entity.index() + "] " + Json.write(span.label()) + " [" + span.startOffset() + ", "
                + span.endOffset() + ")";
    }

    private static void rejectUnexpectedFields(JsonNode object, Set<String> allowed, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw shapeError("unexpected field \"" + prefix + name + "\"");
            }
        }
    }

    private static InvalidAnswerException shapeError(String reason) {
        return new InvalidAnswerException(reason + "; " + EXPECTED_SHAPE);
    }
}
