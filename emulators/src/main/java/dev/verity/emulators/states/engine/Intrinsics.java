package dev.verity.emulators.states.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ASL intrinsic functions ({@code States.Format('{} items', $.count)} and the rest of the spec's list), parsed and
 * evaluated against a state's data and context object. Arguments are string literals in single quotes (escapes
 * {@code \' \{ \} \\}), numbers, {@code true}/{@code false}/{@code null}, paths and nested calls. Any failure is
 * States.Runtime.
 */
final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_ARRAY_RANGE = 1000;
    /** 5, 5.0 and 5L are the same number. */
    private static final Comparator<JsonNode> SAME_NUMBER =
            (x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1;

    private Intrinsics() {}

    static boolean isCall(String expression) {
        return expression.startsWith("States.");
    }

    static JsonNode evaluate(String expression, JsonNode input, JsonNode context) {
        Parser parser = new Parser(expression);
        Call call = parser.call();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw failure(expression, "unexpected text after the call at " + parser.pos);
        }
        return call.evaluate(input, context, expression);
    }

    /** A parsed argument: a literal, a path or a call. {@code template} keeps a string literal's brace escapes. */
    private sealed interface Arg permits Literal, Path, Call {}

    private record Literal(JsonNode value, String template) implements Arg {}

    private record Path(String path) implements Arg {}

    private record Call(String name, List<Arg> args) implements Arg {
        JsonNode evaluate(JsonNode input, JsonNode context, String expression) {
            List<JsonNode> values = new ArrayList<>();
            for (Arg arg : args) {
                values.add(value(arg, input, context, expression));
            }
            try {
                return apply(this, values);
            } catch (StateError e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure(expression, e.getMessage());
            }
        }
    }

    private static JsonNode value(Arg arg, JsonNode input, JsonNode context, String expression) {
        if (arg instanceof Literal literal) {
            return literal.value();
        }
        if (arg instanceof Path path) {
            return PathEvaluator.read(path.path(), input, context);
        }
        return ((Call) arg).evaluate(input, context, expression);
    }

    private static JsonNode apply(Call call, List<JsonNode> a) {
        switch (call.name()) {
            case "States.Format": {
                atLeast(call, a, 1);
                String template = call.args().get(0) instanceof Literal literal && literal.template() != null
                        ? literal.template()
                        : text(a.get(0));
                return NODES.textNode(format(template, a.subList(1, a.size())));
            }
            case "States.StringToJson":
                exactly(call, a, 1);
                try {
                    return PathEvaluator.JSON.readTree(text(a.get(0)));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("not JSON: " + a.get(0).asText());
                }
            case "States.JsonToString":
                exactly(call, a, 1);
                return NODES.textNode(a.get(0).toString());
            case "States.Array": {
                ArrayNode array = NODES.arrayNode();
                a.forEach(array::add);
                return array;
            }
            case "States.ArrayPartition": {
                exactly(call, a, 2);
                ArrayNode source = array(a.get(0));
                int size = integer(a.get(1));
                if (size <= 0) {
                    throw new IllegalArgumentException("chunk size must be positive");
                }
                ArrayNode result = NODES.arrayNode();
                for (int i = 0; i < source.size(); i += size) {
                    ArrayNode chunk = result.addArray();
                    for (int j = i; j < Math.min(source.size(), i + size); j++) {
                        chunk.add(source.get(j));
                    }
                }
                return result;
            }
            case "States.ArrayContains": {
                exactly(call, a, 2);
                for (JsonNode item : array(a.get(0))) {
                    if (item.equals(SAME_NUMBER, a.get(1))) {
                        return NODES.booleanNode(true);
                    }
                }
                return NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                exactly(call, a, 3);
                int start = integer(a.get(0));
                int end = integer(a.get(1));
                int step = integer(a.get(2));
                if (step == 0) {
                    throw new IllegalArgumentException("step must not be 0");
                }
                ArrayNode result = NODES.arrayNode();
                for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
                    if (result.size() == MAX_ARRAY_RANGE) {
                        throw new IllegalArgumentException("more than " + MAX_ARRAY_RANGE + " items");
                    }
                    result.add(i);
                }
                return result;
            }
            case "States.ArrayGetItem": {
                exactly(call, a, 2);
                ArrayNode source = array(a.get(0));
                int index = integer(a.get(1));
                if (index < 0 || index >= source.size()) {
                    throw new IllegalArgumentException("index " + index + " out of bounds");
                }
                return source.get(index);
            }
            case "States.ArrayLength":
                exactly(call, a, 1);
                return NODES.numberNode(array(a.get(0)).size());
            case "States.ArrayUnique": {
                exactly(call, a, 1);
                Set<JsonNode> unique = new LinkedHashSet<>();
                array(a.get(0)).forEach(unique::add);
                ArrayNode result = NODES.arrayNode();
                unique.forEach(result::add);
                return result;
            }
            case "States.Base64Encode":
                exactly(call, a, 1);
                return NODES.textNode(
                        Base64.getEncoder().encodeToString(text(a.get(0)).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode":
                exactly(call, a, 1);
                return NODES.textNode(new String(Base64.getDecoder().decode(text(a.get(0))), StandardCharsets.UTF_8));
            case "States.Hash": {
                exactly(call, a, 2);
                String algorithm = text(a.get(1));
                if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
                    throw new IllegalArgumentException("unsupported algorithm " + algorithm);
                }
                String data =
                        a.get(0).isTextual() ? a.get(0).asText() : a.get(0).toString();
                try {
                    byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
                    return NODES.textNode(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "States.JsonMerge": {
                exactly(call, a, 3);
                if (!a.get(0).isObject() || !a.get(1).isObject()) {
                    throw new IllegalArgumentException("both arguments must be JSON objects");
                }
                if (a.get(2).asBoolean(true)) {
                    throw new IllegalArgumentException("only shallow merge (false) is supported");
                }
                ObjectNode merged = ((ObjectNode) a.get(0)).deepCopy();
                merged.setAll((ObjectNode) a.get(1).deepCopy());
                return merged;
            }
            case "States.MathRandom": {
                if (a.size() != 2 && a.size() != 3) {
                    throw new IllegalArgumentException(call.name() + " takes 2 or 3 arguments");
                }
                int start = integer(a.get(0));
                int end = integer(a.get(1));
                Random random = a.size() == 3 ? new Random(integer(a.get(2))) : ThreadLocalRandom.current();
                return NODES.numberNode(start + random.nextInt(end - start));
            }
            case "States.MathAdd":
                exactly(call, a, 2);
                return NODES.numberNode(integer(a.get(0)) + integer(a.get(1)));
            case "States.StringSplit": {
                exactly(call, a, 2);
                String source = text(a.get(0));
                String delimiters = text(a.get(1));
                ArrayNode result = NODES.arrayNode();
                StringBuilder part = new StringBuilder();
                for (char c : source.toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        addPart(result, part);
                    } else {
                        part.append(c);
                    }
                }
                addPart(result, part);
                return result;
            }
            case "States.UUID":
                exactly(call, a, 0);
                return NODES.textNode(UUID.randomUUID().toString());
            default:
                throw new IllegalArgumentException("unknown intrinsic function " + call.name());
        }
    }

    private static void addPart(ArrayNode result, StringBuilder part) {
        if (part.length() > 0) {
            result.add(part.toString());
            part.setLength(0);
        }
    }

    /** {@code {}} placeholders take the arguments in order; {@code \{ \} \\ \'} are literal characters. */
    private static String format(String template, List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw new IllegalArgumentException("more placeholders than arguments");
                }
                JsonNode arg = args.get(next++);
                out.append(arg.isTextual() ? arg.asText() : arg.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw new IllegalArgumentException("more arguments than placeholders");
        }
        return out.toString();
    }

    private static void exactly(Call call, List<JsonNode> a, int count) {
        if (a.size() != count) {
            throw new IllegalArgumentException(call.name() + " takes " + count + " argument(s), got " + a.size());
        }
    }

    private static void atLeast(Call call, List<JsonNode> a, int count) {
        if (a.size() < count) {
            throw new IllegalArgumentException(call.name() + " takes at least " + count + " argument(s)");
        }
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("expected a string, got " + node);
        }
        return node.asText();
    }

    private static ArrayNode array(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("expected an array, got " + node);
        }
        return (ArrayNode) node;
    }

    private static int integer(JsonNode node) {
        if (!node.isNumber()
                || !node.canConvertToInt()
                || node.decimalValue().stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("expected an integer, got " + node);
        }
        return node.asInt();
    }

    private static StateError failure(String expression, String reason) {
        return StateError.runtime("Intrinsic function " + expression + " failed: " + reason);
    }

    /** Recursive-descent parser of one call expression. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Call call() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!name.startsWith("States.")) {
                throw failure(text, "expected a States.* function at " + start);
            }
            expect('(');
            List<Arg> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return new Call(name, args);
            }
            while (true) {
                args.add(argument());
                skipSpaces();
                char c = peek();
                pos++;
                if (c == ')') {
                    return new Call(name, args);
                }
                if (c != ',') {
                    throw failure(text, "expected ',' or ')' at " + (pos - 1));
                }
            }
        }

        private Arg argument() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            int start = pos;
            while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String token = text.substring(start, pos);
            switch (token) {
                case "true":
                    return new Literal(NODES.booleanNode(true), null);
                case "false":
                    return new Literal(NODES.booleanNode(false), null);
                case "null":
                    return new Literal(NODES.nullNode(), null);
                default:
                    try {
                        BigDecimal number = new BigDecimal(token);
                        JsonNode value = number.scale() > 0
                                ? NODES.numberNode(number)
                                : number.toBigIntegerExact().bitLength() < 32
                                        ? NODES.numberNode(number.intValueExact())
                                        : NODES.numberNode(number.toBigIntegerExact());
                        return new Literal(value, null);
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw failure(text, "unexpected argument '" + token + "'");
                    }
            }
        }

        private Literal string() {
            pos++; // opening quote
            StringBuilder value = new StringBuilder();
            StringBuilder template = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    value.append(escaped);
                    template.append('\\').append(escaped);
                } else if (c == '\'') {
                    return new Literal(NODES.textNode(value.toString()), template.toString());
                } else {
                    value.append(c);
                    template.append(c);
                }
            }
            throw failure(text, "unterminated string");
        }

        /** A path runs to the next ',' or ')' outside brackets, parentheses and quotes. */
        private Path path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                pos++;
            }
            return new Path(text.substring(start, pos).trim());
        }

        private void expect(char c) {
            skipSpaces();
            if (peek() != c) {
                throw failure(text, "expected '" + c + "' at " + pos);
            }
            pos++;
        }

        private char peek() {
            if (pos >= text.length()) {
                throw failure(text, "unexpected end");
            }
            return text.charAt(pos);
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }
    }
}
