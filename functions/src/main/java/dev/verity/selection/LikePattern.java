package dev.verity.selection;

import java.util.regex.Pattern;

/** Translates an SQL LIKE pattern ({@code %} any run, {@code _} any one character, optional escape) to a regex. */
final class LikePattern {

    private LikePattern() {}

    /**
     * @param escape the escape character, or null for none
     * @throws IllegalArgumentException if the escape character is not followed by %, _ or itself
     */
    static Pattern compile(String pattern, Character escape) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                char next = i + 1 < pattern.length() ? pattern.charAt(++i) : 0;
                if (next != '%' && next != '_' && next != escape) {
                    throw new IllegalArgumentException("the escape character '" + escape
                            + "' must be followed by %, _ or itself in LIKE pattern '" + pattern + "'");
                }
                literal.append(next);
            } else if (c == '%' || c == '_') {
                appendLiteral(regex, literal);
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        appendLiteral(regex, literal);
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void appendLiteral(StringBuilder regex, StringBuilder literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
