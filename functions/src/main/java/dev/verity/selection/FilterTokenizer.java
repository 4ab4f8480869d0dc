package dev.verity.selection;

import java.util.ArrayList;
import java.util.List;

/** Splits a filter query into tokens: words, "quoted names", 'strings', numbers and symbols. */
final class FilterTokenizer {

    private static final List<String> TWO_CHAR_SYMBOLS = List.of("<=", ">=", "<>", "!=", "||");
    private static final String ONE_CHAR_SYMBOLS = "()[],.*=<>+-/%;";

    private final String query;
    private int pos;

    private FilterTokenizer(String query) {
        this.query = query;
    }

    static List<FilterToken> tokenize(String query) {
        return new FilterTokenizer(query).tokens();
    }

    private List<FilterToken> tokens() {
        List<FilterToken> tokens = new ArrayList<>();
        while (true) {
            while (pos < query.length() && Character.isWhitespace(query.charAt(pos))) {
                pos++;
            }
            if (pos == query.length()) {
                tokens.add(new FilterToken(FilterToken.Kind.END, "", pos + 1));
                return tokens;
            }
            tokens.add(token());
        }
    }

    private FilterToken token() {
        int start = pos;
        char c = query.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < query.length() && (Character.isLetterOrDigit(query.charAt(pos)) || query.charAt(pos) == '_')) {
                pos++;
            }
            return new FilterToken(FilterToken.Kind.WORD, query.substring(start, pos), start + 1);
        }
        if (isDigit(c) || (c == '.' && pos + 1 < query.length() && isDigit(query.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '\'') {
            return new FilterToken(FilterToken.Kind.STRING, quoted('\'', "string"), start + 1);
        }
        if (c == '"') {
            return new FilterToken(FilterToken.Kind.QUOTED_NAME, quoted('"', "quoted name"), start + 1);
        }
        if (pos + 1 < query.length() && TWO_CHAR_SYMBOLS.contains(query.substring(pos, pos + 2))) {
            pos += 2;
            return new FilterToken(FilterToken.Kind.SYMBOL, query.substring(start, pos), start + 1);
        }
        if (ONE_CHAR_SYMBOLS.indexOf(c) >= 0) {
            pos++;
            return new FilterToken(FilterToken.Kind.SYMBOL, String.valueOf(c), start + 1);
        }
        throw new FilterSyntaxException("unexpected character '" + c + "' at position " + (start + 1), start + 1);
    }

    /** Digits with an optional fraction and exponent: 12, 1.5, .5, 2e10, 1.5E-3. */
    private FilterToken number(int start) {
        skipDigits();
        if (pos < query.length() && query.charAt(pos) == '.') {
            pos++;
            skipDigits();
        }
        if (pos < query.length() && (query.charAt(pos) == 'e' || query.charAt(pos) == 'E')) {
            int exponent = pos + 1;
            if (exponent < query.length() && (query.charAt(exponent) == '+' || query.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < query.length() && isDigit(query.charAt(exponent))) {
                pos = exponent;
                skipDigits();
            }
        }
        return new FilterToken(FilterToken.Kind.NUMBER, query.substring(start, pos), start + 1);
    }

    /** The text between {@code quote}s, a doubled quote standing for one. */
    private String quoted(char quote, String what) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < query.length()) {
            char c = query.charAt(pos++);
            if (c != quote) {
                value.append(c);
            } else if (pos < query.length() && query.charAt(pos) == quote) {
                value.append(quote);
                pos++;
            } else {
                return value.toString();
            }
        }
        throw new FilterSyntaxException(
                "unterminated " + what + " starting at position " + (start + 1) + "; expected a closing " + quote,
                start + 1);
    }

    private void skipDigits() {
        while (pos < query.length() && isDigit(query.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
