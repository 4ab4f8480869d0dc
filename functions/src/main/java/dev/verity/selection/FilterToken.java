package dev.verity.selection;

/** A lexical token of a filter query; {@code position} is the 1-based character position of its first character. */
record FilterToken(Kind kind, String text, int position) {

    enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A double-quoted identifier; text is the name without quotes. */
        QUOTED_NAME,
        /** A single-quoted string literal; text is its value. */
        STRING,
        NUMBER,
        /** An operator or punctuation mark. */
        SYMBOL,
        END
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The token as the user wrote it, for messages. */
    String describe() {
        return switch (kind) {
            case END -> "end of query";
            case STRING -> "'" + text.replace("'", "''") + "'";
            case QUOTED_NAME -> "\"" + text.replace("\"", "\"\"") + "\"";
            default -> "'" + text + "'";
        };
    }
}
